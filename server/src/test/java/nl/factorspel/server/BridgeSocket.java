package nl.factorspel.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One SockJS session over a websocket to a server's event-bus bridge, framed as the browser's SockJS
 * frames it ("o" to open, "a[...]" for messages, "h" heartbeats): frames out, and replies matched to the
 * requests that asked for them; every other frame goes to the owner.
 */
public final class BridgeSocket implements AutoCloseable {

    /** A failed reply: the status-like failure code and the {code,message} JSON the server sent. */
    public static final class Failure extends RuntimeException {
        public final int status;
        public final String code;

        Failure(int status, String message) {
            super(status + " " + message);
            this.status = status;
            String c;
            try {
                c = new JsonObject(message).getString("code");
            } catch (RuntimeException e) {
                c = message;
            }
            this.code = c;
        }

        /** A refusal by the domain (the command changed nothing), as opposed to a transport failure. */
        public boolean rejection() {
            return status >= 400 && status < 500;
        }
    }

    private final WebSocketClient wsClient;
    private final Consumer<JsonObject> unanswered;
    private final Map<String, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private WebSocket socket;

    /** Whether the websocket negotiated permessage-deflate. */
    public boolean compressed() {
        return socket.headers() != null && String.valueOf(socket.headers().get("Sec-WebSocket-Extensions")).contains("permessage-deflate");
    }

    /** The websocket's close code once closed (null before, or when the peer sent none). */
    public Short closeStatus() {
        return socket.closeStatusCode();
    }

    /** The SockJS close frame ({@code c[code,"reason"]}) the server sent, if any, as [code, reason]. */
    public volatile JsonArray closeFrame;

    private BridgeSocket(Vertx vertx, Consumer<JsonObject> unanswered, boolean compression) {
        this.wsClient = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
                .setTryUsePerMessageCompression(compression));
        this.unanswered = unanswered;
    }

    /**
     * Opens a session with the bridge of the server on {@code port}. {@code unanswered} hears every frame
     * that answers no request (events, refusals of a register); {@code onClose} runs when the connection closes.
     */
    public static BridgeSocket open(Vertx vertx, int port, Consumer<JsonObject> unanswered, Runnable onClose) throws Exception {
        return open(vertx, port, unanswered, onClose, false);
    }

    /** As {@link #open(Vertx, int, Consumer, Runnable)}, asking for permessage-deflate when {@code compression}. */
    public static BridgeSocket open(Vertx vertx, int port, Consumer<JsonObject> unanswered, Runnable onClose, boolean compression) throws Exception {
        BridgeSocket bridge = new BridgeSocket(vertx, unanswered, compression);
        String path = "/eventbus/" + ThreadLocalRandom.current().nextInt(100, 999) + "/" + UUID.randomUUID().toString().substring(0, 8) + "/websocket";
        CompletableFuture<Void> opened = new CompletableFuture<>();
        // The handlers are set before the connection is made: the server sends SockJS's open frame right
        // after the upgrade, often in the same read, and a handler set once connect() completes can miss it.
        io.vertx.core.http.ClientWebSocket ws = bridge.wsClient.webSocket();
        ws.textMessageHandler(text -> bridge.onFrame(text, opened));
        ws.closeHandler(v -> {
            bridge.failReplies();
            onClose.run();
        });
        bridge.socket = ws;
        ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        opened.get(10, TimeUnit.SECONDS);
        return bridge;
    }

    private void onFrame(String text, CompletableFuture<Void> opened) {
        if (text.equals("o")) {
            opened.complete(null);
            return;
        }
        if (text.startsWith("c[")) {
            closeFrame = new JsonArray(text.substring(1));
            return;
        }
        if (!text.startsWith("a")) {
            return;
        }
        for (Object item : new JsonArray(text.substring(1))) {
            JsonObject frame = new JsonObject((String) item);
            String address = frame.getString("address");
            CompletableFuture<JsonObject> reply = address == null ? null : replies.remove(address);
            if (reply == null) {
                unanswered.accept(frame);
            } else if ("err".equals(frame.getString("type"))) {
                reply.completeExceptionally(new Failure(frame.getInteger("failureCode", 0), frame.getString("message")));
            } else {
                reply.complete(frame.getJsonObject("body"));
            }
        }
    }

    private void failReplies() {
        replies.values().forEach(f -> f.completeExceptionally(new IllegalStateException("connection closed")));
        replies.clear();
    }

    /** Writes a frame exactly as given (also for tests of malformed or oversized frames). */
    public void write(JsonObject frame) {
        socket.writeTextMessage(new JsonArray().add(ApiClient.ascii(frame)).encode());
    }

    /** Writes a frame as one websocket frame however large (a browser does; Vert.x's client would fragment it). */
    public void writeUnfragmented(JsonObject frame) {
        socket.writeFrame(io.vertx.core.http.WebSocketFrame.textFrame(new JsonArray().add(frame.encode()).encode(), true));
    }

    /** Sends {@code body} to {@code address} with a token (none when null); completes with the reply, or {@link Failure}. */
    public CompletableFuture<JsonObject> request(String address, JsonObject body, String token) {
        String replyAddress = UUID.randomUUID().toString();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        if (socket.isClosed()) {
            reply.completeExceptionally(new IllegalStateException("not connected"));
            return reply;
        }
        replies.put(replyAddress, reply);
        JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("replyAddress", replyAddress)
                .put("body", body);
        if (token != null) {
            frame.put("headers", new JsonObject().put("token", token));
        }
        write(frame);
        return reply;
    }

    /** Waits for a reply; a {@link Failure} is thrown as itself. */
    public static JsonObject await(CompletableFuture<JsonObject> reply, long seconds) throws Exception {
        try {
            return reply.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failure f) {
                throw f;
            }
            throw e;
        }
    }

    /** Closes the session; requests still waiting for a reply fail. */
    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
        failReplies();
        wsClient.close();
    }
}
