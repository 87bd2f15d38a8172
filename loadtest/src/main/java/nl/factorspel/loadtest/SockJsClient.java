package nl.factorspel.loadtest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated browser tab: a client of the Vert.x event-bus bridge speaking real SockJS over a
 * websocket, as {@code sockjs.min.js} and {@code vertx-eventbus.js} do ("o" opens, "a[...]" carries
 * frames, "h" is the heartbeat; a {@code ping} frame every 5 s keeps the bridge from closing an idle
 * socket). Modelled on the server's test {@code BridgeClient}, but asynchronous: nothing here blocks,
 * so thousands of clients share a couple of event loops.
 */
final class SockJsClient {

    /** Receives an event: the address it came on, its body, and {@link System#nanoTime()} when its frame arrived. */
    interface EventHandler {
        void onEvent(SockJsClient receiver, String address, JsonObject body, long arrivedNanos);
    }

    /** The answer to a send: a body, or a failure code and its {code,message} text. */
    interface ReplyHandler {
        void onReply(JsonObject body, int failureCode, String failureMessage, long arrivedNanos);
    }

    static final long PING_MILLIS = 5_000;

    final String name;
    final String token;
    private final Stats stats;
    private WebSocket socket;
    private Context context;
    private long pingTimer = -1;
    private volatile boolean closing;
    /** Between SockJS's "o" and the socket's close: a socket still connecting takes no frames. */
    private volatile boolean open;
    private final AtomicLong replyCounter = new AtomicLong();
    private final AtomicLong commandCounter = new AtomicLong();
    private final Map<String, ReplyHandler> replies = new ConcurrentHashMap<>();
    private final Map<String, EventHandler> handlers = new ConcurrentHashMap<>();
    /** Called on the client's event loop when the server closed the socket (not when the client did). */
    volatile Runnable onLost;

    /** A command id unique to this client's sends, as the web client's outbox gives one (name and a counter). */
    String nextCommandId() {
        return name + "-" + commandCounter.incrementAndGet();
    }

    SockJsClient(String name, String token, Stats stats) {
        this.name = name;
        this.token = token;
        this.stats = stats;
    }

    /** Opens the socket; call it on the context the client should live on. Completes once SockJS said "o". */
    Future<SockJsClient> connect(Vertx vertx, WebSocketClient client, String host, int port) {
        Promise<SockJsClient> opened = Promise.promise();
        String path = "/eventbus/" + ThreadLocalRandom.current().nextInt(100, 999) + "/"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + "/websocket";
        // The handlers are set before the connection is made: SockJS's open frame can come in the same read
        // as the upgrade, and a handler set once connect() completes can miss it (the client then never opens).
        io.vertx.core.http.ClientWebSocket ws = client.webSocket();
        socket = ws;
        context = vertx.getOrCreateContext();
        ws.textMessageHandler(text -> onFrame(text, opened));
        ws.exceptionHandler(e -> stats.socketErrors.increment());
        ws.closeHandler(v -> {
            open = false;
            if (!closing) {
                stats.disconnects.increment();
            }
            opened.tryFail("closed before it opened");
            replies.values().forEach(r -> r.onReply(null, -1, "connection closed", System.nanoTime()));
            replies.clear();
            cancelPing(vertx);
            Runnable lost = onLost;
            if (!closing && lost != null && opened.future().succeeded()) {
                lost.run();
            }
        });
        ws.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI(path))
                .onFailure(opened::tryFail)
                .onSuccess(v -> pingTimer = vertx.setPeriodic(PING_MILLIS, id -> sendRaw(new JsonObject().put("type", "ping"))));
        return opened.future();
    }

    Context context() {
        return context;
    }

    private void cancelPing(Vertx vertx) {
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
            pingTimer = -1;
        }
    }

    private void onFrame(String text, Promise<SockJsClient> opened) {
        long now = System.nanoTime();
        if (text.isEmpty()) {
            return;
        }
        char kind = text.charAt(0);
        if (kind == 'o') {
            open = true;
            opened.tryComplete(this);
            return;
        }
        if (kind != 'a') {
            return; // "h" heartbeat, "c" close (the close handler follows)
        }
        JsonArray items = new JsonArray(text.substring(1));
        for (int i = 0; i < items.size(); i++) {
            JsonObject frame = new JsonObject(items.getString(i));
            String address = frame.getString("address");
            String type = frame.getString("type");
            ReplyHandler reply = address == null ? null : replies.remove(address);
            if (reply != null) {
                if ("err".equals(type)) {
                    reply.onReply(null, frame.getInteger("failureCode", 0), frame.getString("message"), now);
                } else {
                    reply.onReply(frame.getJsonObject("body"), 0, null, now);
                }
            } else if ("err".equals(type)) {
                stats.unansweredErrors.increment();
                stats.note("error frame without a request: " + frame.encode());
            } else if (address != null) {
                EventHandler handler = handlers.get(address);
                if (handler != null) {
                    Object body = frame.getValue("body");
                    handler.onEvent(this, address, body instanceof JsonObject json ? json : null, now);
                }
            }
        }
    }

    private void sendRaw(JsonObject frame) {
        WebSocket ws = socket;
        if (open && ws != null && !ws.isClosed()) {
            ws.writeTextMessage(new JsonArray().add(frame.encode()).encode());
        }
    }

    /** Sends with a reply expected; the handler runs on this client's event loop. */
    void send(String address, JsonObject body, ReplyHandler onReply) {
        if (!isOpen()) {
            // between a lost connection and the next one: refused at once, as the web client's outbox would hold it
            onReply.onReply(null, -1, "connection closed", System.nanoTime());
            return;
        }
        String replyAddress = name + "." + replyCounter.incrementAndGet();
        replies.put(replyAddress, onReply);
        sendRaw(new JsonObject().put("type", "send").put("address", address)
                .put("headers", new JsonObject().put("token", token))
                .put("replyAddress", replyAddress).put("body", body));
    }

    /** Sends without a reply (as {@code bus.fire} does for drag motion). */
    void fire(String address, JsonObject body) {
        sendRaw(new JsonObject().put("type", "send").put("address", address)
                .put("headers", new JsonObject().put("token", token)).put("body", body));
    }

    void register(String address, EventHandler handler) {
        handlers.put(address, handler);
        sendRaw(new JsonObject().put("type", "register").put("address", address)
                .put("headers", new JsonObject().put("token", token)));
    }

    /** After a reconnect: registers again for every address this client follows (a new socket follows nothing). */
    void registerAgain() {
        handlers.keySet().forEach(address -> sendRaw(new JsonObject().put("type", "register").put("address", address)
                .put("headers", new JsonObject().put("token", token))));
    }

    boolean isOpen() {
        WebSocket ws = socket;
        return open && ws != null && !ws.isClosed();
    }

    void close(Vertx vertx) {
        closing = true;
        cancelPing(vertx);
        WebSocket ws = socket;
        if (ws != null && !ws.isClosed()) {
            ws.close();
        }
    }
}
