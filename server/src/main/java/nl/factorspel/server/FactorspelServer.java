package nl.factorspel.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import nl.factorspel.decks.DeckLibrary;
import nl.factorspel.server.cluster.ClusterNode;
import nl.factorspel.server.cluster.HazelcastWorkshopStore;
import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.store.LocalWorkshopStore;
import nl.factorspel.sessions.store.WorkshopStore;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;

/** Starts and stops one Factorspel server: the store, the decks, HTTP, the bridge and the clock. */
public final class FactorspelServer {

    private static final Logger LOG = LogManager.getLogger(FactorspelServer.class);

    private final ServerConfig config;
    private Vertx vertx;
    /** The HTTP listeners, one per event loop; the first decided the port (0 picks one) and the others share it. */
    private final java.util.List<String> listeners = new java.util.ArrayList<>();
    private int port;
    private WorkshopStore store;
    private ClockTimer clockTimer;
    private String url;

    private final Clock clock;

    public FactorspelServer(ServerConfig config) {
        this(config, Clock.systemUTC());
    }

    /** A server on the given clock; tests use a clock they can move. */
    public FactorspelServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Starts everything and answers once the server serves; the URL is then known. */
    public synchronized FactorspelServer start() throws Exception {
        long started = System.nanoTime();
        DeckLibrary decks = DeckLibrary.bundled();
        decks.addFolder(config.decksDir());
        decks.loadProblems().forEach(p -> LOG.warn("deck skipped: {}", p));

        Journal journal = new Journal(config.dataDir());
        java.util.function.IntSupplier expire;
        ClusterNode cluster = null;
        if (config.cluster()) {
            // A cluster member: clustered Vert.x on Hazelcast, the log in the cluster (docs/cluster.md).
            try {
                cluster = ClusterNode.start(config, journal, clock);
            } catch (Exception | Error e) {
                journal.close();
                throw e;
            }
            HazelcastWorkshopStore clustered = cluster.store();
            store = clustered;
            vertx = cluster.vertx();
            expire = () -> clustered.expire(Duration.ofDays(config.retentionDays()));
        } else {
            LocalWorkshopStore local = new LocalWorkshopStore(journal, config.limits(), clock);
            local.recover();
            store = local;
            vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
            expire = () -> local.expire(Duration.ofDays(config.retentionDays()));
        }
        int expired = expire.getAsInt();
        if (expired > 0) {
            LOG.info("{} workshops older than {} days deleted", expired, config.retentionDays());
        }

        Metrics metrics = new Metrics(journal::stats);
        Gateway gateway = new Gateway(store, decks, config, clock, metrics);
        Router router = Router.router(vertx);
        SecurityHeaders.install(router);
        java.util.function.BooleanSupplier writable = cluster == null ? () -> true : cluster::writable;
        HttpApi api = new HttpApi(vertx, gateway, config, () -> url, writable);
        // Who is online: this server's people, and in a cluster every member's (a member that leaves takes its people along).
        RoomPresence room = new RoomPresence(vertx, cluster == null ? null : cluster.memberId());
        if (cluster != null) {
            cluster.onMemberLeft(room::memberLeft);
        }
        BridgeGate bridge = new BridgeGate(vertx, gateway, config, room);
        // SockJS's polling and streaming transports post their frames: they need the body read (websockets do not).
        router.post("/eventbus/*").handler(io.vertx.ext.web.handler.BodyHandler.create(false)
                .setBodyLimit(BridgeGate.maxMessageBytes(config)));
        bridge.install(router);
        api.install(router);
        clockTimer = cluster == null ? new ClockTimer(vertx, store) : new ClockTimer(vertx, store, cluster.store()::decidesHere);
        if (cluster != null) {
            // Every member keeps the clock of every workshop; only the workshop's owner blows the whistle.
            cluster.store().counters().figures().forEach(f -> metrics.counter(f.name(), f.help(), f.value()));
            cluster.store().onFollowed(committed -> {
                if (committed.events().stream().anyMatch(r -> r.table() == null)) {
                    vertx.runOnContext(v -> clockTimer.arm(committed.workshopId()));
                }
            });
            cluster.store().onFollowed(bridge::followed);
        }
        store.onCommitted(FactorspelServer::logLifecycle);
        vertx.setPeriodic(Duration.ofHours(6).toMillis(), id -> vertx.executeBlocking(expire::getAsInt));

        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setMaxWebSocketFrameSize(BridgeGate.maxWebSocketFrameBytes(config))
                .setMaxWebSocketMessageSize(BridgeGate.maxMessageBytes(config))
                .setCompressionSupported(true)
                // Bridge frames are a few hundred bytes: deflating them costs more than it saves (docs/benchmarks.md).
                .setPerMessageWebSocketCompressionSupported(config.websocketCompression())
                .setPerFrameWebSocketCompressionSupported(config.websocketCompression());
        listen(router, options);
        url = config.publicUrl() != null ? config.publicUrl() : "http://" + displayHost() + ":" + port();
        clockTimer.armAll();
        api.ready();
        decks.find("llo-factoren").or(() -> decks.all().stream().findFirst())
                .ifPresent(deck -> vertx.executeBlocking(() -> {
                    ExportWarmUp.run(deck);
                    return null;
                }, false));
        LOG.info("Factorspel is ready at {} ({} decks, {} workshops, started in {} ms)", url, decks.all().size(),
                store.workshopIds().size(), (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /** One INFO line per lifecycle event of a workshop; never a participant's texts. */
    private static void logLifecycle(nl.factorspel.sessions.store.Committed committed) {
        for (nl.factorspel.sessions.workshop.Recorded r : committed.events()) {
            if (r.table() != null) {
                continue;
            }
            nl.factorspel.sessions.workshop.Event e = r.event();
            if (e instanceof nl.factorspel.sessions.workshop.Event.RoundStarted s) {
                LOG.info("workshop {} round {} started", committed.workshopId(), s.round());
            } else if (e instanceof nl.factorspel.sessions.workshop.Event.WhistleBlown w) {
                LOG.info("workshop {} round {} whistle", committed.workshopId(), w.round());
            } else if (e instanceof nl.factorspel.sessions.workshop.Event.RoundEnded end) {
                LOG.info("workshop {} round {} ended", committed.workshopId(), end.round());
            } else if (e instanceof nl.factorspel.sessions.workshop.Event.PhaseChanged p) {
                LOG.info("workshop {} phase {}", committed.workshopId(), p.phase().wire());
            }
        }
    }

    /** The address people in the room can reach: the first non-loopback address, or localhost. */
    private String displayHost() {
        if (!config.host().equals("0.0.0.0")) {
            return config.host();
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("no network interfaces to name", e);
        }
        return "localhost";
    }

    public int port() {
        return port;
    }

    /**
     * Listens on {@code event-loops} event loops, one HTTP server each on the same port: Vert.x hands each new
     * connection to the next of them, so the people's websockets are spread over the cores instead of all
     * written by one thread.
     */
    private void listen(Router router, HttpServerOptions options) throws Exception {
        int loops = config.eventLoops() > 0 ? config.eventLoops() : Runtime.getRuntime().availableProcessors();
        // A negative port is Vert.x's way of letting servers share one random port (as 0 does for one server).
        HttpServerOptions shared = new HttpServerOptions(options).setPort(options.getPort() == 0 ? -1 : options.getPort());
        java.util.concurrent.atomic.AtomicInteger bound = new java.util.concurrent.atomic.AtomicInteger();
        listeners.add(vertx.deployVerticle(() -> new HttpListener(router, shared, bound), new io.vertx.core.DeploymentOptions()
                .setInstances(loops)).toCompletionStage().toCompletableFuture().get());
        port = bound.get();
    }

    /** One HTTP server on the event loop of its deployment. */
    private static final class HttpListener extends io.vertx.core.VerticleBase {
        private final Router router;
        private final HttpServerOptions options;
        private final java.util.concurrent.atomic.AtomicInteger bound;

        HttpListener(Router router, HttpServerOptions options, java.util.concurrent.atomic.AtomicInteger bound) {
            this.router = router;
            this.options = options;
            this.bound = bound;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> bound.set(s.actualPort()));
        }
    }

    public String url() {
        return url;
    }

    public WorkshopStore store() {
        return store;
    }

    /** Stops taking requests, lets commands in flight finish, then flushes and closes the journal. */
    public synchronized void stop() {
        if (vertx == null) {
            return;
        }
        LOG.info("Factorspel is stopping");
        clockTimer.cancelAll();
        try {
            for (String listener : listeners) {
                vertx.undeploy(listener).toCompletionStage().toCompletableFuture().get();
            }
            listeners.clear();
        } catch (Exception e) {
            LOG.warn("HTTP server did not close cleanly", e);
        }
        store.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly", e);
        }
        vertx = null;
        LOG.info("Factorspel stopped");
    }
}
