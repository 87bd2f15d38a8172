package nl.factorspel.loadtest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of simulated tables against one server: it opens the workshops, seats five people per
 * table, connects everyone (and one facilitator console per workshop, following every table) over
 * SockJS, and plays two rounds at the rates of a real table, measuring every delivery.
 *
 * <p>Per table: the respondent of the round drags a card (drag motion at 10 a second for about a
 * second) and drops it every 3 to 5 seconds: mostly new cards, sometimes a move, sometimes a card
 * back to the tray; the interviewer explains a card every 6 to 10 seconds and now and then moves to
 * the next question; the reporter rewrites the note of the current question every 4 to 8 seconds;
 * the observer annotates every 8 to 12 seconds. The facilitator starts round 1, and halfway ends it
 * and starts round 2 (after a pause in which the tables stop, as they do when the whistle blows).
 *
 * <p>All actors of one table run on one event loop, so the table's model needs no locks; the
 * generator predicts the ids the server gives (placements are numbered p1, p2, ... per table), so
 * its traffic does not depend on what the server answers and is the same against the bare bridge.
 */
final class Play implements AutoCloseable {

    record Settings(int tables, int tablesPerWorkshop, int warmupSeconds, int seconds, int drainSeconds, long seed,
                    String presence, boolean deflate, int eventLoops) {
    }

    /** The cards of the bundled deck {@code llo-factoren}: 25 factors, two copies each. */
    static final List<String> CARDS = List.of("A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "B3", "B4", "B5",
            "C1", "C2", "C3", "C4", "C5", "D1", "D2", "D3", "E1", "E2", "E3", "E4", "E5", "E6");
    static final int COPIES = 2;
    static final List<String> QUESTIONS = List.of("q1", "q2", "q3", "q4", "q5", "q6", "q7");
    static final List<String> SEATS = List.of("interviewer", "respondent1", "respondent2", "reporter", "observer");
    static final List<String> TABLE_KINDS = List.of("placeCard", "moveCard", "removeCard", "explainCard", "annotate",
            "writeNote", "setQuestion");
    private static final String[] NAMES = {"Ilse", "Rik", "Fatima", "Joost", "Sanne", "Mehmet", "Anouk", "Bram", "Noor",
            "Daan", "Lotte", "Youssef", "Femke", "Thijs", "Eva", "Sem"};
    private static final String[] PHRASES = {"Mijn leidinggevende gaf me de ruimte om het te proberen.",
            "Het rooster liet weinig tijd over voor de cursus.", "Collega's vroegen steeds hoe het ging.",
            "Een opleiding op het werk zelf maakte het verschil.", "Thuis was het een drukke periode.",
            "Hij wilde laten zien dat hij meer kon dan het werk vroeg.", "Er was geen budget, dus ze betaalde het zelf.",
            "De overstap naar een nieuwe ploeg gaf energie.", "Ze twijfelde eerst, maar de mentor hielp.",
            "Het diploma gaf toegang tot een hogere functie."};

    final class Seat {
        final String seat;
        final String name;
        final int index;
        String participantId;
        SockJsClient client;
        Random random;

        Seat(String seat, String name, int index) {
            this.seat = seat;
            this.name = name;
            this.index = index;
        }
    }

    /** What a drag ends in, and what is being dragged (a card from the tray, or a placed card). */
    record Drop(Runnable action, String cardId, String placementId) {
    }

    static final class Placement {
        final String id;
        final String cardId;
        final boolean keeper;
        volatile boolean confirmed;

        Placement(String id, String cardId, boolean keeper) {
            this.id = id;
            this.cardId = cardId;
            this.keeper = keeper;
        }
    }

    final class WorkshopRun {
        final int number;
        String id;
        String joinCode;
        String facilitatorToken;
        final List<TableRun> tables = new ArrayList<>();
        SockJsClient console;
        Context context;
        volatile int round;
        volatile boolean open;
        final AtomicInteger inflight = new AtomicInteger();

        WorkshopRun(int number) {
            this.number = number;
        }

        String address() {
            return "fs.workshop." + id;
        }
    }

    final class TableRun {
        final WorkshopRun workshop;
        final int number;
        final Context context;
        final List<Seat> seats = new ArrayList<>();
        String address;
        String motionAddress;
        // the table's model: touched only on its event loop
        int round;
        final List<Placement> board = new ArrayList<>();
        final Map<String, Integer> onBoard = new HashMap<>();
        int placementsMade;
        int questionIndex;

        TableRun(WorkshopRun workshop, int number, Context context) {
            this.workshop = workshop;
            this.number = number;
            this.context = context;
        }

        Seat seat(String name) {
            return seats.stream().filter(s -> s.seat.equals(name)).findFirst().orElseThrow();
        }

        /** Round n interviews respondent 1 when n is odd, respondent 2 when n is even. */
        Seat respondent() {
            return seat(workshop.round % 2 == 1 ? "respondent1" : "respondent2");
        }

        /** A new round empties the board (every card back in the tray); placement numbers go on. */
        void followRound() {
            if (round != workshop.round) {
                round = workshop.round;
                board.clear();
                onBoard.clear();
            }
        }

        boolean playable() {
            return playing && workshop.open;
        }
    }

    private final Settings settings;
    /** The servers played against: one, or a cluster's members (each client connects to one of them). */
    private final List<Member> members = new ArrayList<>();
    final Stats stats = new Stats();
    private final Correlator correlator = new Correlator(stats);
    private final Vertx vertx;
    private final WebSocketClient wsClient;
    /** Who follows each address: how many should hear a message, and which of them can hear it live now (motion is not caught up). */
    private final Map<String, List<SockJsClient>> followers = new ConcurrentHashMap<>();
    final List<WorkshopRun> workshops = new ArrayList<>();
    private volatile boolean playing;
    double setupSeconds;
    double windowSeconds;
    /** The pids of the server or members when they run on this box (their CPU is not "other processes"). */
    List<Long> serverPids = List.of();
    /** Cores busy with other processes than the server and the generator, per slice of the window. */
    private final List<Double> sliceOthers = new ArrayList<>();

    /** One server (or cluster member) to play against: its API and the host and port of its websockets. */
    record Member(Http http, String host, int port) {
        static Member of(String url) {
            URI uri = URI.create(url);
            return new Member(new Http(url), uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80);
        }
    }

    Play(String url, Settings settings) {
        this(List.of(url), settings);
    }

    /**
     * Plays against a cluster's members: the clients are spread round-robin over them (every seat, in
     * the order of the tables, and every facilitator console), and each seat joins on its own member.
     */
    Play(List<String> urls, Settings settings) {
        this.settings = settings;
        urls.forEach(u -> members.add(Member.of(u)));
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(settings.eventLoops()).setPreferNativeTransport(false));
        this.wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(1_000_000)
                .setConnectTimeout(30_000)
                .setMaxFrameSize(1024 * 1024)
                .setMaxMessageSize(16 * 1024 * 1024)
                .setTryUsePerMessageCompression(settings.deflate()));
    }

    // ------------------------------------------------------------------ setup

    /** Opens the workshops, seats and connects everyone, registers every stream. */
    void setUp() throws Exception {
        long started = System.nanoTime();
        int remaining = settings.tables();
        int w = 0;
        while (remaining > 0) {
            int n = Math.min(remaining, settings.tablesPerWorkshop());
            WorkshopRun run = new WorkshopRun(++w);
            JsonObject created = member(w - 1).http().post("/api/workshops", new JsonObject().put("title", "Load test " + w)
                    .put("deckId", "llo-factoren").put("tables", n).put("roundMinutes", 15).put("language", "nl"), 201).get(60, TimeUnit.SECONDS);
            run.id = created.getString("workshopId");
            run.joinCode = created.getString("joinCode");
            run.facilitatorToken = created.getString("facilitatorToken");
            run.context = vertx.getOrCreateContext();
            for (int t = 1; t <= n; t++) {
                TableRun table = new TableRun(run, t, vertx.getOrCreateContext());
                table.address = "fs.table." + run.id + "." + t;
                table.motionAddress = "fs.motion." + run.id + "." + t;
                for (int s = 0; s < SEATS.size(); s++) {
                    Seat seat = new Seat(SEATS.get(s), NAMES[(t * 5 + s) % NAMES.length] + " " + t, s);
                    seat.random = new Random(settings.seed() * 1_000_003L + w * 100_003L + t * 31L + s);
                    table.seats.add(seat);
                }
                run.tables.add(table);
            }
            workshops.add(run);
            remaining -= n;
        }
        join();
        connect();
        register();
        setupSeconds = (System.nanoTime() - started) / 1e9;
    }

    private void join() throws Exception {
        List<Seat> all = new ArrayList<>();
        List<TableRun> tables = allTables();
        for (TableRun t : tables) {
            all.addAll(t.seats);
        }
        int batch = 50;
        for (int i = 0; i < all.size(); i += batch) {
            List<CompletableFuture<?>> joins = new ArrayList<>();
            for (Seat seat : all.subList(i, Math.min(all.size(), i + batch))) {
                TableRun table = tableOf(seat);
                joins.add(member(seat).http().post("/api/join", new JsonObject().put("joinCode", table.workshop.joinCode).put("name", seat.name)
                        .put("table", table.number).put("role", seat.seat), 200).thenAccept(r -> {
                    seat.participantId = r.getString("participantId");
                    String token = r.getString("token");
                    if (r.getInteger("table") != table.number || !seat.seat.equals(r.getString("seat"))) {
                        throw new IllegalStateException("seated at " + r.encode() + " instead of table " + table.number + " " + seat.seat);
                    }
                    seat.client = new SockJsClient("w" + table.workshop.number + ".t" + table.number + "." + seat.seat, token, stats);
                }));
            }
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
    }

    private final Map<Seat, TableRun> seatTables = new HashMap<>();

    /** The member the k-th client (counted from 0) plays on: round-robin. */
    Member member(int k) {
        return members.get(Math.floorMod(k, members.size()));
    }

    /** A seat's member: seats are counted over the tables in order, so a table's five people sit on several members. */
    private Member member(Seat seat) {
        return member(memberIndex(seat));
    }

    private int memberIndex(Seat seat) {
        TableRun t = tableOf(seat);
        return Math.floorMod(((t.workshop.number - 1) * settings.tablesPerWorkshop() + t.number - 1) * SEATS.size() + seat.index, members.size());
    }

    private TableRun tableOf(Seat seat) {
        if (seatTables.isEmpty()) {
            for (TableRun t : allTables()) {
                t.seats.forEach(s -> seatTables.put(s, t));
            }
        }
        return seatTables.get(seat);
    }

    List<TableRun> allTables() {
        List<TableRun> out = new ArrayList<>();
        workshops.forEach(w -> out.addAll(w.tables));
        return out;
    }

    /** Notes a client's member for the latencies by path (a cluster run only). */
    private void onMember(SockJsClient c, int member) {
        if (members.size() > 1) {
            correlator.memberByName.put(c.name, member);
        }
    }

    private void connect() throws Exception {
        for (WorkshopRun w : workshops) {
            w.console = new SockJsClient("w" + w.number + ".facilitator", w.facilitatorToken, stats);
            Member m = member(w.number - 1);
            memberOf.put(w.console, Math.floorMod(w.number - 1, members.size()));
            onMember(w.console, Math.floorMod(w.number - 1, members.size()));
            await(on(w.context, () -> w.console.connect(vertx, wsClient, m.host(), m.port()).mapEmpty()));
        }
        List<TableRun> tables = allTables();
        int batch = 20;
        for (int i = 0; i < tables.size(); i += batch) {
            List<Future<?>> connects = new ArrayList<>();
            for (TableRun t : tables.subList(i, Math.min(tables.size(), i + batch))) {
                connects.add(on(t.context, () -> {
                    List<Future<?>> seats = new ArrayList<>();
                    t.seats.forEach(s -> {
                        memberOf.put(s.client, memberIndex(s));
                        onMember(s.client, memberIndex(s));
                        seats.add(s.client.connect(vertx, wsClient, member(s).host(), member(s).port()));
                    });
                    return Future.all(seats).mapEmpty();
                }));
            }
            await(Future.all(connects));
        }
    }

    private void register() throws Exception {
        boolean presenceFirst = settings.presence().equals("first");
        for (WorkshopRun w : workshops) {
            SockJsClient c = w.console;
            if (presenceFirst) {
                listen(c, "fs.presence." + w.id, false);
            }
            listen(c, w.address(), true);
            for (TableRun t : w.tables) {
                listen(c, t.address, true);
            }
            await(sync(c, new JsonObject().put("workshopId", w.id).put("table", 1).put("sinceSeq", 0)));
        }
        List<TableRun> tables = allTables();
        int batch = 20;
        for (int i = 0; i < tables.size(); i += batch) {
            List<Future<?>> syncs = new ArrayList<>();
            for (TableRun t : tables.subList(i, Math.min(tables.size(), i + batch))) {
                for (Seat s : t.seats) {
                    if (presenceFirst) {
                        listen(s.client, "fs.presence." + t.workshop.id, false);
                    }
                    listen(s.client, t.workshop.address(), false);
                    listen(s.client, t.address, false);
                    listen(s.client, t.motionAddress, false);
                    // the reply comes after the registrations before it on the same socket: a barrier
                    syncs.add(sync(s.client, new JsonObject().put("workshopId", t.workshop.id).put("table", t.number).put("sinceSeq", 0)));
                }
            }
            await(Future.all(syncs));
        }
        if (settings.presence().equals("last")) {
            for (WorkshopRun w : workshops) {
                listen(w.console, "fs.presence." + w.id, false);
                for (TableRun t : w.tables) {
                    t.seats.forEach(s -> listen(s.client, "fs.presence." + w.id, false));
                }
            }
        }
        Thread.sleep(1000);
    }

    private void listen(SockJsClient client, String address, boolean console) {
        followers.computeIfAbsent(address, a -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(client);
        Followed f = new Followed(address, console);
        followed.computeIfAbsent(client, c -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(f);
        client.register(address, (receiver, addr, body, at) -> {
            if (f.held != null) {
                f.held.add(new Held(body, at));
            } else {
                deliver(receiver, f, body, at);
            }
        });
    }

    /** An event on a stream a client follows: its seq must be the next one; the correlator measures it. */
    private void deliver(SockJsClient receiver, Followed f, JsonObject body, long at) {
        if (body != null && body.getValue("seq") instanceof Number seq) {
            if (f.last >= 0 && seq.longValue() <= f.last) {
                return; // held already (it came again, or with a catch-up)
            }
            if (f.last >= 0 && seq.longValue() > f.last + 1) {
                stats.seqGaps.increment();
                JsonObject since = f.catchUp();
                if (since != null && f.held == null && receiver.isOpen()) {
                    healGap(receiver, f, since, body, at);
                    return;
                }
            }
            f.last = seq.longValue();
        }
        Failover fo = failover;
        if (fo != null && fo.killedAt > 0) {
            fo.heard(receiver, at);
        }
        correlator.arrived(receiver, f.console, f.address, body, at);
    }

    /**
     * A live event skipped one: as the web client's stream does, hold it and what follows, fetch what is
     * missing with {@code fs.sync}, then deliver the fetched events and the held ones in order. The fetched
     * ones count as delivered when the catch-up answered.
     */
    private void healGap(SockJsClient c, Followed f, JsonObject since, JsonObject body, long at) {
        f.held = new ArrayList<>();
        f.held.add(new Held(body, at));
        catchUp(c, f, since, stats.gapEventsFetched, null);
    }

    /**
     * Fetches what stream {@code f} missed since its last seq with {@code fs.sync} and delivers it (counted in
     * {@code fetched}), then the live events held back meanwhile ({@link #deliver} drops what it holds already);
     * a snapshot or a refusal is counted on the failover {@code fo}, when there is one.
     */
    private Future<Void> catchUp(SockJsClient c, Followed f, JsonObject since, java.util.concurrent.atomic.LongAdder fetched, Failover fo) {
        Promise<Void> done = Promise.promise();
        sync(c, since).onComplete(r -> {
            if (r.succeeded() && r.result().getJsonArray("events") != null) {
                long at = System.nanoTime();
                for (Object e : r.result().getJsonArray("events")) {
                    JsonObject event = (JsonObject) e;
                    if (event.getLong("seq", 0L) > f.last) {
                        fetched.increment();
                        deliver(c, f, event, at);
                    }
                }
            } else if (r.succeeded()) {
                if (fo != null) {
                    fo.snapshots.increment();
                }
                f.last = r.result().getLong("seq", f.last);
            } else if (fo != null) {
                fo.failed.increment();
            }
            List<Held> held = f.held;
            f.held = null;
            held.forEach(h -> deliver(c, f, h.body(), h.at()));
            done.complete();
        });
        return done.future();
    }

    // ------------------------------------------------------------------ failover

    /** A stream one client follows: the last seq it had, and the live events it holds back while it catches up. */
    static final class Followed {
        final String address;
        final boolean console;
        long last = -1;
        List<Held> held;

        Followed(String address, boolean console) {
            this.address = address;
            this.console = console;
        }

        /** The fs.sync body that catches this stream up, or null for a stream without seq (motion, presence). */
        JsonObject catchUp() {
            String[] parts = address.split("\\.");
            if (address.startsWith("fs.table.")) {
                return new JsonObject().put("workshopId", parts[2]).put("table", Integer.parseInt(parts[3])).put("sinceSeq", Math.max(0, last));
            }
            if (address.startsWith("fs.workshop.")) {
                return new JsonObject().put("workshopId", parts[2]).put("sinceSeq", Math.max(0, last));
            }
            return null;
        }
    }

    record Held(JsonObject body, long at) {
    }

    private final Map<SockJsClient, Integer> memberOf = new ConcurrentHashMap<>();
    private final Map<SockJsClient, List<Followed>> followed = new ConcurrentHashMap<>();
    private volatile Failover failover;

    /**
     * A member killed in the measured window: its clients notice the closed socket, wait the web client's
     * first reconnection delay, reconnect to another member, register again and catch up with fs.sync,
     * then send what waited in their outbox, as the web client does. Two gaps are measured from the
     * kill: until every moved client is up to date again (its catch-up answered: it holds every event
     * the workshop had), and until every moved client has had an event again (which also waits for
     * someone at its table to do something).
     */
    final class Failover {
        final int victim;
        final double afterSeconds;
        final java.util.function.IntConsumer kill;
        volatile long killedAt;
        final Map<SockJsClient, Long> lost = new ConcurrentHashMap<>();
        final Map<SockJsClient, Long> firstEvent = new ConcurrentHashMap<>();
        final Map<SockJsClient, Long> reconnected = new ConcurrentHashMap<>();
        final Map<SockJsClient, Long> connectStarted = new ConcurrentHashMap<>();
        final Map<SockJsClient, Long> upgraded = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.LongAdder notReady = new java.util.concurrent.atomic.LongAdder();
        /** How late the generator's own timers ran in the three seconds after the kill (its share of the gap). */
        final Stats.Recorder timerLag = new Stats.Recorder();
        final Map<SockJsClient, Long> caughtUp = new ConcurrentHashMap<>();
        final Map<SockJsClient, Boolean> moved = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.LongAdder recovered = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder snapshots = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder failed = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder attempts = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder resent = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder motionToOffline = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder motionNotSent = new java.util.concurrent.atomic.LongAdder();

        /** Members a moved client does not go to: the victim, and for a rehearsal also the kill's victim. */
        final java.util.Set<Integer> avoid = new java.util.HashSet<>();

        Failover(int victim, double afterSeconds, java.util.function.IntConsumer kill) {
            this.victim = victim;
            this.afterSeconds = afterSeconds;
            this.kill = kill;
            avoid.add(victim);
        }

        void heard(SockJsClient c, long at) {
            if (moved.containsKey(c) && reconnected.containsKey(c)) {
                firstEvent.putIfAbsent(c, at);
            }
        }

        /** Milliseconds after the kill: {median, last}, the last only when every moved client got there. */
        private Object[] since(Map<SockJsClient, Long> at) {
            List<Long> ms = new ArrayList<>();
            at.values().forEach(t -> ms.add(t - killedAt));
            ms.sort(null);
            Object median = ms.isEmpty() ? null : LoadTest.round(ms.get(ms.size() / 2) / 1e6);
            Object last = ms.isEmpty() || ms.size() < moved.size() ? null : LoadTest.round(ms.get(ms.size() - 1) / 1e6);
            return new Object[]{median, last};
        }

        JsonObject result() {
            Object[] lostMs = since(lost);
            Object[] reconnectMs = since(reconnected);
            Object[] upToDateMs = since(caughtUp);
            Object[] startMs = since(connectStarted);
            Object[] upgradeMs = since(upgraded);
            Object[] eventMs = since(firstEvent);
            return new JsonObject().put("killedMember", victim + 1).put("killedAfterSeconds", afterSeconds)
                    .put("movedClients", moved.size()).put("reconnected", reconnected.size())
                    .put("upToDateAgain", caughtUp.size())
                    .put("withAnEventAgain", firstEvent.size()).put("reconnectFailures", failed.sum())
                    .put("reconnectAttempts", attempts.sum())
                    .put("reconnectDelayMinMs", SockJsClient.RECONNECT_DELAY_MIN_MILLIS)
                    .put("medianLossSeenMs", lostMs[0]).put("lastLossSeenMs", lostMs[1])
                    .put("medianConnectStartedMs", startMs[0]).put("lastConnectStartedMs", startMs[1])
                    .put("medianUpgradedMs", upgradeMs[0]).put("lastUpgradedMs", upgradeMs[1])
                    .put("syncsNotReady", notReady.sum())
                    .put("generatorTimerLagAfterKill", timerLag.summary())
                    .put("medianReconnectMs", reconnectMs[0]).put("lastReconnectMs", reconnectMs[1])
                    .put("medianUpToDateMs", upToDateMs[0]).put("upToDateGapMs", upToDateMs[1])
                    .put("medianGapMs", eventMs[0]).put("failoverGapMs", eventMs[1])
                    .put("eventsRecoveredBySync", recovered.sum()).put("snapshotsBySync", snapshots.sum())
                    .put("commandsSentAgain", resent.sum())
                    .put("motionNotForOfflineClients", motionToOffline.sum()).put("motionNotSentWhileOffline", motionNotSent.sum());
        }
    }

    /** Kills member {@code victim} (0-based) {@code afterSeconds} into the measured window; its clients fail over. */
    void killMemberAfter(int victim, double afterSeconds, java.util.function.IntConsumer kill) {
        Failover fo = new Failover(victim, afterSeconds, kill);
        memberOf.forEach((c, m) -> {
            if (m == victim) {
                fo.moved.put(c, true);
                c.onLost = () -> {
                    fo.lost.putIfAbsent(c, System.nanoTime());
                    List<Followed> streams = followed.getOrDefault(c, List.of());
                    streams.forEach(f -> f.held = new ArrayList<>());
                    vertx.setTimer(SockJsClient.reconnectDelayMillis(0), id -> failOver(c, fo, 0));
                };
            }
        });
        failover = fo;
    }

    /**
     * Mid-warm-up, drops {@code perMember} clients of every member the kill spares and lets each reconnect to
     * another such member exactly as in the failover (the delay, a new socket, registrations, catch-up, the
     * outbox): a network blip, as a day of workshops on wifi has many. So the reconnection code of the
     * generator and of the members runs once before the measured kill, as a server up for a while has run
     * it; what the kill adds (Hazelcast giving the dead member's partitions new owners) stays cold.
     */
    void rehearseReconnects(int perMember) {
        rehearsal = perMember;
    }

    private int rehearsal;

    private void rehearse() {
        int spared = failover == null ? -1 : failover.victim;
        Map<Integer, List<SockJsClient>> byMember = new java.util.TreeMap<>();
        memberOf.forEach((c, m) -> byMember.computeIfAbsent(m, k -> new ArrayList<>()).add(c));
        int dropped = 0;
        for (Map.Entry<Integer, List<SockJsClient>> e : byMember.entrySet()) {
            if (e.getKey() == spared) {
                continue;
            }
            Failover blip = new Failover(e.getKey(), 0, i -> { });
            if (spared >= 0) {
                blip.avoid.add(spared);
            }
            if (blip.avoid.size() >= members.size()) {
                continue; // nowhere to go
            }
            for (SockJsClient c : e.getValue().subList(0, Math.min(rehearsal, e.getValue().size()))) {
                // From now on the client keeps its commands in an outbox, as the web client always does; the
                // drop comes a second later, when what it sent without one has been answered.
                c.onLost = () -> {
                    followed.getOrDefault(c, List.of()).forEach(f -> f.held = new ArrayList<>());
                    vertx.setTimer(SockJsClient.reconnectDelayMillis(0), id -> failOver(c, blip, 0));
                };
                vertx.setTimer(1000, id -> c.context().runOnContext(v -> c.drop()));
                dropped++;
            }
        }
        stats.note("warm-up: " + dropped + " clients dropped and reconnected to another member, as in a failover");
    }

    /**
     * On the client's event loop, after the reconnection delay: open a socket to a member still up (trying
     * again after the next delay should it fail), register again, catch up, then send the outbox.
     */
    private void failOver(SockJsClient c, Failover fo, int attempt) {
        List<Followed> streams = followed.getOrDefault(c, List.of());
        // A new SockJS session id, hashed by the documented load balancer (nginx `hash $sid consistent`,
        // docs/examples) over the members still up: each moved client lands on a survivor at random.
        List<Integer> survivors = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (!fo.avoid.contains(i)) {
                survivors.add(i);
            }
        }
        int to = survivors.get(ThreadLocalRandom.current().nextInt(survivors.size()));
        Member m = members.get(to);
        fo.attempts.increment();
        c.connect(vertx, wsClient, m.host(), m.port()).onFailure(e -> {
            fo.failed.increment();
            vertx.setTimer(SockJsClient.reconnectDelayMillis(attempt + 1), id -> failOver(c, fo, attempt + 1));
        }).onSuccess(v -> {
            memberOf.put(c, to);
            onMember(c, to);
            fo.reconnected.put(c, System.nanoTime());
            fo.connectStarted.put(c, c.connectStarted);
            fo.upgraded.put(c, c.upgraded);
            c.registerAgain();
            List<Future<Void>> catchUps = new ArrayList<>();
            for (Followed f : streams) {
                JsonObject since = f.catchUp();
                if (since == null) {
                    f.held = null;
                    continue;
                }
                catchUps.add(catchUp(c, f, since, fo.recovered, fo));
            }
            Future.all(catchUps).onComplete(all -> {
                fo.caughtUp.put(c, System.nanoTime());
                fo.resent.add(c.sendWaiting());
            });
        });
    }

    private Future<JsonObject> sync(SockJsClient client, JsonObject body) {
        Promise<JsonObject> p = Promise.promise();
        sync(client, body, p, Http.NOT_READY_TRIES);
        return p.future();
    }

    /** A cluster member that has not caught up with the workshop yet answers not_ready: ask again a little later, as the web client does. */
    private void sync(SockJsClient client, JsonObject body, Promise<JsonObject> p, int tries) {
        client.send("fs.sync", body, (reply, code, message, at) -> {
            if (reply != null) {
                p.complete(reply);
            } else if (tries > 1 && message != null && message.contains("\"not_ready\"")) {
                Failover fo = failover;
                if (fo != null) {
                    fo.notReady.increment();
                }
                vertx.setTimer(200, id -> sync(client, body, p, tries - 1));
            } else {
                p.fail("fs.sync refused: " + code + " " + message);
            }
        });
    }

    /** The other clients that follow {@code address} on an open socket now. */
    private int liveOthers(String address, SockJsClient sender) {
        List<SockJsClient> all = followers.get(address);
        if (all == null) {
            return 0;
        }
        int n = 0;
        for (SockJsClient c : all) {
            if (c != sender && c.isFollowing()) {
                n++;
            }
        }
        return n;
    }

    private int others(String address) {
        List<SockJsClient> all = followers.get(address);
        return all == null ? 0 : all.size() - 1;
    }

    // ------------------------------------------------------------------ play

    /**
     * Plays: warm-up, then the measured window (the callbacks run at its start and end, on this
     * thread), then waits for the last deliveries.
     */
    void play(Runnable onWindowStart, Runnable onWindowEnd) throws Exception {
        long t0 = System.nanoTime();
        playing = true;
        for (WorkshopRun w : workshops) {
            w.context.runOnContext(v -> startRound(w, 1));
        }
        for (TableRun t : allTables()) {
            t.context.runOnContext(v -> startActors(t));
        }
        if (rehearsal > 0 && members.size() > 1) {
            vertx.setTimer(Math.max(1, settings.warmupSeconds() * 500L), id -> rehearse());
        }
        double total = settings.warmupSeconds() + settings.seconds();
        sleepUntil(t0, settings.warmupSeconds());
        long windowStart = System.nanoTime();
        stats.windowStart = windowStart;
        stats.measuring = true;
        onWindowStart.run();
        // the box is shared: every few seconds note how much CPU everything else took, to tell quiet stretches
        List<double[]> samples = new ArrayList<>();
        samples.add(cpuSample());
        long end = windowStart + settings.seconds() * 1_000_000_000L;
        long switchAt = total >= 4 ? t0 + (long) (total / 2 * 1e9) : Long.MAX_VALUE;
        long nextSlice = windowStart + Stats.SLICE_NANOS;
        Failover fo = failover;
        long killAt = fo == null ? Long.MAX_VALUE : windowStart + (long) (fo.afterSeconds * 1e9);
        while (System.nanoTime() < end) {
            long next = Math.min(Math.min(end, killAt), Math.min(nextSlice, switchAt));
            sleepUntil(next, 0);
            long now = System.nanoTime();
            if (now >= killAt) {
                killAt = Long.MAX_VALUE;
                fo.killedAt = System.nanoTime();
                fo.kill.accept(fo.victim);
            }
            if (now >= switchAt) {
                switchAt = Long.MAX_VALUE;
                for (WorkshopRun w : workshops) {
                    w.context.runOnContext(v -> nextRound(w));
                }
            }
            if (now >= nextSlice && nextSlice <= end) {
                samples.add(cpuSample());
                nextSlice += Stats.SLICE_NANOS;
            }
        }
        playing = false;
        stats.measuring = false;
        windowSeconds = (System.nanoTime() - windowStart) / 1e9;
        onWindowEnd.run();
        for (int k = 0; k + 1 < samples.size(); k++) {
            double[] a = samples.get(k);
            double[] b = samples.get(k + 1);
            sliceOthers.add(Math.max(0, (b[0] - a[0]) - (b[1] - a[1]) - (b[2] - a[2])) / (Stats.SLICE_NANOS / 1e9));
        }
        long drainUntil = System.nanoTime() + settings.drainSeconds() * 1_000_000_000L;
        while (System.nanoTime() < drainUntil && (correlator.outstanding() > 0 || inflight() > 0)) {
            Thread.sleep(50);
        }
    }

    private final Map<Long, Double> lastCpu = new ConcurrentHashMap<>();

    /** Whose CPU time so far: {the machine's busy seconds, the server's, the generator's}. */
    private double[] cpuSample() {
        double server = serverPids.stream().mapToDouble(pid -> {
            try {
                return lastCpu.compute(pid, (p, v) -> ServerProcess.stats(p).cpuSeconds());
            } catch (java.io.UncheckedIOException gone) {
                return lastCpu.getOrDefault(pid, 0.0); // a member killed in the window: its CPU up to then
            }
        }).sum();
        double generator = ServerProcess.stats(ProcessHandle.current().pid()).cpuSeconds();
        return new double[]{ServerProcess.machineCpu()[0], server, generator};
    }

    private int inflight() {
        return workshops.stream().mapToInt(w -> w.inflight.get()).sum();
    }

    private static void sleepUntil(long t0, double seconds) throws InterruptedException {
        long until = t0 + (long) (seconds * 1e9);
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(200, left / 1_000_000)));
        }
    }

    private void startRound(WorkshopRun w, int round) {
        JsonObject body = new JsonObject().put("type", "startRound").put("workshopId", w.id).put("round", round);
        facilitatorCommand(w, body, () -> {
            w.round = round;
            w.open = true;
        });
    }

    /** The whistle: the tables stop, the commands in flight land, the round ends, the next one starts. */
    private void nextRound(WorkshopRun w) {
        w.open = false;
        long since = System.nanoTime();
        vertx.setPeriodic(50, id -> {
            if (w.inflight.get() > 0 && System.nanoTime() - since < 10_000_000_000L || System.nanoTime() - since < 1_000_000_000L) {
                return;
            }
            vertx.cancelTimer(id);
            JsonObject end = new JsonObject().put("type", "endRound").put("workshopId", w.id);
            facilitatorCommand(w, end, () -> vertx.setTimer(500, t -> startRound(w, w.round + 1)));
        });
    }

    private void facilitatorCommand(WorkshopRun w, JsonObject body, Runnable onOk) {
        String type = body.getString("type");
        body.put("commandId", w.console.nextCommandId());
        String key = Correlator.key(w.address(), body);
        long sent = System.nanoTime();
        Correlator.Pending p = correlator.expect(key, Correlator.KINDS.get(type), w.console.name, sent, others(w.address()), false);
        count(type);
        w.console.sendCommand("fs.command", body, (reply, code, message, at) -> {
            if (p.measured) {
                stats.ack.add(at - sent);
            }
            if (reply == null) {
                refused(type, code, message);
                correlator.forget(key, p);
            } else {
                onOk.run();
            }
        });
    }

    private void startActors(TableRun t) {
        for (Seat s : t.seats) {
            long first = 200 + s.random.nextInt(3000);
            switch (s.seat) {
                case "respondent1", "respondent2" -> vertx.setTimer(first, id -> respondent(t, s));
                case "interviewer" -> vertx.setTimer(first, id -> interviewer(t, s));
                case "reporter" -> vertx.setTimer(first, id -> reporter(t, s));
                case "observer" -> vertx.setTimer(first, id -> observer(t, s));
                default -> throw new IllegalStateException(s.seat);
            }
        }
    }

    private void later(long millis, Runnable step) {
        if (playing) {
            vertx.setTimer(Math.max(1, millis), id -> step.run());
        }
    }

    private static long between(Random r, long from, long to) {
        return from + (long) (r.nextDouble() * (to - from));
    }

    /** Thinks 2 to 4 s, drags for about a second, drops; only in their own round. */
    private void respondent(TableRun t, Seat s) {
        if (!playing) {
            return;
        }
        if (!t.playable() || t.respondent() != s) {
            later(500, () -> respondent(t, s));
            return;
        }
        t.followRound();
        Drop drop = chooseDrop(t, s);
        int moves = 8 + s.random.nextInt(5);
        String side = s.random.nextBoolean() ? "stimulating" : "hindering";
        drag(t, s, drop, side, moves, 0, System.nanoTime());
    }

    private void drag(TableRun t, Seat s, Drop drop, String side, int moves, int i, long due) {
        long lag = System.nanoTime() - due;
        if (stats.measuring) {
            stats.timerLag.add(Math.max(0, lag));
        }
        Failover during = failover;
        if (during != null && during.killedAt > 0 && System.nanoTime() - during.killedAt < 3_000_000_000L) {
            during.timerLag.add(Math.max(0, lag));
        }
        if (!t.playable() || t.round != t.workshop.round) {
            later(500, () -> respondent(t, s));
            return;
        }
        if (i < moves) {
            JsonObject motion = new JsonObject().put("workshopId", t.workshop.id).put("table", t.number);
            if (drop.placementId() != null) {
                motion.put("placementId", drop.placementId());
            } else {
                motion.put("cardId", drop.cardId());
            }
            motion.put("side", side).put("strength", s.random.nextDouble())
                    .put("y", 0.01 + 0.98 * s.random.nextDouble()).put("done", i == moves - 1);
            if (s.client.isOpen()) {
                // Motion is fire-and-forget and never caught up: it is expected at the clients that follow the
                // table now, and a client without a socket does not send it (bus.fire drops it, as the browser does)
                String key = Correlator.key(t.motionAddress, motion);
                int live = liveOthers(t.motionAddress, s.client);
                Failover fo = failover;
                if (fo != null && fo.killedAt > 0) {
                    fo.motionToOffline.add(others(t.motionAddress) - live);
                }
                correlator.expect(key, "motion", s.client.name, System.nanoTime(), live, false);
                if (stats.measuring) {
                    stats.motionSent.increment();
                }
                s.client.fire("fs.motion", motion);
            } else if (failover != null) {
                failover.motionNotSent.increment();
            }
            long next = due + 100_000_000L;
            vertx.setTimer(Math.max(1, (next - System.nanoTime()) / 1_000_000), id -> drag(t, s, drop, side, moves, i + 1, next));
            return;
        }
        drop.action().run();
        later(between(s.random, 2000, 4000), () -> respondent(t, s));
    }

    /** What the drag ends in: a new card mostly, sometimes a move, sometimes a card back to the tray. */
    private Drop chooseDrop(TableRun t, Seat s) {
        Random r = s.random;
        List<Placement> confirmed = t.board.stream().filter(p -> p.confirmed).toList();
        List<Placement> loose = confirmed.stream().filter(p -> !p.keeper).toList();
        double roll = r.nextDouble();
        if (!loose.isEmpty() && (t.board.size() >= 30 || roll < 0.15)) {
            Placement p = loose.get(r.nextInt(loose.size()));
            return new Drop(() -> {
                t.board.remove(p);
                t.onBoard.merge(p.cardId, -1, Integer::sum);
                tableCommand(t, s, body(t, "removeCard").put("placementId", p.id), null);
            }, p.cardId, p.id);
        }
        if (!confirmed.isEmpty() && (roll < 0.40 || t.board.size() >= 40)) {
            Placement p = confirmed.get(r.nextInt(confirmed.size()));
            return new Drop(() -> tableCommand(t, s, body(t, "moveCard").put("placementId", p.id)
                    .put("side", r.nextBoolean() ? "stimulating" : "hindering").put("strength", r.nextDouble())
                    .put("y", 0.01 + 0.98 * r.nextDouble()), null), p.cardId, p.id);
        }
        List<String> free = CARDS.stream().filter(c -> t.onBoard.getOrDefault(c, 0) < COPIES).toList();
        String card = free.get(r.nextInt(free.size()));
        return new Drop(() -> {
            Placement p = new Placement("p" + (++t.placementsMade), card, r.nextDouble() < 0.6);
            t.board.add(p);
            t.onBoard.merge(card, 1, Integer::sum);
            tableCommand(t, s, body(t, "placeCard").put("cardId", card)
                    .put("side", r.nextBoolean() ? "stimulating" : "hindering").put("strength", r.nextDouble())
                    .put("y", 0.01 + 0.98 * r.nextDouble()), () -> p.confirmed = true);
        }, card, null);
    }

    /** Explains a card every 6 to 10 s; now and then moves the interview to the next question. */
    private void interviewer(TableRun t, Seat s) {
        if (!playing) {
            return;
        }
        if (t.playable()) {
            t.followRound();
            List<Placement> keepers = t.board.stream().filter(p -> p.keeper && p.confirmed).toList();
            if (keepers.isEmpty() || s.random.nextDouble() < 0.25) {
                t.questionIndex = (t.questionIndex + 1) % QUESTIONS.size();
                tableCommand(t, s, body(t, "setQuestion").put("questionId", QUESTIONS.get(t.questionIndex)), null);
            } else {
                Placement p = keepers.get(s.random.nextInt(keepers.size()));
                tableCommand(t, s, body(t, "explainCard").put("placementId", p.id).put("text", text(s, 60, 240)), null);
            }
        }
        later(between(s.random, 6000, 10000), () -> interviewer(t, s));
    }

    /** Rewrites the note of the current question every 4 to 8 s. */
    private void reporter(TableRun t, Seat s) {
        if (!playing) {
            return;
        }
        if (t.playable()) {
            t.followRound();
            tableCommand(t, s, body(t, "writeNote").put("questionId", QUESTIONS.get(t.questionIndex)).put("text", text(s, 100, 600)), null);
        }
        later(between(s.random, 4000, 8000), () -> reporter(t, s));
    }

    /** Annotates a card (or the board) every 8 to 12 s. */
    private void observer(TableRun t, Seat s) {
        if (!playing) {
            return;
        }
        if (t.playable()) {
            t.followRound();
            List<Placement> keepers = t.board.stream().filter(p -> p.keeper && p.confirmed).toList();
            JsonObject body = body(t, "annotate").put("text", text(s, 40, 200));
            if (!keepers.isEmpty() && s.random.nextDouble() < 0.7) {
                body.put("placementId", keepers.get(s.random.nextInt(keepers.size())).id);
            }
            tableCommand(t, s, body, null);
        }
        later(between(s.random, 8000, 12000), () -> observer(t, s));
    }

    private static JsonObject body(TableRun t, String type) {
        return new JsonObject().put("type", type).put("workshopId", t.workshop.id).put("table", t.number);
    }

    /** A text of about the given length from real-sounding sentences. */
    private static String text(Seat s, int min, int max) {
        int length = min + s.random.nextInt(max - min);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(PHRASES[s.random.nextInt(PHRASES.length)]);
        }
        return sb.toString();
    }

    private void tableCommand(TableRun t, Seat s, JsonObject body, Runnable onOk) {
        String type = body.getString("type");
        body.put("commandId", s.client.nextCommandId());
        String key = Correlator.key(t.address, body);
        if (key == null) {
            throw new IllegalStateException("no key for " + body.encode());
        }
        long sent = System.nanoTime();
        Correlator.Pending p = correlator.expect(key, Correlator.KINDS.get(type), s.client.name, sent, others(t.address), false, true);
        count(type);
        t.workshop.inflight.incrementAndGet();
        s.client.sendCommand("fs.command", body, (reply, code, message, at) -> {
            t.workshop.inflight.decrementAndGet();
            if (p.measured) {
                stats.ack.add(at - sent);
                if (reply != null) {
                    // docs/protocol.md: on one connection a command's events arrive before its answer
                    stats.answered.increment();
                    if (!p.senderHeard) {
                        stats.answeredBeforeEvent.increment();
                    }
                }
            }
            if (reply == null) {
                refused(type, code, message);
                correlator.forget(key, p);
            } else if (onOk != null) {
                onOk.run();
            }
        });
    }

    private void count(String type) {
        if (stats.measuring) {
            stats.sent(type);
        }
    }

    private void refused(String type, int code, String message) {
        String reason;
        try {
            reason = code < 0 ? "connection_closed" : new JsonObject(message).getString("code");
        } catch (RuntimeException e) {
            reason = String.valueOf(code);
        }
        stats.rejected(type + ":" + reason);
        stats.note("refused " + type + ": " + code + " " + message);
    }

    // ------------------------------------------------------------------ results

    private <T> Future<T> on(Context context, java.util.function.Supplier<Future<T>> work) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> work.get().onComplete(p));
        return p.future();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    }

    int clients() {
        return workshops.size() + settings.tables() * SEATS.size();
    }

    /** The run's figures: latencies per kind and together, rates, and everything that went wrong. */
    JsonObject result() {
        long[] missing = correlator.missing();
        JsonObject lostByKind = correlator.missingByKind();
        JsonObject rejectedByKind = Stats.countsByKind(stats.rejected);
        JsonObject kinds = new JsonObject();
        new java.util.TreeMap<>(stats.latency).forEach((k, r) -> {
            JsonObject summary = r.summary();
            long sent = k.equals("motion") ? stats.motionSent.sum() : stats.commandsSent.getOrDefault(k, new java.util.concurrent.atomic.LongAdder()).sum();
            kinds.put(k, summary.put("sentPerSecond", rate(sent)).put("deliveriesPerSecond", rate(summary.getInteger("count")))
                    .put("rejected", rejectedByKind.getLong(k, 0L)).put("lost", lostByKind.getLong(k, 0L)));
        });
        Stats.Recorder table = new Stats.Recorder();
        Stats.Recorder all = new Stats.Recorder();
        stats.latency.forEach((k, r) -> {
            if (TABLE_KINDS.contains(k)) {
                table.addAll(r);
            }
            all.addAll(r);
        });
        long commands = Stats.total(stats.commandsSent);
        JsonArray notes = new JsonArray();
        stats.notes().forEach(notes::add);
        return new JsonObject()
                .put("tables", settings.tables())
                .put("workshops", workshops.size())
                .put("clients", clients())
                .put("warmupSeconds", settings.warmupSeconds())
                .put("windowSeconds", Math.round(windowSeconds * 100) / 100.0)
                .put("setupSeconds", Math.round(setupSeconds * 100) / 100.0)
                .put("tableCommands", table.summary())
                .put("motion", kinds.getJsonObject("motion", new JsonObject()))
                .put("all", all.summary())
                .put("kinds", kinds)
                .put("console", stats.console.summary())
                .put("ack", stats.ack.summary())
                .put("generatorTimerLag", stats.timerLag.summary())
                .put("commandsPerSecond", rate(commands))
                .put("motionPerSecond", rate(stats.motionSent.sum()))
                .put("deliveriesPerSecond", rate(stats.measuredDeliveries.sum()))
                .put("commandsSent", Stats.counts(stats.commandsSent))
                .put("rejected", Stats.total(stats.rejected))
                .put("rejectedByKind", Stats.counts(stats.rejected))
                .put("lost", missing[0])
                .put("lostIncludingWarmup", missing[1])
                .put("lostByKind", lostByKind)
                .put("seqGaps", stats.seqGaps.sum())
                .put("gapEventsFetched", stats.gapEventsFetched.sum())
                .put("tableCommandsAnswered", stats.answered.sum())
                .put("answeredBeforeOwnEvent", stats.answeredBeforeEvent.sum())
                .put("disconnects", stats.disconnects.sum())
                .put("socketErrors", stats.socketErrors.sum())
                .put("refusedFrames", stats.unansweredErrors.sum())
                .put("keyCollisions", stats.keyCollisions.sum())
                .put("quiet", quiet())
                .put("paths", paths())
                .put("failover", failover == null ? null : failover.result())
                .put("notes", notes);
    }

    /** Table-command latencies by sender's and receiver's member (cluster runs), or null. */
    private JsonObject paths() {
        if (stats.paths.isEmpty()) {
            return null;
        }
        JsonObject out = new JsonObject();
        new java.util.TreeMap<>(stats.paths).forEach((k, r) -> out.put(k, r.summary()));
        return out;
    }

    /** Cores of other processes below which a slice counts as quiet. */
    static final double QUIET_CORES = 0.25;

    /**
     * The same latencies, only over the slices of the window in which the rest of the box was quiet
     * (other processes used less than a quarter of a core): the figure for a machine of our own.
     */
    private JsonObject quiet() {
        Stats.Recorder table = new Stats.Recorder();
        Stats.Recorder motion = new Stats.Recorder();
        JsonArray slices = new JsonArray();
        int quiet = 0;
        for (int k = 0; k < sliceOthers.size(); k++) {
            Stats.Recorder t = stats.tableSlices.get(k);
            Stats.Recorder m = stats.motionSlices.get(k);
            double others = sliceOthers.get(k);
            slices.add(new JsonObject().put("othersCores", LoadTest.round(others))
                    .put("tableCommandsP99", t == null ? null : t.summary().getDouble("p99"))
                    .put("motionP99", m == null ? null : m.summary().getDouble("p99")));
            if (others < QUIET_CORES) {
                quiet++;
                if (t != null) {
                    table.addAll(t);
                }
                if (m != null) {
                    motion.addAll(m);
                }
            }
        }
        return new JsonObject().put("othersBelowCores", QUIET_CORES).put("sliceSeconds", Stats.SLICE_NANOS / 1_000_000_000L)
                .put("quietSlices", quiet).put("slices", sliceOthers.size())
                .put("tableCommands", table.summary()).put("motion", motion.summary()).put("bySlice", slices);
    }

    private double rate(long n) {
        return windowSeconds <= 0 ? 0 : Math.round(n / windowSeconds * 10) / 10.0;
    }

    @Override
    public void close() {
        for (WorkshopRun w : workshops) {
            if (w.console != null) {
                w.console.close(vertx);
            }
            for (TableRun t : w.tables) {
                t.seats.stream().filter(s -> s.client != null).forEach(s -> s.client.close(vertx));
            }
        }
        try {
            wsClient.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
