package nl.factorspel.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator's failover keeps commands as the web client's outbox does: a client that will
 * reconnect keeps a command whose reply its closed socket took with it, and a command issued while it
 * has no socket, and sends both again, in order and with the same command id, once told (after its
 * catch-up); a client that will not reconnect has them refused. Against a small SockJS server that
 * answers only when the test says so.
 */
class SockJsClientOutboxTest {

    private Vertx vertx;
    private HttpServer server;
    private WebSocketClient wsClient;
    private final List<SockJSSocket> sockets = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonObject> sends = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).socketHandler(socket -> {
            sockets.add(socket);
            socket.handler(data -> {
                JsonObject frame = new JsonObject(data.toString());
                if ("send".equals(frame.getString("type"))) {
                    sends.add(frame.put("socket", sockets.indexOf(socket)));
                }
            });
        }));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        wsClient = vertx.createWebSocketClient();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private SockJsClient connected(SockJsClient client) throws Exception {
        client.connect(vertx, wsClient, "127.0.0.1", server.actualPort()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return client;
    }

    private void answer(JsonObject send) {
        SockJSSocket socket = sockets.get(send.getInteger("socket"));
        JsonObject reply = new JsonObject().put("type", "rec").put("address", send.getString("replyAddress"))
                .put("body", new JsonObject().put("ok", true).put("commandId", send.getJsonObject("body").getString("commandId")));
        socket.write(reply.encode());
    }

    private static JsonObject command(String id) {
        return new JsonObject().put("type", "writeNote").put("commandId", id);
    }

    @Test
    void aClientThatReconnectsSendsWhatItsClosedSocketTookAndWhatWaitedAgainInOrderWithTheSameIds() throws Exception {
        SockJsClient client = connected(new SockJsClient("c", "t", new Stats()));
        BlockingQueue<String> lost = new LinkedBlockingQueue<>();
        client.onLost = () -> lost.add("lost");
        BlockingQueue<String> answered = new LinkedBlockingQueue<>();
        SockJsClient.ReplyHandler record = (body, code, message, at) -> answered.add(body == null ? "refused " + code : body.getString("commandId"));

        vertx.runOnContext(v -> client.sendCommand("fs.command", command("c-1"), record));
        JsonObject first = sends.poll(10, TimeUnit.SECONDS);
        assertNotNull(first);
        sockets.get(0).close(); // the member dies with c-1 unanswered
        assertEquals("lost", lost.poll(10, TimeUnit.SECONDS));
        vertx.runOnContext(v -> client.sendCommand("fs.command", command("c-2"), record)); // issued with no socket

        connected(client);
        Thread.sleep(200);
        assertTrue(sends.isEmpty(), "nothing goes out before the catch-up: " + sends);
        assertTrue(answered.isEmpty(), "nothing was refused: " + answered);
        BlockingQueue<Integer> resent = new LinkedBlockingQueue<>();
        vertx.runOnContext(v -> resent.add(client.sendWaiting()));
        assertEquals(2, resent.poll(10, TimeUnit.SECONDS));
        JsonObject again1 = sends.poll(10, TimeUnit.SECONDS);
        JsonObject again2 = sends.poll(10, TimeUnit.SECONDS);
        assertNotNull(again2);
        assertEquals(List.of("c-1", "c-2"), List.of(again1.getJsonObject("body").getString("commandId"), again2.getJsonObject("body").getString("commandId")));
        assertEquals(1, again1.getInteger("socket"));
        answer(again1);
        answer(again2);
        assertEquals("c-1", answered.poll(10, TimeUnit.SECONDS));
        assertEquals("c-2", answered.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatWillNotReconnectHasACommandInFlightRefusedWhenItsSocketCloses() throws Exception {
        SockJsClient client = connected(new SockJsClient("c", "t", new Stats()));
        BlockingQueue<String> answered = new LinkedBlockingQueue<>();
        vertx.runOnContext(v -> client.sendCommand("fs.command", command("c-1"),
                (body, code, message, at) -> answered.add(body == null ? "refused " + code : "answered")));
        assertNotNull(sends.poll(10, TimeUnit.SECONDS));
        sockets.get(0).close();
        assertEquals("refused -1", answered.poll(10, TimeUnit.SECONDS));
        vertx.runOnContext(v -> client.sendCommand("fs.command", command("c-2"),
                (body, code, message, at) -> answered.add(body == null ? "refused " + code : "answered")));
        assertEquals("refused -1", answered.poll(10, TimeUnit.SECONDS));
        Thread.sleep(100);
        assertTrue(sends.isEmpty(), "refused, not sent: " + sends);
    }
}
