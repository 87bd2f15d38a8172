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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** The generator dropped the socket on purpose ({@link #drop}). */
    private volatile boolean dropping;
    /** Between SockJS's "o" and the socket's close: a socket still connecting takes no frames. */
    private volatile boolean open;
    private final AtomicLong replyCounter = new AtomicLong();
    private final AtomicLong commandCounter = new AtomicLong();
    private final Map<String, ReplyHandler> replies = new ConcurrentHashMap<>();
    private final Map<String, EventHandler> handlers = new ConcurrentHashMap<>();
    /** Called on the client's event loop when the server closed the socket (not when the client did). */
    volatile Runnable onLost;
    /** {@link System#nanoTime()} when the last connection attempt started, and when its websocket upgrade was answered. */
    volatile long connectStarted;
    volatile long upgraded;
    /** True once this socket registered for the client's addresses; false from the moment it closes. */
    private volatile boolean following;
    /**
     * The outbox of a client that reconnects ({@link #onLost} set): commands sent while it has no socket,
     * and commands whose reply the closed socket took with it, in the order they were sent; they go out
     * again with the same command id after the catch-up ({@link #sendWaiting}), as the web client's
     * outbox does ({@code bus.js}). The server applies a command id at most once.
     */
    private final List<Waiting> waiting = new ArrayList<>();
    private final Map<String, Waiting> sentKept = new LinkedHashMap<>();

    private record Waiting(String address, JsonObject body, ReplyHandler onReply) {
    }

    /**
     * The web client's first reconnection delay ({@code vertxbus_reconnect_delay_min} in {@code bus.js};
     * {@code vertx-eventbus.js} draws the first attempt between half and one and a half times it).
     */
    static final long RECONNECT_DELAY_MIN_MILLIS = 200;
    /** The longest wait between two attempts ({@code vertxbus_reconnect_delay_max} in {@code bus.js}). */
    static final long RECONNECT_DELAY_MAX_MILLIS = 4000;

    /** A reconnection delay drawn as {@code vertx-eventbus.js} draws it for attempt {@code attempt} (0 first). */
    static long reconnectDelayMillis(int attempt) {
        double ms = RECONNECT_DELAY_MIN_MILLIS * Math.pow(2, attempt);
        double deviation = ThreadLocalRandom.current().nextDouble() * 0.5 * ms;
        ms = ThreadLocalRandom.current().nextBoolean() ? ms - deviation : ms + deviation;
        return (long) Math.min(ms, RECONNECT_DELAY_MAX_MILLIS);
    }

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
            if (!closing && !dropping) {
                stats.disconnects.increment();
            }
            dropping = false;
            following = false;
            opened.tryFail("closed before it opened");
            List<Waiting> kept;
            synchronized (this) {
                kept = new ArrayList<>(sentKept.values());
                sentKept.keySet().forEach(replies::remove);
                sentKept.clear();
                waiting.addAll(0, kept);
            }
            replies.values().forEach(r -> r.onReply(null, -1, "connection closed", System.nanoTime()));
            replies.clear();
            cancelPing(vertx);
            Runnable lost = onLost;
            if (!closing && lost != null && opened.future().succeeded()) {
                lost.run();
            }
        });
        connectStarted = System.nanoTime();
        ws.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI(path))
                .onFailure(opened::tryFail)
                .onSuccess(v -> upgraded = System.nanoTime())
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
                synchronized (this) {
                    sentKept.remove(address);
                }
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
        send(address, body, onReply, false);
    }

    /**
     * Sends a command: a client that reconnects keeps it in its outbox while it has no socket, or when
     * its socket closes before the reply, and sends it again after the catch-up; any other client has
     * it refused ({@code connection closed}).
     */
    void sendCommand(String address, JsonObject body, ReplyHandler onReply) {
        send(address, body, onReply, true);
    }

    private void send(String address, JsonObject body, ReplyHandler onReply, boolean keep) {
        boolean outbox = keep && onLost != null;
        synchronized (this) {
            if (outbox && (!isOpen() || !waiting.isEmpty())) {
                waiting.add(new Waiting(address, body, onReply));
                return;
            }
        }
        if (!isOpen()) {
            onReply.onReply(null, -1, "connection closed", System.nanoTime());
            return;
        }
        String replyAddress = name + "." + replyCounter.incrementAndGet();
        replies.put(replyAddress, onReply);
        if (outbox) {
            synchronized (this) {
                sentKept.put(replyAddress, new Waiting(address, body, onReply));
            }
        }
        sendRaw(new JsonObject().put("type", "send").put("address", address)
                .put("headers", new JsonObject().put("token", token))
                .put("replyAddress", replyAddress).put("body", body));
    }

    /** After the catch-up: sends what waited in the outbox, in order, with the same command ids; returns how many. */
    int sendWaiting() {
        List<Waiting> out;
        synchronized (this) {
            out = new ArrayList<>(waiting);
            waiting.clear();
        }
        out.forEach(w -> send(w.address(), w.body(), w.onReply(), true));
        return out.size();
    }

    /** Open and registered for its addresses: a live event or motion sent now reaches it. */
    boolean isFollowing() {
        return following && isOpen();
    }

    /** Sends without a reply (as {@code bus.fire} does for drag motion). */
    void fire(String address, JsonObject body) {
        sendRaw(new JsonObject().put("type", "send").put("address", address)
                .put("headers", new JsonObject().put("token", token)).put("body", body));
    }

    void register(String address, EventHandler handler) {
        following = true;
        handlers.put(address, handler);
        sendRaw(new JsonObject().put("type", "register").put("address", address)
                .put("headers", new JsonObject().put("token", token)));
    }

    /** After a reconnect: registers again for every address this client follows (a new socket follows nothing). */
    void registerAgain() {
        following = true;
        handlers.keySet().forEach(address -> sendRaw(new JsonObject().put("type", "register").put("address", address)
                .put("headers", new JsonObject().put("token", token))));
    }

    boolean isOpen() {
        WebSocket ws = socket;
        return open && ws != null && !ws.isClosed();
    }

    /**
     * Drops the socket as a network blip does: the client's {@link #onLost} runs, its outbox keeps what was
     * in flight, and the drop is not counted as a disconnect (the generator made it).
     */
    void drop() {
        WebSocket ws = socket;
        if (ws != null && !ws.isClosed()) {
            dropping = true;
            ws.close();
        }
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
