package nl.factorspel.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import nl.factorspel.sessions.store.Committed;
import nl.factorspel.sessions.store.Grant;
import nl.factorspel.sessions.workshop.Catalogue;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SockJS event-bus bridge at {@code /eventbus} and everything that guards it: every frame's token
 * is checked, clients may only send to the command, sync and motion addresses and only register for
 * the streams their token grants; floods are slowed and then cut off. It also publishes committed
 * events, presence and drag motion.
 */
final class BridgeGate {

    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(BridgeGate.class);

    static final String COMMAND = Catalogue.COMMAND_ADDRESS;
    static final String SYNC = Catalogue.SYNC_ADDRESS;
    static final String MOTION = Catalogue.MOTION_ADDRESS;
    /** Headers the gate stamps on frames it lets through; a client's own values are overwritten. */
    static final String CONNECTION_HEADER = "fs-connection";
    static final String VERDICT_HEADER = "fs-verdict";

    private final Vertx vertx;
    private final Gateway gateway;
    private final ServerConfig config;
    private final RateLimiter commandLimiter;
    private final RateLimiter motionLimiter;
    private final Presence presence;
    private final Subscriptions subscriptions = new Subscriptions();
    /** Bridge frames over the rate per connection; past this many in a row the connection is closed. */
    private final Map<String, AtomicInteger> strikes = new ConcurrentHashMap<>();
    private static final int STRIKES_BEFORE_CLOSE = 200;
    private Context publisher;
    /** Each SockJS connection's own id, for rate limits and presence. */
    private final Map<io.vertx.ext.web.handler.sockjs.SockJSSocket, String> connections = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong connectionCounter = new java.util.concurrent.atomic.AtomicLong();

    BridgeGate(Vertx vertx, Gateway gateway, ServerConfig config) {
        this(vertx, gateway, config, new RoomPresence(vertx, null));
    }

    /** A gate whose presence is told to (and heard from) the other members through {@code room}. */
    BridgeGate(Vertx vertx, Gateway gateway, ServerConfig config, RoomPresence room) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.config = config;
        this.commandLimiter = new RateLimiter(config.commandsPerSecond(), config.commandBurst());
        this.motionLimiter = new RateLimiter(config.motionPerSecond(), config.motionPerSecond());
        this.room = room;
        this.presence = new Presence(room);
    }

    private final RoomPresence room;

    Presence presence() {
        return presence;
    }

    /** Mounts the bridge, starts the consumers, and subscribes to committed events. */
    void install(Router router) {
        publisher = vertx.getOrCreateContext();
        room.start();
        SockJSBridgeOptions options = new SockJSBridgeOptions()
                .addInboundPermitted(new PermittedOptions().setAddress(COMMAND))
                .addInboundPermitted(new PermittedOptions().setAddress(SYNC))
                .addInboundPermitted(new PermittedOptions().setAddress(MOTION))
                .addOutboundPermitted(new PermittedOptions().setAddressRegex("fs\\.(table|workshop|presence|motion)\\..+"))
                .setPingTimeout(30_000);
        SockJSHandler sockJS = SockJSHandler.create(vertx, new SockJSHandlerOptions()
                .setHeartbeatInterval(10_000)
                .setMaxBytesStreaming(128 * 1024));
        router.route("/eventbus/*").subRouter(sockJS.bridge(options, this::guard));

        // Local consumers: in a cluster a client's frames are handled by the member it is connected to,
        // never handed to another member (or to one that just died); on one node this changes nothing.
        vertx.eventBus().<Object>localConsumer(COMMAND, this::onCommand);
        vertx.eventBus().<Object>localConsumer(SYNC, this::onSync);
        vertx.eventBus().<Object>localConsumer(MOTION, this::onMotion);
        gateway.store().onCommitted(this::publish);
        gateway.onDeleted(workshopId -> publisher.runOnContext(v -> endSubscriptionsNoLongerGranted(workshopId)));
    }

    /**
     * Committed events heard on a cluster member that does not publish them: subscriptions on this member
     * that the events take away end here too.
     */
    void followed(Committed committed) {
        if (changesWhatTokensGrant(committed)) {
            publisher.runOnContext(v -> endSubscriptionsNoLongerGranted(committed.workshopId()));
        }
    }

    /** The bridge event handler: the one place every frame from a browser passes. */
    private void guard(BridgeEvent event) {
        BridgeEventType type = event.type();
        String connection = type == BridgeEventType.SOCKET_CLOSED ? connections.remove(event.socket())
                : connections.computeIfAbsent(event.socket(), s -> "c" + connectionCounter.incrementAndGet());
        if (connection == null) {
            event.complete(true);
            return;
        }
        switch (type) {
            case SOCKET_CREATED -> {
                gateway.metrics.connections.incrementAndGet();
                gateway.metrics.connectionsTotal.increment();
                event.complete(true);
            }
            case SOCKET_CLOSED -> {
                gateway.metrics.connections.decrementAndGet();
                commandLimiter.forget(connection);
                motionLimiter.forget(connection);
                strikes.remove(connection);
                presence.disconnected(connection);
                subscriptions.closed(event.socket());
                event.complete(true);
            }
            case SOCKET_ERROR -> {
                // SockJS has already shut the session and the bridge dropped its registrations, but the websocket
                // stays open: deaf. Closing it (a clean close frame) makes the client reconnect and catch up.
                String why = event.getRawMessage() == null ? "" : event.getRawMessage().getString("message", "");
                if (tooLargeMessage(why)) {
                    LOG.info("bridge connection {} sent a websocket message over {} bytes; closed", connection, maxMessageBytes(config));
                } else if (ordinaryDisconnect(why)) {
                    LOG.debug("bridge connection {} went away: {}", connection, why);
                } else {
                    LOG.warn("bridge connection {} failed: {}", connection, why);
                }
                event.socket().close();
                event.complete(true);
            }
            case PUBLISH -> event.complete(false);
            case SEND -> {
                JsonObject raw = event.getRawMessage();
                JsonObject headers = raw.getJsonObject("headers");
                if (headers == null) {
                    headers = new JsonObject();
                    raw.put("headers", headers);
                }
                headers.put(CONNECTION_HEADER, connection);
                headers.remove(VERDICT_HEADER);
                String address = raw.getString("address", "");
                if (raw.encode().length() > config.maxFrameBytes()) {
                    headers.put(VERDICT_HEADER, "too_large");
                } else if (address.equals(MOTION)) {
                    if (!motionLimiter.tryAcquire(connection)) {
                        event.complete(false);
                        return;
                    }
                } else if (!commandLimiter.tryAcquire(connection)) {
                    headers.put(VERDICT_HEADER, "rate_limited");
                    if (strikes.computeIfAbsent(connection, c -> new AtomicInteger()).incrementAndGet() > STRIKES_BEFORE_CLOSE) {
                        event.complete(false);
                        event.socket().close();
                        return;
                    }
                } else {
                    strikes.remove(connection);
                }
                event.setRawMessage(raw);
                event.complete(true);
            }
            case REGISTER -> {
                JsonObject raw = event.getRawMessage();
                String token = raw.getJsonObject("headers", new JsonObject()).getString("token");
                String address = raw.getString("address", "");
                Context context = vertx.getOrCreateContext();
                gateway.access(token).whenComplete((access, failure) -> context.runOnContext(v -> {
                    try {
                        register(event, connection, token, address, failure == null ? access : new Gateway.Access(null, ApiError.notReady()));
                    } catch (RuntimeException e) {
                        LOG.error("a registration could not be handled", e);
                        event.tryComplete(false); // the client gets a refusal, not silence
                    }
                }));
            }
            case UNREGISTER -> {
                subscriptions.unregistered(event.socket(), event.getRawMessage().getString("address"));
                event.complete(true);
            }
            // Every message on its way to a client: none goes out on a registration that has ended.
            case RECEIVE -> event.complete(subscriptions.delivers(event.socket(), event.getRawMessage().getString("address")));
            default -> event.complete(true);
        }
    }

    /**
     * A registration whose token has been looked up: allowed when the token grants the address. A server that
     * cannot tell yet closes the connection instead of refusing, so the client reconnects and registers again.
     */
    private void register(BridgeEvent event, String connection, String token, String address, Gateway.Access access) {
        if (!connection.equals(connections.get(event.socket()))) {
            event.complete(false); // the connection closed while its token was looked up
            return;
        }
        if (access.error() != null && access.error().retryable()) {
            LOG.debug("bridge connection {}: its token cannot be told yet; closed so that it registers again", connection);
            event.socket().close();
            event.complete(false);
            return;
        }
        boolean allowed = access.grant() != null && gateway.mayRegister(access.grant(), address);
        if (allowed) {
            subscriptions.registered(event.socket(), address, token, access.grant());
        }
        if (allowed && isTableStream(address)) {
            presence.connected(connection, access.grant());
        }
        event.complete(allowed);
    }

    private void onCommand(Message<Object> message) {
        admit(message, access -> command(message, access));
    }

    private void command(Message<Object> message, Gateway.Access access) {
        Context context = vertx.getOrCreateContext();
        if (access.error() != null) {
            fail(message, access.error());
            return;
        }
        JsonNode body = body(message);
        java.util.concurrent.CompletionStage<Gateway.Result> stage;
        try {
            stage = gateway.command(access.grant(), body);
        } catch (IllegalStateException e) {
            // The store is closed (the server is stopping): the client tries again, here or on another server.
            LOG.debug("a command arrived while the store cannot take it: {}", e.getMessage());
            fail(message, new ApiError(503, "unavailable", "the server cannot take commands now; try again"));
            return;
        } catch (RuntimeException e) {
            // A bug, not the client's fault; the client still gets an answer instead of waiting for none.
            LOG.error("a command could not be handled", e);
            fail(message, new ApiError(500, "internal", "the command could not be handled; it changed nothing"));
            return;
        }
        stage.whenComplete((result, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                fail(message, ApiError.of("internal", "the command could not be stored; try again"));
            } else if (result.error() != null) {
                fail(message, result.error());
            } else {
                message.reply(new JsonObject(result.value().toString()));
            }
        }));
    }

    private void onSync(Message<Object> message) {
        admit(message, access -> {
            if (access.error() != null) {
                fail(message, access.error());
                return;
            }
            Context context = vertx.getOrCreateContext();
            CompletionStage<Gateway.Result> stage;
            try {
                stage = gateway.syncWhenReady(access.grant(), body(message));
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((result, failure) -> context.runOnContext(v -> {
                if (failure != null) {
                    LOG.error("a catch-up could not be answered", failure);
                    fail(message, new ApiError(500, "internal", "the catch-up failed; try again"));
                } else if (result.error() != null) {
                    fail(message, result.error());
                } else {
                    message.reply(new JsonObject(result.value().toString()));
                }
            }));
        });
    }

    /** Drag motion: held to the permission of moving a card, then relayed to the table's motion address; never journaled. */
    private void onMotion(Message<Object> message) {
        admit(message, access -> motion(message, access));
    }

    private void motion(Message<Object> message, Gateway.Access access) {
        if (access.error() != null) {
            return;
        }
        JsonNode body = body(message);
        Integer table = body == null ? null : Gateway.integer(body, "table");
        if (table == null || !access.grant().workshopId().equals(body.path("workshopId").asText())) {
            return;
        }
        String address = Catalogue.motionAddress(access.grant().workshopId(), table);
        if (!gateway.mayDrag(access.grant(), table)) {
            return;
        }
        JsonObject out = new JsonObject()
                .put("by", new JsonObject().put("participantId", access.grant().actor().participantId())
                        .put("role", access.grant().actor().role().wire()))
                .put("table", table);
        for (String field : Set.of("cardId", "placementId", "side")) {
            if (body.path(field).isTextual() && body.get(field).textValue().length() <= 64) {
                out.put(field, body.get(field).textValue());
            }
        }
        for (String field : Set.of("strength", "y")) {
            if (body.path(field).isNumber()) {
                out.put(field, Math.max(0, Math.min(1, body.get(field).doubleValue())));
            }
        }
        out.put("done", body.path("done").asBoolean(false));
        vertx.eventBus().publish(address, out);
    }

    /**
     * Checks the frame's verdict stamped by the guard and its token, and hands the outcome to {@code then} on
     * this consumer's context: at once when this server knows the token, after a lookup (never blocking) when
     * it first has to bring the token's workshop in.
     */
    private void admit(Message<Object> message, java.util.function.Consumer<Gateway.Access> then) {
        String verdict = message.headers().get(VERDICT_HEADER);
        if ("too_large".equals(verdict)) {
            then.accept(new Gateway.Access(null, ApiError.of("too_large", "the frame is larger than " + config.maxFrameBytes() + " bytes")));
            return;
        }
        if ("rate_limited".equals(verdict)) {
            then.accept(new Gateway.Access(null, ApiError.of("rate_limited", "too many commands from this connection; slow down")));
            return;
        }
        CompletableFuture<Gateway.Access> access = gateway.access(message.headers().get("token")).toCompletableFuture();
        if (access.isDone() && !access.isCompletedExceptionally()) {
            then.accept(access.join()); // known here: in the frame's order, on this thread
            return;
        }
        Context context = vertx.getOrCreateContext();
        access.whenComplete((a, failure) -> context.runOnContext(v -> then.accept(failure == null ? a : new Gateway.Access(null, ApiError.notReady()))));
    }

    private static JsonNode body(Message<Object> message) {
        Object body = message.body();
        if (!(body instanceof JsonObject json)) {
            return null;
        }
        // Through the text: the map holds Vert.x JsonArray and JsonObject values for nested arrays and
        // objects, which Jackson would read as beans rather than as JSON.
        try {
            return WorkshopJson.MAPPER.readTree(json.encode());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static void fail(Message<Object> message, ApiError error) {
        message.fail(error.status(), error.replyMessage());
    }

    /** Whether a registration is for a table's own stream (the one presence counts). */
    private static boolean isTableStream(String address) {
        return Catalogue.address(address).map(a -> a.kind() == Catalogue.StreamKind.TABLE).orElse(false);
    }

    /** Publishes committed events on their stream addresses, in commit order, from one context. */
    private void publish(Committed committed) {
        long committedAt = System.nanoTime();
        publisher.runOnContext(v -> {
            for (Recorded r : committed.events()) {
                String address = r.table() == null ? Catalogue.workshopAddress(committed.workshopId())
                        : Catalogue.tableAddress(committed.workshopId(), r.table());
                vertx.eventBus().publish(address, new JsonObject(WorkshopJson.toWire(r).toString()));
                gateway.metrics.published.increment();
            }
            gateway.metrics.publishNanos.add(System.nanoTime() - committedAt);
            if (changesWhatTokensGrant(committed)) {
                endSubscriptionsNoLongerGranted(committed.workshopId());
            }
        });
    }

    /**
     * The largest websocket message the server takes (the bridge refuses frames over {@code max-frame-bytes}
     * with {@code too_large} before that); beyond it the connection is closed.
     */
    static int maxMessageBytes(ServerConfig config) {
        return Math.max(config.maxFrameBytes() * 4, 65536);
    }

    /**
     * Frames of one websocket message may be this large: far above the message limit, so that an oversized
     * message in one frame reaches the message limit and gets a clean close, not a dropped connection.
     */
    static int maxWebSocketFrameBytes(ServerConfig config) {
        return maxMessageBytes(config) * 16;
    }

    /** Vert.x's words for a websocket message over the message or frame limit (the socket error carries only the text). */
    private static boolean tooLargeMessage(String why) {
        return why.contains("to overflow max message size") || why.contains("Max frame length");
    }

    /** A browser that went away (lid closed, network gone, tab killed): ordinary, not worth a warning. */
    private static boolean ordinaryDisconnect(String why) {
        return why.isEmpty() || why.contains("Connection reset") || why.contains("Connection was closed")
                || why.contains("Broken pipe") || why.contains("Connection timed out");
    }

    /** A seat move (another table) or a leave changes which streams a participant's token opens. */
    private static boolean changesWhatTokensGrant(Committed committed) {
        return committed.events().stream().map(Recorded::event)
                .anyMatch(e -> e instanceof Event.SeatAssigned || e instanceof Event.ParticipantLeft);
    }

    /**
     * Checks every registration of a workshop's streams on this server against what its token grants now,
     * and ends the ones it no longer grants (a participant off a table is off its presence there too).
     */
    private void endSubscriptionsNoLongerGranted(String workshopId) {
        Map<String, Gateway.Access> accessOf = new java.util.HashMap<>(); // one look-up per token, however many streams it follows
        for (Subscriptions.Ended ended : subscriptions.recheck(workshopId, (token, address) -> {
            Gateway.Access access = accessOf.computeIfAbsent(token, gateway::authenticate);
            return access.grant() != null && gateway.mayRegister(access.grant(), address);
        })) {
            if (isTableStream(ended.address())) {
                String connection = connections.get(ended.socket());
                if (connection != null) {
                    presence.disconnected(connection);
                }
            }
        }
    }

    /**
     * Who is online through this server's connections (at a table stream); {@link RoomPresence} adds the other
     * members' people and publishes the whole workshop on {@code fs.presence.<workshopId>}.
     */
    static final class Presence {
        private final RoomPresence room;
        private final Map<String, Grant> byConnection = new ConcurrentHashMap<>();

        Presence(RoomPresence room) {
            this.room = room;
        }

        void connected(String connection, Grant grant) {
            if (byConnection.put(connection, grant) == null) {
                announce(grant.workshopId());
            }
        }

        void disconnected(String connection) {
            Grant grant = byConnection.remove(connection);
            if (grant != null) {
                announce(grant.workshopId());
            }
        }

        Set<String> online(String workshopId) {
            return byConnection.values().stream().filter(g -> g.workshopId().equals(workshopId))
                    .map(g -> g.actor().participantId()).collect(java.util.stream.Collectors.toSet());
        }

        private void announce(String workshopId) {
            room.changed(workshopId, online(workshopId));
        }
    }
}
