package nl.factorspel.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client of the Vert.x event-bus bridge speaking real SockJS over a websocket (the framing the
 * browser's SockJS uses: "o" to open, "a[...]" for messages, "h" heartbeats), as a script would.
 */
final class BridgeClient implements AutoCloseable {

    /** A failed reply: the status-like failure code and the {code,message} JSON the server sent. */
    static final class Failure extends RuntimeException {
        final int status;
        final String code;

        Failure(int status, String message) {
            super(message);
            this.status = status;
            String c;
            try {
                c = new JsonObject(message).getString("code");
            } catch (RuntimeException e) {
                c = message;
            }
            this.code = c;
        }
    }

    private final WebSocketClient wsClient;
    private WebSocket socket;
    private final String token;
    private final Map<String, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonObject>> handlers = new ConcurrentHashMap<>();
    /** Error frames that answer no request (a refused register, for example). */
    final BlockingQueue<JsonObject> errors = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private BridgeClient(Vertx vertx, String token) {
        this.wsClient = vertx.createWebSocketClient();
        this.token = token;
    }

    static BridgeClient connect(Vertx vertx, int port, String token) throws Exception {
        BridgeClient client = new BridgeClient(vertx, token);
        String path = "/eventbus/" + ThreadLocalRandom.current().nextInt(100, 999) + "/" + UUID.randomUUID().toString().substring(0, 8) + "/websocket";
        CompletableFuture<Void> opened = new CompletableFuture<>();
        // Handlers are set in the connect callback, on the event loop, before any frame can be missed.
        client.socket = client.wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path))
                .onSuccess(ws -> {
                    ws.textMessageHandler(text -> client.onFrame(text, opened));
                    ws.closeHandler(v -> {
                        client.closed.complete(null);
                        client.replies.values().forEach(f -> f.completeExceptionally(new IllegalStateException("connection closed")));
                    });
                })
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        opened.get(10, TimeUnit.SECONDS);
        return client;
    }

    private void onFrame(String text, CompletableFuture<Void> opened) {
        if (text.equals("o")) {
            opened.complete(null);
            return;
        }
        if (!text.startsWith("a")) {
            return;
        }
        for (Object item : new JsonArray(text.substring(1))) {
            JsonObject frame = new JsonObject((String) item);
            String address = frame.getString("address");
            CompletableFuture<JsonObject> reply = address == null ? null : replies.remove(address);
            if (reply != null) {
                if ("err".equals(frame.getString("type"))) {
                    reply.completeExceptionally(new Failure(frame.getInteger("failureCode", 0), frame.getString("message")));
                } else {
                    reply.complete(frame.getJsonObject("body"));
                }
            } else if ("err".equals(frame.getString("type"))) {
                errors.add(frame);
            } else if (address != null && handlers.containsKey(address)) {
                handlers.get(address).accept(frame.getJsonObject("body"));
            }
        }
    }

    /** Sends a frame exactly as given (for tests of malformed or oversized frames). */
    void sendRaw(JsonObject frame) {
        socket.writeTextMessage(new JsonArray().add(frame.encode()).encode());
    }

    CompletableFuture<JsonObject> send(String address, JsonObject body) {
        return send(address, body, token);
    }

    CompletableFuture<JsonObject> send(String address, JsonObject body, String withToken) {
        String replyAddress = UUID.randomUUID().toString();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(replyAddress, reply);
        JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("replyAddress", replyAddress)
                .put("body", body);
        if (withToken != null) {
            frame.put("headers", new JsonObject().put("token", withToken));
        }
        sendRaw(frame);
        return reply;
    }

    /** Sends a command and waits for its reply (throwing {@link Failure} on rejection). */
    JsonObject command(JsonObject body) throws Exception {
        try {
            return send("fs.command", body).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Failure f) {
                throw f;
            }
            throw e;
        }
    }

    void register(String address, Consumer<JsonObject> handler) {
        handlers.put(address, handler);
        sendRaw(new JsonObject().put("type", "register").put("address", address)
                .put("headers", new JsonObject().put("token", token)));
    }

    void publish(String address, JsonObject body) {
        sendRaw(new JsonObject().put("type", "publish").put("address", address).put("body", body)
                .put("headers", new JsonObject().put("token", token)));
    }

    @Override
    public void close() {
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
        wsClient.close();
    }
}
