package nl.factorspel.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** A client of the Vert.x event-bus bridge speaking real SockJS over a websocket, as a script would. */
final class BridgeClient implements AutoCloseable {

    private BridgeSocket socket;
    private final String token;
    private final Map<String, Consumer<JsonObject>> handlers = new ConcurrentHashMap<>();
    /** Error frames that answer no request (a refused register, for example). */
    final BlockingQueue<JsonObject> errors = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private BridgeClient(String token) {
        this.token = token;
    }

    static BridgeClient connect(Vertx vertx, int port, String token) throws Exception {
        return connect(vertx, port, token, false);
    }

    /** A client whose websocket asks for permessage-deflate when {@code compression}. */
    static BridgeClient connect(Vertx vertx, int port, String token, boolean compression) throws Exception {
        BridgeClient client = new BridgeClient(token);
        client.socket = BridgeSocket.open(vertx, port, client::onUnanswered, () -> client.closed.complete(null), compression);
        return client;
    }

    BridgeSocket socket() {
        return socket;
    }

    private void onUnanswered(JsonObject frame) {
        String address = frame.getString("address");
        if ("err".equals(frame.getString("type"))) {
            errors.add(frame);
        } else if (address != null && handlers.containsKey(address)) {
            handlers.get(address).accept(frame.getJsonObject("body"));
        }
    }

    /** Sends a frame exactly as given (for tests of malformed or oversized frames). */
    void sendRaw(JsonObject frame) {
        socket.write(frame);
    }

    CompletableFuture<JsonObject> send(String address, JsonObject body) {
        return send(address, body, token);
    }

    CompletableFuture<JsonObject> send(String address, JsonObject body, String withToken) {
        return socket.request(address, body, withToken);
    }

    /** Sends a command and waits for its reply (throwing {@link BridgeSocket.Failure} on rejection). */
    JsonObject command(JsonObject body) throws Exception {
        return BridgeSocket.await(send("fs.command", body), 10);
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
        socket.close();
    }
}
