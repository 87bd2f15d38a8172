package nl.factorspel.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event-bus bridge protocol of {@code vertx-eventbus.js} over SockJS ({@code docs/protocol.md}):
 * {@code send} with a reply address, {@code register}, {@code unregister}, {@code ping}, answered with
 * {@code rec} and {@code err} frames exactly as Vert.x's own bridge answers them, so no client changes.
 * <p>
 * It is ours rather than Vert.x's for the path a frame takes: a client's frame is parsed once and handed
 * to the {@link Gate} on the connection's own event loop (no event-bus hop, no re-encoding to check its
 * size); an event is encoded once however many people follow its stream, and each server (each member of
 * a cluster) has one event-bus consumer per stream that its connections follow, not one per connection.
 * What may be sent and followed is the {@link Gate}'s to decide.
 */
final class Bridge implements Handler<SockJSSocket> {

    /** The longest address taken; every address of the catalogue is far shorter. */
    static final int MAX_ADDRESS_LENGTH = 200;
    /** vertx-eventbus.js makes reply addresses of 36 characters (a UUID). */
    static final int MAX_REPLY_ADDRESS_LENGTH = 36;

    /** What the server decides about a connection's frames. */
    interface Gate {
        void opened(Connection connection);

        void closed(Connection connection);

        /** A {@code send}: {@code frameBytes} is the size of the whole frame as it arrived. */
        void send(Connection connection, String address, JsonNode frame, int frameBytes, String replyAddress);

        /**
         * Whether the connection may follow {@code address} with {@code token}, told to {@code verdict} (at
         * once when the gate knows, so that the connection's next frames find it following), or never when
         * the gate closes the connection instead.
         */
        void mayFollow(Connection connection, String address, String token, java.util.function.Consumer<Boolean> verdict);

        /** A registration ended (unregistered, refused later, or its connection closed). */
        void unfollowed(Connection connection, String address);

        /** The socket failed (an oversized message, a reset); it is closed right after. */
        void failed(Connection connection, String why);
    }

    /** One SockJS connection and the streams it follows. */
    static final class Connection {
        final SockJSSocket socket;
        final String id;
        /** The streams of the event loop this connection lives on. */
        final Streams streams;
        /** That event loop: every frame is written to the socket there, in the order it was queued. */
        final Context loop;
        volatile long lastPing = System.currentTimeMillis();
        /** The streams it follows, with the token each was registered with. */
        final Map<String, String> following = new ConcurrentHashMap<>();
        /** The gate's memo of the last token it checked for this connection. */
        Object tokenMemo;

        Connection(SockJSSocket socket, String id, Streams streams, Context loop) {
            this.socket = socket;
            this.id = id;
            this.streams = streams;
            this.loop = loop;
        }

        /**
         * Writes a frame as a task on the connection's event loop, queued behind what is queued there already:
         * the events a command published before its answer are written before the answer (a write straight to
         * the socket, even from that loop, could overtake events still queued).
         */
        void write(String frame) {
            loop.runOnContext(v -> socket.write(frame));
        }

        /** Closes the socket after the frames queued for it are written. */
        void close() {
            loop.runOnContext(v -> socket.close());
        }
    }

    /** Names this server on the event bus, so that it does not deliver its own events twice. */
    private static final String ORIGIN_HEADER = "fs-origin";
    private final String origin = java.util.UUID.randomUUID().toString();
    private final Vertx vertx;
    private final long pingTimeoutMs;
    /** Streams one connection may follow at once. */
    private final int maxRegistrations;
    private Gate gate;
    private final AtomicLong counter = new AtomicLong();
    private final Map<SockJSSocket, Connection> connections = new ConcurrentHashMap<>();
    /** Each event loop's streams: the connections on a loop are fed by that loop's own consumers. */
    private final Map<Context, Streams> loops = new ConcurrentHashMap<>();

    /**
     * The streams followed on one event loop: per stream, its followers there and the one event-bus
     * consumer (on that loop) that writes each event to them. Changed under its own lock.
     */
    static final class Streams {
        private final Map<String, Stream> byAddress = new ConcurrentHashMap<>();
    }

    private static final class Stream {
        final List<Connection> followers = new CopyOnWriteArrayList<>();
        MessageConsumer<String> consumer;
        /** The highest seq written to the followers on this loop (touched on the loop only). */
        long deliveredSeq;
        /** Answers held until their command's event is written here (touched on the loop only). */
        final java.util.ArrayDeque<HeldAnswer> held = new java.util.ArrayDeque<>();
    }

    /** A command's answer waiting on its connection's loop for the event whose seq it reports. */
    private static final class HeldAnswer {
        final Connection connection;
        final long seq;
        final String frame;
        long timer;

        HeldAnswer(Connection connection, long seq, String frame) {
            this.connection = connection;
            this.seq = seq;
            this.frame = frame;
        }
    }

    /** The longest an answer waits for its command's event: an event that is lost is caught up by fs.sync. */
    static final long HOLD_ANSWER_MILLIS = 1000;
    /** The event-bus header with an event's seq, so that a member knows what it delivered. */
    private static final String SEQ_HEADER = "fs-seq";

    Bridge(Vertx vertx, long pingTimeoutMs, int maxRegistrations) {
        this.vertx = vertx;
        this.pingTimeoutMs = pingTimeoutMs;
        this.maxRegistrations = maxRegistrations;
    }

    void start(Gate gate) {
        this.gate = gate;
        // One sweep for every connection instead of a timer each: a client that stopped pinging is gone.
        vertx.setPeriodic(Math.max(1000, pingTimeoutMs / 3), id -> {
            long now = System.currentTimeMillis();
            connections.values().forEach(c -> {
                if (now - c.lastPing >= pingTimeoutMs) {
                    c.close();
                }
            });
        });
    }

    @Override
    public void handle(SockJSSocket socket) {
        // Vert.x hands each request a duplicate of its event loop's context: the loop is the one beneath it.
        Context loop = ((io.vertx.core.internal.ContextInternal) vertx.getOrCreateContext()).unwrap();
        Streams streams = loops.computeIfAbsent(loop, c -> new Streams());
        Connection connection = new Connection(socket, "c" + counter.incrementAndGet(), streams, loop);
        connections.put(socket, connection);
        socket.handler(data -> frame(connection, data));
        socket.exceptionHandler(failure -> {
            gate.failed(connection, failure.getMessage() == null ? failure.toString() : failure.getMessage());
            socket.close();
        });
        socket.endHandler(v -> closed(connection));
        gate.opened(connection);
    }

    private void closed(Connection connection) {
        if (connections.remove(connection.socket) == null) {
            return;
        }
        for (String address : List.copyOf(connection.following.keySet())) {
            unfollow(connection, address);
        }
        gate.closed(connection);
    }

    private void frame(Connection connection, Buffer data) {
        JsonNode frame;
        try {
            frame = WorkshopJson.MAPPER.readTree(data.getBytes());
        } catch (java.io.IOException e) {
            error(connection, "invalid_json");
            return;
        }
        if (frame == null || !frame.isObject()) {
            error(connection, "invalid_json");
            return;
        }
        String type = Gateway.text(frame, "type");
        if (type == null) {
            error(connection, "missing_type");
            return;
        }
        if (type.equals("ping")) {
            connection.lastPing = System.currentTimeMillis();
            return;
        }
        String address = Gateway.text(frame, "address");
        if (address == null) {
            error(connection, "missing_address");
            return;
        }
        switch (type) {
            case "send" -> {
                String replyAddress = Gateway.text(frame, "replyAddress");
                if (replyAddress != null && replyAddress.length() > MAX_REPLY_ADDRESS_LENGTH) {
                    error(connection, "invalid_reply_address");
                    return;
                }
                gate.send(connection, address, frame, data.length(), replyAddress);
            }
            case "publish" -> error(connection, "rejected"); // clients only send commands; the server publishes
            case "register" -> register(connection, address, frame);
            case "unregister" -> {
                if (connection.following.containsKey(address)) {
                    unfollow(connection, address);
                }
            }
            default -> error(connection, "invalid_type");
        }
    }

    private void register(Connection connection, String address, JsonNode frame) {
        if (address.length() > MAX_ADDRESS_LENGTH) {
            error(connection, "max_address_length_reached");
            return;
        }
        if (connection.following.size() >= maxRegistrations && !connection.following.containsKey(address)) {
            error(connection, "max_handlers_reached");
            return;
        }
        String token = Gateway.text(frame.path("headers"), "token");
        gate.mayFollow(connection, address, token, allowed -> {
            if (!connections.containsKey(connection.socket)) {
                return; // closed while its token was looked up
            }
            if (allowed) {
                follow(connection, address, token);
            } else {
                error(connection, "access_denied");
            }
        });
    }

    private void follow(Connection connection, String address, String token) {
        if (connection.following.put(address, token) != null) {
            return; // already following: one delivery per event, as before
        }
        Streams streams = connection.streams;
        synchronized (streams) {
            Stream stream = streams.byAddress.computeIfAbsent(address, a -> new Stream());
            stream.followers.add(connection);
            if (stream.consumer == null && vertx.isClustered()) {
                // Events published on other members of a cluster come over the event bus; registered here, on
                // the connection's event loop, so they are written from there. This server's own come directly.
                stream.consumer = vertx.eventBus().<String>consumer(address, message -> {
                    if (!origin.equals(message.headers().get(ORIGIN_HEADER))) {
                        deliver(stream, message.body(), seqOf(message.headers().get(SEQ_HEADER)));
                    }
                });
            }
        }
    }

    /** Ends one registration of one connection (on its event loop). */
    void unfollow(Connection connection, String address) {
        if (connection.following.remove(address) == null) {
            return;
        }
        Streams streams = connection.streams;
        synchronized (streams) {
            Stream stream = streams.byAddress.get(address);
            if (stream != null) {
                stream.followers.remove(connection);
                if (stream.followers.isEmpty()) {
                    streams.byAddress.remove(address);
                    if (stream.consumer != null) {
                        stream.consumer.unregister();
                    }
                }
            }
        }
        gate.unfollowed(connection, address);
    }

    /** Every connection of this server, for the gate to check its registrations again. */
    Iterable<Connection> connections() {
        return connections.values();
    }

    /** Publishes an encoded {@code rec} frame (an event with {@code seq}, or -1) to the followers of its stream on this server only. */
    void publishHere(String address, String frame, long seq) {
        loops.forEach((loop, streams) -> {
            Stream stream = streams.byAddress.get(address);
            if (stream != null) {
                loop.runOnContext(v -> deliver(stream, frame, seq));
            }
        });
    }

    /**
     * Writes one event, encoded once, to every connection of this event loop that follows its stream; then
     * the answers that waited for it.
     */
    private void deliver(Stream stream, String frame, long seq) {
        for (Connection connection : stream.followers) {
            connection.socket.write(frame);
        }
        if (seq > stream.deliveredSeq) {
            stream.deliveredSeq = seq;
            for (java.util.Iterator<HeldAnswer> it = stream.held.iterator(); it.hasNext(); ) {
                HeldAnswer answer = it.next();
                if (answer.seq <= seq) {
                    it.remove();
                    release(answer);
                }
            }
        }
    }

    private void release(HeldAnswer answer) {
        vertx.cancelTimer(answer.timer);
        answer.connection.socket.write(answer.frame);
    }

    private static long seqOf(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Publishes an encoded {@code rec} frame to every follower of its stream: on this server straight to
     * each event loop that has followers (a task queued on that loop, so what is published before a
     * command's reply is written before it), and over the event bus to the other members of a cluster.
     * {@code seq} is the event's (-1 for what is not an event, such as drag motion).
     */
    void publish(String address, String frame, long seq) {
        publishHere(address, frame, seq);
        if (vertx.isClustered()) {
            vertx.eventBus().publish(address, frame, new DeliveryOptions().addHeader(ORIGIN_HEADER, origin)
                    .addHeader(SEQ_HEADER, Long.toString(seq)));
        }
    }

    /**
     * Writes a command's answer once the connection has had the event it reports ({@code seq} on
     * {@code stream}): on one server the event is queued on the loop before the answer anyway, but in a
     * cluster a command sent on to its workshop's owner is answered by another way than its events come,
     * and the answer could overtake them. An answer for a stream the connection does not follow, or whose
     * event is written already, goes at once; one whose event does not come within
     * {@link #HOLD_ANSWER_MILLIS} goes then (the client catches up on its stream).
     */
    void answerAfter(Connection connection, String stream, long seq, String frame) {
        connection.loop.runOnContext(v -> {
            Stream s = connection.following.containsKey(stream) ? connection.streams.byAddress.get(stream) : null;
            if (s == null || seq <= s.deliveredSeq) {
                connection.socket.write(frame);
                return;
            }
            HeldAnswer answer = new HeldAnswer(connection, seq, frame);
            s.held.addLast(answer);
            answer.timer = vertx.setTimer(HOLD_ANSWER_MILLIS, t -> {
                if (s.held.remove(answer)) {
                    answer.connection.socket.write(answer.frame);
                }
            });
        });
    }

    /** The {@code rec} frame of a message on a stream, encoded once for all its followers. */
    static String recFrame(String address, JsonNode body) {
        ObjectNode frame = WorkshopJson.MAPPER.createObjectNode();
        frame.put("type", "rec");
        frame.put("address", address);
        frame.set("body", body);
        return encode(frame);
    }

    /** The answer to a {@code send} with a reply address. */
    static void reply(Connection connection, String replyAddress, JsonNode body) {
        connection.write(recFrame(replyAddress, body));
    }

    /** A failed answer to a {@code send}, in the shape of a failed event-bus reply. */
    static void replyFailure(Connection connection, String replyAddress, int code, String message) {
        connection.write(failureFrame(replyAddress, code, message));
    }

    static String failureFrame(String address, int code, String message) {
        ObjectNode frame = WorkshopJson.MAPPER.createObjectNode();
        frame.put("type", "err");
        frame.put("address", address);
        frame.put("failureCode", code);
        frame.put("failureType", "RECIPIENT_FAILURE");
        frame.put("message", message);
        return encode(frame);
    }

    /** The bridge's answer to a frame it will not take: {@code {"type":"err","body":"<why>"}}. */
    static void error(Connection connection, String why) {
        ObjectNode frame = WorkshopJson.MAPPER.createObjectNode();
        frame.put("type", "err");
        frame.put("body", why);
        connection.write(encode(frame));
    }

    private static String encode(JsonNode frame) {
        try {
            return WorkshopJson.MAPPER.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bridge frame could not be encoded", e);
        }
    }

}
