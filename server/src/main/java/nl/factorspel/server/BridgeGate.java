package nl.factorspel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import nl.factorspel.sessions.store.Committed;
import nl.factorspel.sessions.store.Grant;
import nl.factorspel.sessions.workshop.Catalogue;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Guards the bridge at {@code /eventbus} ({@link Bridge} speaks its protocol): every frame's token is
 * checked, clients may only send to the command, sync and motion addresses and only follow the streams
 * their token grants; floods are slowed and then cut off. It also publishes committed events, presence
 * and drag motion, each encoded once.
 */
final class BridgeGate implements Bridge.Gate {

    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(BridgeGate.class);

    static final String COMMAND = Catalogue.COMMAND_ADDRESS;
    static final String SYNC = Catalogue.SYNC_ADDRESS;
    static final String MOTION = Catalogue.MOTION_ADDRESS;
    /** A connection's checked token is checked again after this long, even if no grant changed. */
    private static final long TOKEN_RECHECK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final Vertx vertx;
    private final Gateway gateway;
    private final ServerConfig config;
    private final RateLimiter commandLimiter;
    private final RateLimiter motionLimiter;
    private final Bridge bridge;
    private final Presence presence;
    private final RoomPresence room;
    /** Bridge frames over the rate per connection; past this many in a row the connection is closed. */
    private final Map<String, AtomicInteger> strikes = new ConcurrentHashMap<>();
    private static final int STRIKES_BEFORE_CLOSE = 200;
    /** Moves on whenever what a token grants may have changed (a seat move, a leave, a deletion). */
    private final AtomicLong grantsChanged = new AtomicLong();

    /** The last token a connection presented and what it opened, valid while no grant changed. */
    private record TokenMemo(String token, long grantsChanged, long checkedAt, Gateway.Access access) {
    }

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
        // A console follows every table's stream and its motion, besides the workshop's own streams.
        this.bridge = new Bridge(vertx, 30_000, Math.max(1000, 2 * config.limits().maxTables() + 16));
        this.room = room;
        room.announceThrough(bridge);
        this.presence = new Presence(room);
    }

    /** Mounts the bridge and subscribes to committed events. */
    void install(Router router) {
        SockJSHandler sockJS = SockJSHandler.create(vertx, new SockJSHandlerOptions()
                .setHeartbeatInterval(10_000)
                .setMaxBytesStreaming(128 * 1024));
        room.start();
        router.route("/eventbus/*").subRouter(sockJS.socketHandler(bridge));
        bridge.start(this);
        gateway.store().onCommitted(this::publish);
        gateway.onDeleted(workshopId -> {
            grantsChanged.incrementAndGet();
            endSubscriptionsNoLongerGranted(workshopId);
        });
    }

    /**
     * Committed events heard on a cluster member that does not publish them: subscriptions on this member
     * that the events take away end here too.
     */
    void followed(Committed committed) {
        if (changesWhatTokensGrant(committed)) {
            grantsChanged.incrementAndGet();
            endSubscriptionsNoLongerGranted(committed.workshopId());
        }
    }

    @Override
    public void opened(Bridge.Connection connection) {
        gateway.metrics.connections.incrementAndGet();
        gateway.metrics.connectionsTotal.increment();
    }

    @Override
    public void closed(Bridge.Connection connection) {
        gateway.metrics.connections.decrementAndGet();
        commandLimiter.forget(connection.id);
        motionLimiter.forget(connection.id);
        strikes.remove(connection.id);
        presence.disconnected(connection.id);
    }

    @Override
    public void failed(Bridge.Connection connection, String why) {
        // A failed websocket (an oversized message, a reset) is closed: the client reconnects and catches up.
        if (tooLargeMessage(why)) {
            LOG.info("bridge connection {} sent a websocket message over {} bytes; closed", connection.id, maxMessageBytes(config));
        } else if (ordinaryDisconnect(why)) {
            LOG.debug("bridge connection {} went away: {}", connection.id, why);
        } else {
            LOG.warn("bridge connection {} failed: {}", connection.id, why);
        }
    }

    /** The one place every frame a browser sends to an address passes. */
    @Override
    public void send(Bridge.Connection connection, String address, JsonNode frame, int frameBytes, String replyAddress) {
        boolean motion = address.equals(MOTION);
        if (!motion && !address.equals(COMMAND) && !address.equals(SYNC)) {
            Bridge.error(connection, "access_denied");
            return;
        }
        ApiError refusal = null;
        if (frameBytes > config.maxFrameBytes()) {
            refusal = ApiError.of("too_large", "the frame is larger than " + config.maxFrameBytes() + " bytes");
        } else if (motion) {
            if (!motionLimiter.tryAcquire(connection.id)) {
                return; // motion over the rate is dropped: the next one is already on its way
            }
        } else if (!commandLimiter.tryAcquire(connection.id)) {
            refusal = ApiError.of("rate_limited", "too many commands from this connection; slow down");
            if (strikes.computeIfAbsent(connection.id, c -> new AtomicInteger()).incrementAndGet() > STRIKES_BEFORE_CLOSE) {
                connection.close();
                return;
            }
        } else {
            strikes.remove(connection.id);
        }
        String token = Gateway.text(frame.path("headers"), "token");
        JsonNode body = frame.get("body");
        if (refusal != null) {
            admitted(connection, address, replyAddress, body, new Gateway.Access(null, refusal));
            return;
        }
        access(connection, token, access -> admitted(connection, address, replyAddress, body, access));
    }

    /** A frame whose token has been checked (at once, or after a cluster member looked it up). */
    private void admitted(Bridge.Connection connection, String address, String replyAddress, JsonNode body, Gateway.Access access) {
        boolean motion = address.equals(MOTION);
        if (motion) {
            if (access.error() == null) {
                onMotion(access.grant(), body);
            }
        } else if (access.error() != null) {
            fail(connection, replyAddress, access.error());
        } else if (address.equals(COMMAND)) {
            onCommand(connection, replyAddress, access.grant(), body);
        } else {
            onSync(connection, replyAddress, access.grant(), body);
        }
    }

    /**
     * A registration: allowed when the token grants the address. A cluster member that cannot tell yet closes
     * the connection instead of refusing, so the client reconnects and registers again.
     */
    @Override
    public void mayFollow(Bridge.Connection connection, String address, String token, java.util.function.Consumer<Boolean> verdict) {
        access(connection, token, access -> {
            if (access.error() != null && access.error().retryable()) {
                LOG.debug("bridge connection {}: its token cannot be told yet; closed so that it registers again", connection.id);
                connection.close();
                return;
            }
            boolean allowed = access.grant() != null && gateway.mayRegister(access.grant(), address);
            if (allowed && isTableStream(address)) {
                presence.connected(connection.id, access.grant());
            }
            verdict.accept(allowed);
        });
    }

    @Override
    public void unfollowed(Bridge.Connection connection, String address) {
        if (isTableStream(address)) {
            presence.disconnected(connection.id);
        }
    }

    /**
     * What a connection's token opens, handed to {@code then}: checked once and remembered for the connection
     * while no grant changed anywhere (a browser sends the same token with every frame), at most
     * {@link #TOKEN_RECHECK_NANOS}. When this server knows the token, {@code then} runs at once, in the
     * frame's order; a cluster member that first has to bring the token's workshop in looks it up without
     * blocking and goes on on the connection's event loop.
     */
    private void access(Bridge.Connection connection, String token, java.util.function.Consumer<Gateway.Access> then) {
        long now = System.nanoTime();
        long changed = grantsChanged.get();
        if (connection.tokenMemo instanceof TokenMemo memo && memo.grantsChanged() == changed
                && now - memo.checkedAt() < TOKEN_RECHECK_NANOS && java.util.Objects.equals(memo.token(), token)) {
            then.accept(memo.access());
            return;
        }
        CompletableFuture<Gateway.Access> lookup = gateway.access(token).toCompletableFuture();
        java.util.function.Consumer<Gateway.Access> remember = access -> {
            if (access.grant() != null) {
                connection.tokenMemo = new TokenMemo(token, changed, now, access);
            }
            then.accept(access);
        };
        if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
            remember.accept(lookup.join());
            return;
        }
        Context loop = vertx.getOrCreateContext();
        lookup.whenComplete((access, failure) -> loop.runOnContext(v -> {
            try {
                remember.accept(failure == null ? access : new Gateway.Access(null, ApiError.notReady()));
            } catch (RuntimeException e) {
                LOG.error("a frame could not be handled after its token was looked up", e);
            }
        }));
    }

    private void onCommand(Bridge.Connection connection, String replyAddress, Grant grant, JsonNode body) {
        CompletionStage<Gateway.Result> stage;
        try {
            stage = gateway.command(grant, body);
        } catch (IllegalStateException e) {
            // The store is closed (the server is stopping): the client tries again, here or on another server.
            LOG.debug("a command arrived while the store cannot take it: {}", e.getMessage());
            fail(connection, replyAddress, new ApiError(503, "unavailable", "the server cannot take commands now; try again"));
            return;
        } catch (RuntimeException e) {
            // A bug, not the client's fault; the client still gets an answer instead of waiting for none.
            LOG.error("a command could not be handled", e);
            fail(connection, replyAddress, new ApiError(500, "internal", "the command could not be handled; it changed nothing"));
            return;
        }
        stage.whenComplete((result, failure) -> {
            if (failure != null) {
                fail(connection, replyAddress, ApiError.of("internal", "the command could not be stored; try again"));
            } else if (result.error() != null) {
                fail(connection, replyAddress, result.error());
            } else if (replyAddress != null && result.stream() != null) {
                bridge.answerAfter(connection, result.stream(), result.seq(), Bridge.recFrame(replyAddress, result.value()));
            } else if (replyAddress != null) {
                Bridge.reply(connection, replyAddress, result.value());
            }
        });
    }

    private void onSync(Bridge.Connection connection, String replyAddress, Grant grant, JsonNode body) {
        CompletionStage<Gateway.Result> stage;
        try {
            stage = gateway.syncWhenReady(grant, body);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.error("a catch-up could not be answered", failure);
                fail(connection, replyAddress, new ApiError(500, "internal", "the catch-up failed; try again"));
            } else if (result.error() != null) {
                fail(connection, replyAddress, result.error());
            } else if (replyAddress != null) {
                Bridge.reply(connection, replyAddress, result.value());
            }
        });
    }

    /** Drag motion: held to the permission of moving a card, then relayed to the table's motion stream; never journaled. */
    private void onMotion(Grant grant, JsonNode body) {
        Integer table = body == null ? null : Gateway.integer(body, "table");
        if (table == null || !grant.workshopId().equals(body.path("workshopId").asText()) || !gateway.mayDrag(grant, table)) {
            return;
        }
        String address = Catalogue.motionAddress(grant.workshopId(), table);
        ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
        out.putObject("by").put("participantId", grant.actor().participantId()).put("role", grant.actor().role().wire());
        out.put("table", table);
        for (String field : MOTION_TEXTS) {
            if (body.path(field).isTextual() && body.get(field).textValue().length() <= 64) {
                out.put(field, body.get(field).textValue());
            }
        }
        for (String field : MOTION_NUMBERS) {
            if (body.path(field).isNumber()) {
                out.put(field, Math.max(0, Math.min(1, body.get(field).doubleValue())));
            }
        }
        out.put("done", body.path("done").asBoolean(false));
        bridge.publish(address, Bridge.recFrame(address, out), -1);
    }

    private static final List<String> MOTION_TEXTS = List.of("cardId", "placementId", "side");
    private static final List<String> MOTION_NUMBERS = List.of("strength", "y");

    private static void fail(Bridge.Connection connection, String replyAddress, ApiError error) {
        if (replyAddress != null) {
            Bridge.replyFailure(connection, replyAddress, error.status(), error.replyMessage());
        }
    }

    /** Whether a registration is for a table's own stream (the one presence counts). */
    private static boolean isTableStream(String address) {
        return Catalogue.address(address).map(a -> a.kind() == Catalogue.StreamKind.TABLE).orElse(false);
    }

    /**
     * Publishes committed events on their stream addresses, in commit order, each encoded once for every
     * follower, right where the store hands them over (after the fsync).
     */
    private void publish(Committed committed) {
        long committedAt = System.nanoTime();
        boolean grantsMove = changesWhatTokensGrant(committed);
        if (grantsMove) {
            grantsChanged.incrementAndGet();
        }
        for (Recorded r : committed.events()) {
            String address = Catalogue.streamAddress(committed.workshopId(), r.table());
            bridge.publish(address, Bridge.recFrame(address, WorkshopJson.toWire(r)), r.seq());
            gateway.metrics.published.increment();
        }
        gateway.metrics.publishNanos.add(System.nanoTime() - committedAt);
        if (grantsMove) {
            endSubscriptionsNoLongerGranted(committed.workshopId());
        }
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
     * and ends the ones it no longer grants: the client is told with an {@code err} frame on that address
     * ({@code subscription_ended}), and a participant off a table is off its presence there too.
     */
    private void endSubscriptionsNoLongerGranted(String workshopId) {
        Map<String, Gateway.Access> accessOf = new java.util.HashMap<>(); // one look-up per token, however many streams it follows
        for (Bridge.Connection connection : bridge.connections()) {
            for (Map.Entry<String, String> f : List.copyOf(connection.following.entrySet())) {
                String address = f.getKey();
                boolean ofWorkshop = Catalogue.address(address).map(a -> a.workshopId().equals(workshopId)).orElse(false);
                if (!ofWorkshop) {
                    continue;
                }
                Gateway.Access access = accessOf.computeIfAbsent(f.getValue(), gateway::authenticate);
                if (access.grant() == null || !gateway.mayRegister(access.grant(), address)) {
                    connection.write(endedFrame(address));
                    bridge.unfollow(connection, address);
                }
            }
        }
    }

    /** The frame that tells a client its registration ended, in the shape of a failed reply on that address. */
    static String endedFrame(String address) {
        return Bridge.failureFrame(address, 403, ApiError.of("subscription_ended",
                "this token no longer grants " + address + " (its participant moved or left, or the workshop is gone)").replyMessage());
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
