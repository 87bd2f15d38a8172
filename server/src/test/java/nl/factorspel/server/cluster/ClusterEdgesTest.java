package nl.factorspel.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.ApiClient;
import nl.factorspel.server.BridgeSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The edges of a three-member cluster, where people meet it: members start serving with the members they
 * see; a token made on one member works on every member at once (a member that cannot tell yet answers a
 * retryable 503, never a 401); presence counts the people of every member; and no event loop waits during a
 * failover with 200 clients reconnecting. Each member is a JVM of its own on loopback, started as an
 * operator starts one; the tests run in order on one cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEdgesTest {

    static final Duration START = Duration.ofSeconds(120);
    static final int MAX_EVENT_LOOP_MILLIS = 100;
    static final int CLIENTS = 200;
    static final int TABLES = 20;

    @TempDir
    static Path root;
    Vertx vertx;
    List<ClusterMember> members;
    ClusterMember a;
    ClusterMember b;
    ClusterMember c;
    String memberList;

    @BeforeAll
    void startCluster() throws Exception {
        vertx = Vertx.vertx();
        Path logs = Path.of("target", "cluster-logs", "edges-" + System.currentTimeMillis());
        members = new ArrayList<>(ClusterMember.plan(root, logs, "a", "b", "c"));
        a = members.get(0);
        b = members.get(1);
        c = members.get(2);
        // Vert.x warns of any event loop busy with one task for more than 100 ms (its default is 2 s).
        members.forEach(m -> m.jvmOptions.add("-D" + ClusterNode.MAX_EVENT_LOOP_PROPERTY + "=" + MAX_EVENT_LOOP_MILLIS));
        // Two of the three come first: the third is late (test 0).
        memberList = ClusterMember.addresses(members);
        long started = System.nanoTime();
        for (ClusterMember m : members.subList(0, 2)) {
            m.start(memberList);
        }
        for (ClusterMember m : members.subList(0, 2)) {
            m.awaitUp(START);
        }
        twoUpMillis = (System.nanoTime() - started) / 1_000_000;
    }

    long twoUpMillis;

    // ------------------------------------------------------------------------------------------- start

    @Test
    @Order(0)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoOfThreeMembersServeWithinSecondsWithoutWaitingForTheThird() throws Exception {
        System.out.printf("a and b (of three listed) up in %d ms, c not started%n", twoUpMillis);
        assertTrue(twoUpMillis < 40_000, "two of three members serve without waiting a minute for the third: " + twoUpMillis + " ms");
        JsonObject w = a.http.createWorkshop(1);
        JsonObject joined = b.http.join(w.getString("joinCode"), "Ilse", 1, "interviewer");
        assertEquals(200, untilAnswered(a, "/api/workshops/" + w.getString("workshopId"), joined.getString("token"), new TreeMap<>()).status());

        // The third comes late, catches up and serves what the two made meanwhile.
        long started = System.nanoTime();
        c.start(memberList);
        c.awaitUp(START);
        System.out.printf("c joined in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        ApiClient.Response onC = untilAnswered(c, "/api/workshops/" + w.getString("workshopId"), w.getString("facilitatorToken"), new TreeMap<>());
        assertEquals(200, onC.status(), onC.body());
        assertEquals(1, onC.json().getJsonObject("workshop").getJsonArray("participants").size(), "c knows who joined on b");
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (members != null) {
            for (ClusterMember m : members) {
                if (m.alive()) {
                    m.kill();
                }
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------- tokens

    @Test
    @Order(1)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aTokenMadeOnOneMemberWorksOnEveryMemberAtOnceAndIsNeverRefusedThere() throws Exception {
        // Many facilitators and participants at once, as at the start of a busy morning: the members are busy.
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.atomic.AtomicInteger bridgeNotReady = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        // And the machine is loaded, as a laptop running a video call next to the server: threads that only burn CPU.
        java.util.concurrent.atomic.AtomicBoolean loaded = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> burners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
            Thread burner = new Thread(() -> {
                long x = 0;
                while (loaded.get()) {
                    x += System.nanoTime() % 7;
                }
                burnt.addAndGet(x);
            }, "burner-" + i);
            burner.setDaemon(true);
            burner.start();
            burners.add(burner);
        }
        try {
            List<java.util.concurrent.Future<?>> rounds = new ArrayList<>();
            for (int round = 0; round < TOKEN_ROUNDS; round++) {
                int r = round;
                rounds.add(pool.submit(() -> {
                    tokenRound(r, statuses, bridgeNotReady);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : rounds) {
                try {
                    f.get(150, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failure) {
                        throw failure;
                    }
                    throw e;
                }
            }
        } finally {
            loaded.set(false);
            pool.shutdownNow();
        }
        System.out.printf("%d workshops, each read and played on other members right after creation, 12 at a time: HTTP statuses %s; "
                + "%d bridge answers not_ready%n", TOKEN_ROUNDS, statuses, bridgeNotReady.get());
    }

    static final int TOKEN_ROUNDS = 60;
    /** What the burners computed, kept so that the JIT cannot drop their loops. */
    static final java.util.concurrent.atomic.AtomicLong burnt = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A workshop made on one member is read on the two others straight after the answer; a person joins through
     * the third with its code and acts through the second at once. Only a 200 (or a 503 not_ready, asked again)
     * may come back, never a refusal of the token.
     */
    void tokenRound(int round, Map<Integer, Integer> statuses, java.util.concurrent.atomic.AtomicInteger bridgeNotReady) throws Exception {
        ClusterMember maker = members.get(round % 3);
        ClusterMember other = members.get((round + 1) % 3);
        ClusterMember third = members.get((round + 2) % 3);
        JsonObject w = maker.http.createWorkshop(1);
        String id = w.getString("workshopId");
        for (ClusterMember m : List.of(other, third)) {
            ApiClient.Response r = untilAnswered(m, "/api/workshops/" + id, w.getString("facilitatorToken"), statuses);
            assertEquals(200, r.status(), m.name + " serves workshop " + id + " made on " + maker.name + ": " + r.body());
        }
        JsonObject joined = third.http.join(w.getString("joinCode"), "Ilse", 1, "interviewer");
        try (BridgeSocket socket = BridgeSocket.open(vertx, other.httpPort, frame -> { }, () -> { })) {
            JsonObject sync = new JsonObject().put("workshopId", id).put("table", 1).put("sinceSeq", 0);
            JsonObject body = new JsonObject().put("type", "setQuestion").put("workshopId", id).put("table", 1).put("questionId", "q2");
            for (Map.Entry<String, JsonObject> request : List.of(Map.entry("fs.sync", sync), Map.entry("fs.command", body))) {
                long until = System.currentTimeMillis() + 15_000;
                while (true) {
                    try {
                        JsonObject reply = BridgeSocket.await(socket.request(request.getKey(), request.getValue(), joined.getString("token")), 20);
                        assertTrue(reply.containsKey("events") || reply.getBoolean("ok", false), reply.encode());
                        break;
                    } catch (BridgeSocket.Failure f) {
                        if (f.code.equals("no_round")) {
                            break; // decided on the workshop's state, so the token was taken: the table is still in the lobby
                        }
                        assertEquals("not_ready", f.code, other.name + " refused a token made on " + third.name + ": " + f.getMessage());
                        assertEquals(503, f.status);
                        bridgeNotReady.incrementAndGet();
                        assertTrue(System.currentTimeMillis() < until, "ready within 15 s");
                        Thread.sleep(200);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------- presence

    /** Who joins, at which table, through which member (by index). */
    static final String[][] PEOPLE = {
            {"interviewer", "Ilse", "1", "0"}, {"respondent1", "Ruud", "1", "1"}, {"reporter", "Rik", "1", "2"},
            {"interviewer", "Ineke", "2", "2"}, {"respondent1", "Rosa", "2", "0"}, {"observer", "Olga", "2", "1"},
    };

    // ------------------------------------------------------------------------------------------- order

    /**
     * docs/protocol.md: on one connection a command's events arrive before its answer. A command that arrives
     * on a member that does not own its workshop is answered by the hop to the owner, its events come over
     * the event bus: the member holds the answer until its connection has had the event. Three facilitators,
     * one on each member, each send broadcasts one after the other while the machine is loaded.
     */
    @Test
    @Order(2)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aCommandsAnswerNeverOvertakesItsEventsOnAnyMember() throws Exception {
        JsonObject w = a.http.createWorkshop(2);
        String id = w.getString("workshopId");
        String token = w.getString("facilitatorToken");
        java.util.concurrent.atomic.AtomicBoolean loaded = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> burners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (loaded.get()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.print("");
                }
            });
            t.setDaemon(true);
            t.start();
            burners.add(t);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<Integer>> sent = new ArrayList<>();
            for (ClusterMember m : members.stream().filter(ClusterMember::alive).toList()) {
                sent.add(pool.submit(() -> {
                    try (ClusterClient facilitator = ClusterClient.connect(vertx, m.httpPort, "facilitator@" + m.name, token, id)) {
                        // An event that comes while the first catch-up is out waits for it (as in the web client): not yet.
                        facilitator.awaitCaughtUp(10_000);
                        for (int i = 0; i < 60; i++) {
                            Thread.sleep(40); // under the connection's command rate
                            String commandId = m.name + "-order-" + i;
                            JsonObject reply = facilitator.command(new JsonObject().put("type", "broadcast").put("workshopId", id)
                                    .put("text", "bericht " + i).put("commandId", commandId));
                            assertTrue(reply.getBoolean("ok"), reply.encode());
                            assertTrue(facilitator.stream(null).snapshot().stream().anyMatch(e -> commandId.equals(e.getString("commandId"))),
                                    "the event of " + commandId + " came before its answer on " + m.name);
                        }
                        return 60;
                    }
                }));
            }
            for (java.util.concurrent.Future<Integer> f : sent) {
                assertEquals(60, f.get(150, TimeUnit.SECONDS));
            }
        } finally {
            loaded.set(false);
            pool.shutdownNow();
        }
    }

    @Test
    @Order(3)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theFacilitatorSeesEveryoneOnlineOnEveryMemberAndLosesADeadMembersPeople() throws Exception {
        JsonObject w = a.http.createWorkshop(2);
        String id = w.getString("workshopId");
        Map<String, String> memberOf = new TreeMap<>();
        List<ClusterClient> people = new ArrayList<>();
        try (Watcher onA = new Watcher(a, id, w.getString("facilitatorToken"));
             Watcher onB = new Watcher(b, id, w.getString("projectorToken"))) {
            for (String[] p : PEOPLE) {
                ClusterMember at = members.get(Integer.parseInt(p[3]));
                JsonObject joined = a.http.join(w.getString("joinCode"), p[1], Integer.parseInt(p[2]), p[0]);
                memberOf.put(joined.getString("participantId"), at.name);
                people.add(ClusterClient.connect(vertx, at.httpPort, p[1], joined.getString("token"), id, Integer.parseInt(p[2])));
            }
            java.util.Set<String> everyone = new java.util.TreeSet<>(memberOf.keySet());
            everyone.add("facilitator"); // the console on a follows both tables
            everyone.add("projector"); // and so does the projector on b
            onA.await(everyone, "the console on a sees all six people, on three members");
            onB.await(everyone, "the projector on b sees the same people");

            // c dies without a word: its two people drop out of everyone's presence.
            long killed = System.nanoTime();
            c.kill();
            java.util.Set<String> left = new java.util.TreeSet<>(everyone);
            left.removeIf(p -> "c".equals(memberOf.get(p)));
            assertEquals(everyone.size() - 2, left.size());
            onA.await(left, "c's people are gone from a's presence");
            System.out.printf("presence: c's people dropped %d ms after kill -9%n", (System.nanoTime() - killed) / 1_000_000);
            onB.await(left, "and from b's");
        } finally {
            people.forEach(ClusterClient::close);
        }
        // c comes back for the tests after this one.
        c.start(memberList);
        c.awaitUp(START);
    }

    // ------------------------------------------------------------------------------------------- failover

    @Test
    @Order(4)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void noEventLoopIsBlockedLongerThan100MsWhile200ClientsReconnectAfterAMemberIsKilled() throws Exception {
        JsonObject w = b.http.createWorkshop(TABLES);
        String id = w.getString("workshopId");
        String token = w.getString("facilitatorToken");
        List<ClusterClient> clients = new CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try (ClusterClient facilitator = ClusterClient.connect(vertx, a.httpPort, "facilitator", token, id)) {
            long connecting = System.nanoTime();
            List<java.util.concurrent.Future<?>> connects = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int n = i;
                connects.add(pool.submit(() -> {
                    clients.add(ClusterClient.connect(vertx, members.get(n % 3).httpPort, "client" + n, token, id, n % TABLES + 1));
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : connects) {
                f.get(60, TimeUnit.SECONDS);
            }
            System.out.printf("%d clients connected over three members in %d ms%n", CLIENTS, (System.nanoTime() - connecting) / 1_000_000);

            // The facilitator broadcasts all along, through a; every client follows the room.
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<long[]> acks = new CopyOnWriteArrayList<>(); // {seq, nanoTime}
            Thread sender = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        JsonObject reply = facilitator.command(new JsonObject().put("type", "broadcast").put("workshopId", id).put("text", "ronde " + i));
                        acks.add(new long[]{reply.getLong("seq"), System.nanoTime()});
                    } catch (Exception e) {
                        // the cluster is taking over from the dead member: the next one goes through
                    }
                    ClusterTest.sleep(50);
                }
            }, "broadcaster");
            sender.start();
            while (acks.size() < 20) {
                Thread.sleep(50);
            }
            Map<ClusterMember, Long> logLines = new java.util.HashMap<>();
            for (ClusterMember m : List.of(a, b)) {
                logLines.put(m, (long) java.nio.file.Files.readAllLines(m.log).size());
            }

            c.kill();
            long killed = System.nanoTime();
            // c's browsers come back through the load balancer on a and b, all at once, and catch up there.
            List<java.util.concurrent.Future<?>> moves = new ArrayList<>();
            int moved = 0;
            for (ClusterClient client : clients) {
                if (client.port == c.httpPort) {
                    int to = moved++ % 2 == 0 ? a.httpPort : b.httpPort;
                    moves.add(pool.submit(() -> {
                        client.reconnect(to);
                        return null;
                    }));
                }
            }
            for (java.util.concurrent.Future<?> f : moves) {
                f.get(60, TimeUnit.SECONDS);
            }
            System.out.printf("%d clients of c reconnected %d ms after kill -9%n", moved, (System.nanoTime() - killed) / 1_000_000);
            long before = acks.size();
            while (acks.size() < before + 20) {
                Thread.sleep(50);
            }
            stop.set(true);
            sender.join(30_000);
            long last = acks.get(acks.size() - 1)[0];
            for (ClusterClient client : clients) {
                client.awaitSeq(null, last, 60_000);
            }
            System.out.printf("every client holds the room up to seq %d, %d ms after the kill; longest wait between two acknowledgements %d ms%n",
                    last, (System.nanoTime() - killed) / 1_000_000, longestGap(acks) / 1_000_000);

            List<String> blocked = new ArrayList<>();
            for (ClusterMember m : List.of(a, b)) {
                List<String> lines = java.nio.file.Files.readAllLines(m.log);
                lines.subList(logLines.get(m).intValue(), lines.size()).stream().filter(l -> l.contains("has been blocked"))
                        .forEach(l -> blocked.add(m.name + ": " + l));
            }
            assertTrue(blocked.isEmpty(), "no event loop blocked longer than " + MAX_EVENT_LOOP_MILLIS + " ms during the failover:\n"
                    + String.join("\n", blocked));
        } finally {
            clients.forEach(ClusterClient::close);
            pool.shutdownNow();
        }
    }

    /** The longest time between two consecutive acknowledgements, in nanoseconds. */
    static long longestGap(List<long[]> acks) {
        long longest = 0;
        for (int i = 1; i < acks.size(); i++) {
            longest = Math.max(longest, acks.get(i)[1] - acks.get(i - 1)[1]);
        }
        return longest;
    }

    /** A browser that follows a workshop's presence (and its tables, which count it as online itself) through one member. */
    final class Watcher implements AutoCloseable {
        final BridgeSocket socket;
        final List<java.util.Set<String>> heard = new CopyOnWriteArrayList<>();

        Watcher(ClusterMember m, String workshopId, String token) throws Exception {
            socket = BridgeSocket.open(vertx, m.httpPort, frame -> {
                if (frame.getString("address", "").startsWith("fs.presence.") && frame.getJsonObject("body") != null) {
                    java.util.Set<String> online = new java.util.TreeSet<>();
                    frame.getJsonObject("body").getJsonArray("online").forEach(o -> online.add((String) o));
                    heard.add(online);
                }
            }, () -> { });
            for (String address : List.of("fs.presence." + workshopId, "fs.table." + workshopId + ".1", "fs.table." + workshopId + ".2")) {
                socket.write(new JsonObject().put("type", "register").put("address", address).put("headers", new JsonObject().put("token", token)));
            }
        }

        /** Waits until the last presence heard is exactly {@code online}. */
        void await(java.util.Set<String> online, String what) throws InterruptedException {
            long until = System.currentTimeMillis() + 30_000;
            while (heard.isEmpty() || !last().equals(online)) {
                if (System.currentTimeMillis() > until) {
                    fail(what + ": heard " + (heard.isEmpty() ? "nothing" : last()) + ", not " + online);
                }
                Thread.sleep(50);
            }
        }

        java.util.Set<String> last() {
            return heard.get(heard.size() - 1);
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** GET until it is no longer "not ready" (a 503 with Retry-After); every status seen is counted. */
    static ApiClient.Response untilAnswered(ClusterMember m, String path, String token, Map<Integer, Integer> statuses) throws Exception {
        long until = System.currentTimeMillis() + 15_000;
        while (true) {
            java.net.http.HttpResponse<String> answer = m.http.http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + m.httpPort + path)).header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            ApiClient.Response r = new ApiClient.Response(answer.statusCode(), answer.body());
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() != 503) {
                return r;
            }
            assertEquals("not_ready", r.errorCode(), r.body());
            assertEquals("1", answer.headers().firstValue("Retry-After").orElse(null), "a 503 says when to ask again");
            if (System.currentTimeMillis() > until) {
                fail(m.name + " not ready after 15 s: " + r.body());
            }
            Thread.sleep(200);
        }
    }
}
