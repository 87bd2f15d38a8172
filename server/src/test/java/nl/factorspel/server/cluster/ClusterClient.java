package nl.factorspel.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.BridgeSocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A realtime client as the web client is one: real SockJS over a websocket to one member's bridge,
 * streams folded strictly in seq order (an event ahead of the next expected one waits while
 * {@code fs.sync} fills the gap; one already held is ignored), and a reconnection, to any member,
 * that syncs every stream from the last seq it holds.
 */
final class ClusterClient implements AutoCloseable {

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

        synchronized boolean isSyncing() {
            return syncing;
        }
    }

    final String name;
    final String token;
    final String workshopId;
    private final Vertx vertx;
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private volatile BridgeSocket socket;
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
        socket = BridgeSocket.open(vertx, port, this::onUnanswered, () -> { });
        for (Stream stream : streams.values()) {
            socket.write(new JsonObject().put("type", "register").put("address", stream.address)
                    .put("headers", new JsonObject().put("token", token)));
        }
        // As the web client does on every (re)connection: fetch whatever was missed.
        streams.values().forEach(Stream::sync);
    }

    /** Moves to another member, as a browser does when its server went away, and catches up there. */
    void reconnect(int port) throws Exception {
        socket.close();
        open(port);
    }

    private void onUnanswered(JsonObject frame) {
        String address = frame.getString("address");
        if (address != null && streams.containsKey(address) && "rec".equals(frame.getString("type"))) {
            streams.get(address).onEvent(frame.getJsonObject("body"));
        }
    }

    CompletableFuture<JsonObject> send(String address, JsonObject body) {
        BridgeSocket s = socket;
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
        }
        return s.request(address, body, token);
    }

    /** Sends a command and waits for its reply: {ok, seq}, or {@link BridgeSocket.Failure}. */
    JsonObject command(JsonObject body) throws Exception {
        return BridgeSocket.await(send("fs.command", body), 20);
    }

    Stream stream(Integer table) {
        return streams.get(table == null ? "fs.workshop." + workshopId : "fs.table." + workshopId + "." + table);
    }

    /** Waits until no stream is catching up (the catch-up every connection starts with is answered). */
    void awaitCaughtUp(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Stream s : streams.values()) {
            while (s.isSyncing()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError(name + " is still catching up on " + s.address + " after " + millis + " ms");
                }
                Thread.sleep(10);
            }
        }
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
        if (socket != null) {
            socket.close();
        }
    }
}
