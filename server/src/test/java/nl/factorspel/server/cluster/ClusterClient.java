package nl.factorspel.server.cluster;

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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A realtime client as the web client is one: real SockJS over a websocket to one member's bridge,
 * streams folded strictly in seq order (an event ahead of the next expected one waits while
 * {@code fs.sync} fills the gap; one already held is ignored), and a reconnection, to any member,
 * that syncs every stream from the last seq it holds.
 */
final class ClusterClient implements AutoCloseable {

    /** A rejection or failure reply: the failure code and the {code,message} the server sent. */
    static final class Failure extends RuntimeException {
        final int status;
        final String code;

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
        boolean rejection() {
            return status >= 400 && status < 500;
        }
    }

    /** One stream: the events folded so far, in seq order, gap-free. */
    final class Stream {
        final String address;
        final Integer table;
        long seq;
        final List<JsonObject> events = new ArrayList<>();
        final TreeMap<Long, JsonObject> ahead = new TreeMap<>();
        int duplicates;
        int gaps;
        boolean syncing;
        boolean again;

        Stream(String address, Integer table) {
            this.address = address;
            this.table = table;
        }

        synchronized void onEvent(JsonObject event) {
            long s = event.getLong("seq");
            if (s <= seq) {
                duplicates++;
                return;
            }
            if (s == seq + 1 && !syncing) {
                fold(event);
                drain();
                return;
            }
            ahead.put(s, event);
            gaps++;
            sync();
        }

        private void fold(JsonObject event) {
            events.add(event);
            seq = event.getLong("seq");
        }

        private void drain() {
            while (ahead.containsKey(seq + 1)) {
                fold(ahead.remove(seq + 1));
            }
            ahead.headMap(seq, true).clear();
        }

        synchronized void sync() {
            if (syncing) {
                again = true;
                return;
            }
            syncing = true;
            JsonObject body = new JsonObject().put("workshopId", workshopId).put("sinceSeq", seq);
            if (table != null) {
                body.put("table", table);
            }
            send("fs.sync", body).orTimeout(5, TimeUnit.SECONDS).whenComplete((reply, failure) -> synced(reply, failure));
        }

        private synchronized void synced(JsonObject reply, Throwable failure) {
            syncing = false;
            if (failure != null) {
                if (!closed) {
                    vertx.setTimer(500, id -> sync());
                }
                return;
            }
            if (reply.containsKey("snapshot")) {
                throw new AssertionError(name + ": a snapshot was not expected in these tests");
            }
            for (Object o : reply.getJsonArray("events")) {
                JsonObject event = (JsonObject) o;
                if (event.getLong("seq") == seq + 1) {
                    fold(event);
                }
            }
            drain();
            if (again) {
                again = false;
                sync();
            } else if (!ahead.isEmpty() && !closed) {
                vertx.setTimer(300, id -> sync());
            }
        }

        synchronized List<JsonObject> snapshot() {
            return List.copyOf(events);
        }

        synchronized long seq() {
            return seq;
        }
    }

    final String name;
    final String token;
    final String workshopId;
    private final Vertx vertx;
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private WebSocketClient wsClient;
    private WebSocket socket;
    private volatile boolean closed;
    volatile int port;
    /** How often {@link #awaitSeq} had to ask for a sync because nothing arrived. */
    volatile int stalledSyncs;

    private ClusterClient(Vertx vertx, String name, String token, String workshopId) {
        this.vertx = vertx;
        this.name = name;
        this.token = token;
        this.workshopId = workshopId;
    }

    /** Connects to the bridge of the server on {@code port} and follows the workshop stream and the given tables. */
    static ClusterClient connect(Vertx vertx, int port, String name, String token, String workshopId, Integer... tables) throws Exception {
        ClusterClient client = new ClusterClient(vertx, name, token, workshopId);
        client.streams.put("fs.workshop." + workshopId, client.new Stream("fs.workshop." + workshopId, null));
        for (Integer t : tables) {
            String address = "fs.table." + workshopId + "." + t;
            client.streams.put(address, client.new Stream(address, t));
        }
        client.open(port);
        return client;
    }

    private void open(int port) throws Exception {
        this.port = port;
        wsClient = vertx.createWebSocketClient();
        String path = "/eventbus/" + ThreadLocalRandom.current().nextInt(100, 999) + "/" + UUID.randomUUID().toString().substring(0, 8) + "/websocket";
        CompletableFuture<Void> opened = new CompletableFuture<>();
        WebSocket ws = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path))
                .onSuccess(s -> {
                    s.textMessageHandler(text -> onFrame(text, opened));
                    s.closeHandler(v -> replies.values().forEach(f -> f.completeExceptionally(new IllegalStateException("connection closed"))));
                })
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        opened.get(10, TimeUnit.SECONDS);
        socket = ws;
        for (Stream stream : streams.values()) {
            socket.writeTextMessage(new JsonArray().add(new JsonObject().put("type", "register").put("address", stream.address)
                    .put("headers", new JsonObject().put("token", token)).encode()).encode());
        }
        // As the web client does on every (re)connection: fetch whatever was missed.
        streams.values().forEach(Stream::sync);
    }

    /** Moves to another member, as a browser does when its server went away, and catches up there. */
    void reconnect(int port) throws Exception {
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
        replies.values().forEach(f -> f.completeExceptionally(new IllegalStateException("reconnected")));
        replies.clear();
        wsClient.close();
        open(port);
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
            } else if (address != null && streams.containsKey(address) && "rec".equals(frame.getString("type"))) {
                streams.get(address).onEvent(frame.getJsonObject("body"));
            }
        }
    }

    CompletableFuture<JsonObject> send(String address, JsonObject body) {
        String replyAddress = UUID.randomUUID().toString();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(replyAddress, reply);
        JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("replyAddress", replyAddress)
                .put("body", body).put("headers", new JsonObject().put("token", token));
        WebSocket s = socket;
        if (s == null || s.isClosed()) {
            replies.remove(replyAddress);
            reply.completeExceptionally(new IllegalStateException("not connected"));
            return reply;
        }
        s.writeTextMessage(new JsonArray().add(frame.encode()).encode());
        return reply;
    }

    /** Sends a command and waits for its reply: {ok, seq}, or {@link Failure}. */
    JsonObject command(JsonObject body) throws Exception {
        try {
            return send("fs.command", body).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failure f) {
                throw f;
            }
            throw e;
        }
    }

    Stream stream(Integer table) {
        return streams.get(table == null ? "fs.workshop." + workshopId : "fs.table." + workshopId + "." + table);
    }

    /** Waits until a stream holds the events up to {@code seq}. */
    void awaitSeq(Integer table, long seq, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        Stream s = stream(table);
        long last = s.seq();
        long progressed = System.currentTimeMillis();
        while (s.seq() < seq) {
            long now = System.currentTimeMillis();
            if (now > deadline) {
                throw new AssertionError(name + " holds " + (table == null ? "workshop" : "table " + table) + " up to seq "
                        + s.seq() + ", not " + seq + " after " + millis + " ms");
            }
            if (s.seq() != last) {
                last = s.seq();
                progressed = now;
            } else if (now - progressed > 2000) {
                // Nothing new for a while: a real client would sync on its next event or reconnection.
                stalledSyncs++;
                s.sync();
                progressed = now;
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
        if (wsClient != null) {
            wsClient.close();
        }
    }
}
