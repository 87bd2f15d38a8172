package nl.factorspel.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.ApiClient;
import nl.factorspel.server.BridgeSocket;
import nl.factorspel.server.FactorspelServer;
import nl.factorspel.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A three-member cluster, each member a JVM of its own on loopback started like an operator starts one
 * ({@code Main --cluster ...}), played through by clients spread over the members. The tests run in
 * order on one cluster: one table played as on a single server; a member killed with SIGKILL mid-round;
 * a new member joining mid-workshop; the whole cluster stopped and started again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration START = Duration.ofSeconds(120);

    @TempDir
    static Path root;
    Vertx vertx;
    List<ClusterMember> members;
    ClusterMember a;
    ClusterMember b;
    ClusterMember c;
    ClusterMember d;
    String memberList;

    String workshopId;
    JsonObject workshop;
    final Map<String, JsonObject> joined = new LinkedHashMap<>();
    final Map<String, ClusterClient> clients = new LinkedHashMap<>();

    @BeforeAll
    void startCluster() throws Exception {
        vertx = Vertx.vertx();
        Path logs = Path.of("target", "cluster-logs", String.valueOf(System.currentTimeMillis()));
        members = new ArrayList<>(ClusterMember.plan(root, logs, "a", "b", "c"));
        a = members.get(0);
        b = members.get(1);
        c = members.get(2);
        memberList = ClusterMember.addresses(members);
        long started = System.nanoTime();
        for (ClusterMember m : members) {
            m.start(memberList);
        }
        for (ClusterMember m : members) {
            m.awaitUp(START);
        }
        System.out.printf("three members up in %d ms (logs in %s)%n", (System.nanoTime() - started) / 1_000_000, logs.toAbsolutePath());
    }

    @AfterAll
    void stopCluster() throws Exception {
        clients.values().forEach(ClusterClient::close);
        if (members != null) {
            for (ClusterMember m : members) {
                if (m.alive()) {
                    m.kill();
                }
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------- the script

    /** Who joins, at which member (by index), for table 1 of the cluster's workshop. */
    static final String[][] SEATS = {
            {"interviewer", "Ilse", "0"}, {"respondent1", "Ruud", "2"}, {"respondent2", "Rosa", "1"},
            {"reporter", "Rik", "2"}, {"observer", "Olga", "0"},
    };

    /** One step: who sends what (table commands carry table 1). */
    record Step(String who, JsonObject body) {
    }

    static JsonObject table(String type) {
        return new JsonObject().put("type", type).put("table", 1);
    }

    static JsonObject room(String type) {
        return new JsonObject().put("type", type);
    }

    static List<Step> script() {
        return List.of(
                new Step("facilitator", room("broadcast").put("text", "Welkom")),
                new Step("facilitator", room("startRound").put("round", 1)),
                new Step("interviewer", table("setQuestion").put("questionId", "q3")),
                new Step("respondent1", table("placeCard").put("cardId", "C2").put("copy", 1).put("side", "stimulating").put("strength", 0.8).put("y", 0.25)),
                new Step("respondent1", table("placeCard").put("cardId", "A1").put("side", "hindering").put("strength", 0.5).put("y", 0.5)),
                new Step("respondent1", table("placeCard").put("cardId", "E1").put("side", "stimulating").put("strength", 0.3).put("y", 0.7)),
                new Step("interviewer", table("moveCard").put("placementId", "p2").put("side", "hindering").put("strength", 0.6).put("y", 0.4)),
                new Step("respondent1", table("explainCard").put("placementId", "p1").put("text", "Mijn leidinggevende gaf me de ruimte.")),
                new Step("interviewer", table("linkCards").put("fromPlacementId", "p1").put("toPlacementId", "p2").put("label", "werkt tegen")),
                new Step("observer", table("annotate").put("placementId", "p1").put("text", "Twijfelde eerst")),
                new Step("reporter", table("writeNote").put("questionId", "q3").put("text", "Ruimte van de leidinggevende.")),
                new Step("observer", table("writeReflection").put("text", "Structuur en ruimte gaan samen.")),
                new Step("respondent1", table("undoPlacement")),
                new Step("respondent1", table("markOutcome").put("outcomeId", "O1").put("chosen", true)),
                new Step("interviewer", table("setProfile").put("profileId", "B")),
                new Step("facilitator", room("extendClock").put("seconds", 120)));
    }

    /** Runs the script one command at a time, each waiting for its acknowledgement. */
    static void play(Map<String, ClusterClient> by, String workshopId) throws Exception {
        for (Step step : script()) {
            JsonObject body = step.body().copy().put("workshopId", workshopId);
            JsonObject reply = by.get(step.who()).command(body);
            assertTrue(reply.getBoolean("ok"), step + " -> " + reply);
        }
    }

    // ------------------------------------------------------------------------------------------- 1

    @Test
    @Order(1)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void clientsSpreadOverThreeMembersSeeTheSameEventsInTheSameOrderAsOnOneServer() throws Exception {
        long started = System.nanoTime();
        workshop = a.http.createWorkshop(2);
        workshopId = workshop.getString("workshopId");
        for (String[] seat : SEATS) {
            joined.put(seat[0], members.get(Integer.parseInt(seat[2])).http.join(workshop.getString("joinCode"), seat[1], 1, seat[0]));
        }
        clients.put("facilitator", ClusterClient.connect(vertx, b.httpPort, "facilitator", workshop.getString("facilitatorToken"), workshopId, 1, 2));
        for (String[] seat : SEATS) {
            ClusterMember at = members.get(Integer.parseInt(seat[2]));
            clients.put(seat[0], ClusterClient.connect(vertx, at.httpPort, seat[0], joined.get(seat[0]).getString("token"), workshopId, 1));
        }
        play(clients, workshopId);
        JsonObject view = converge();

        // The same script on one server, the single-node default.
        Path single = root.resolve("single");
        FactorspelServer server = new FactorspelServer(ServerConfig.forTests(single)
                .with(Map.of("joins-per-minute", "10000", "commands-per-second", "500", "command-burst", "1000"))).start();
        Map<String, ClusterClient> alone = new LinkedHashMap<>();
        try {
            ApiClient http = new ApiClient(server.port());
            JsonObject w = http.createWorkshop(2);
            Map<String, JsonObject> seats = new LinkedHashMap<>();
            for (String[] seat : SEATS) {
                seats.put(seat[0], http.join(w.getString("joinCode"), seat[1], 1, seat[0]));
            }
            alone.put("facilitator", ClusterClient.connect(vertx, server.port(), "facilitator", w.getString("facilitatorToken"), w.getString("workshopId"), 1));
            for (String[] seat : SEATS) {
                alone.put(seat[0], ClusterClient.connect(vertx, server.port(), seat[0], seats.get(seat[0]).getString("token"), w.getString("workshopId"), 1));
            }
            play(alone, w.getString("workshopId"));
            byte[] singleArchive = http.getBytes("/api/workshops/" + w.getString("workshopId") + "/export.json", w.getString("facilitatorToken"));
            byte[] clusterArchive = c.http.getBytes("/api/workshops/" + workshopId + "/export.json", workshop.getString("facilitatorToken"));
            Map<String, String> names = new LinkedHashMap<>();
            names.put(workshopId, "WORKSHOP");
            names.put(workshop.getString("joinCode"), "CODE");
            names.put(w.getString("workshopId"), "WORKSHOP");
            names.put(w.getString("joinCode"), "CODE");
            joined.forEach((role, j) -> names.put(j.getString("participantId"), role.toUpperCase()));
            seats.forEach((role, j) -> names.put(j.getString("participantId"), role.toUpperCase()));
            assertEquals(normalised(new String(singleArchive), names), normalised(new String(clusterArchive), names),
                    "the cluster's archive is the single server's, but for ids and times");
            JsonObject singleView = http.get("/api/workshops/" + w.getString("workshopId"), w.getString("facilitatorToken")).json();
            assertEquals(normalised(singleView.getJsonArray("tables").encode(), names), normalised(view.getJsonArray("tables").encode(), names),
                    "the tables are the single server's");
        } finally {
            alone.values().forEach(ClusterClient::close);
            server.stop();
        }

        // Now everyone at once, through three members: the order differs from run to run, never between clients.
        List<Thread> senders = new ArrayList<>();
        Map<String, List<long[]>> acked = new ConcurrentHashMap<>();
        List<Throwable> problems = new CopyOnWriteArrayList<>();
        for (String who : List.of("respondent1", "interviewer", "observer", "reporter")) {
            senders.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 15; i++) {
                        JsonObject reply = clients.get(who).command(busy(who, i).put("workshopId", workshopId));
                        acked.computeIfAbsent(who, k -> new CopyOnWriteArrayList<>()).add(new long[]{reply.getLong("seq")});
                    }
                } catch (Throwable t) {
                    problems.add(t);
                }
            }, "sender-" + who));
        }
        long busy = System.nanoTime();
        senders.forEach(Thread::start);
        for (Thread t : senders) {
            t.join(60_000);
        }
        assertTrue(problems.isEmpty(), "every concurrent command is accepted: " + problems);
        System.out.printf("60 concurrent commands from four clients on three members in %d ms%n", (System.nanoTime() - busy) / 1_000_000);
        converge();
        for (ClusterClient client : clients.values()) {
            System.out.printf("  %s: table 1 delivered with %d gap(s), %d duplicate(s), %d stalled sync(s)%n", client.name,
                    client.stream(1).gaps, client.stream(1).duplicates, client.stalledSyncs);
        }
        List<JsonObject> events = clients.get("facilitator").stream(1).snapshot();
        acked.forEach((who, seqs) -> seqs.forEach(s -> assertEquals(joined.get(who).getString("participantId"),
                events.get((int) s[0] - 1).getJsonObject("by").getString("participantId"), "seq " + s[0] + " is " + who + "'s")));
        report("test 1", started);
    }

    /** A command of the busy phase, for each role. */
    static JsonObject busy(String who, int i) {
        double x = (i % 10) / 10.0;
        return switch (who) {
            case "respondent1" -> table("moveCard").put("placementId", "p1").put("side", "stimulating").put("strength", x).put("y", 1 - x);
            case "interviewer" -> table("moveCard").put("placementId", "p2").put("side", "hindering").put("strength", x).put("y", x);
            case "observer" -> table("annotate").put("placementId", "p2").put("text", "let op " + i);
            default -> table("writeNote").put("questionId", "q3").put("text", "notitie " + i);
        };
    }

    /**
     * Waits until every client holds every event of the workshop stream and table 1 (as the cluster's view
     * says), then checks they hold the same events in the same order. Answers that view.
     */
    JsonObject converge() throws Exception {
        JsonObject view = a.http.get("/api/workshops/" + workshopId, workshop.getString("facilitatorToken")).json();
        long roomSeq = view.getJsonObject("workshop").getLong("seq");
        long tableSeq = view.getJsonObject("workshop").getJsonArray("tableSeqs").getLong(0);
        // A member follows the others' commits a moment later: a's view may be behind the member that
        // committed last, and a client may hold more than it; every client waits for the furthest seen.
        for (ClusterMember m : members) {
            if (m.alive()) {
                JsonObject room = m.http.get("/api/workshops/" + workshopId, workshop.getString("facilitatorToken")).json().getJsonObject("workshop");
                roomSeq = Math.max(roomSeq, room.getLong("seq"));
                tableSeq = Math.max(tableSeq, room.getJsonArray("tableSeqs").getLong(0));
            }
        }
        for (ClusterClient client : clients.values()) {
            roomSeq = Math.max(roomSeq, client.stream(null).seq());
            tableSeq = Math.max(tableSeq, client.stream(1).seq());
        }
        for (ClusterClient client : clients.values()) {
            client.awaitSeq(null, roomSeq, 20_000);
            client.awaitSeq(1, tableSeq, 20_000);
        }
        ClusterClient first = clients.values().iterator().next();
        for (ClusterClient client : clients.values()) {
            assertEquals(encode(first.stream(1).snapshot()), encode(client.stream(1).snapshot()), client.name + " sees table 1 as " + first.name);
            assertEquals(encode(first.stream(null).snapshot()), encode(client.stream(null).snapshot()), client.name + " sees the room as " + first.name);
            List<JsonObject> events = client.stream(1).snapshot();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).getLong("seq"));
            }
        }
        return view;
    }

    static String encode(List<JsonObject> events) {
        return new JsonArray(new ArrayList<>(events)).encode();
    }

    /** A JSON text with ids replaced by names, and times, hashes and the clock's remaining time left out. */
    static String normalised(String json, Map<String, String> names) throws Exception {
        String text = json;
        for (Map.Entry<String, String> e : names.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        JsonNode node = JSON.readTree(text);
        strip(node, Set.of("at", "serverTime", "remainingMs", "sha256", "tokenHash", "facilitatorTokenHash", "projectorTokenHash"));
        return JSON.writeValueAsString(node);
    }

    static void strip(JsonNode node, Set<String> keys) {
        if (node instanceof ObjectNode o) {
            o.remove(keys);
            List<String> times = new ArrayList<>();
            o.fieldNames().forEachRemaining(f -> {
                if (f.endsWith("At")) {
                    times.add(f);
                }
            });
            o.remove(times);
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                strip(it.next(), keys);
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(n -> strip(n, keys));
        }
    }

    // ------------------------------------------------------------------------------------------- 2

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killingAMemberMidRoundLosesNoAcknowledgedEventAndTheTableGoesOn() throws Exception {
        long started = System.nanoTime();
        // Ruud and Rik are on c. While they and Ilse (on a) send, c is killed.
        Map<String, List<Long>> acked = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (String who : List.of("respondent1", "reporter", "interviewer")) {
            senders.add(new Thread(() -> {
                for (int i = 0; !stop.get() && i < 2000; i++) {
                    try {
                        JsonObject reply = clients.get(who).command(busy(who, i).put("workshopId", workshopId));
                        acked.computeIfAbsent(who, k -> new CopyOnWriteArrayList<>()).add(reply.getLong("seq"));
                        sleep(20);
                    } catch (Exception e) {
                        if (clients.get(who).port == c.httpPort) {
                            return; // its server is gone: outcome unknown, and this client moves
                        }
                        sleep(100); // on a live member a command may meet the dead one's consumer until it is declared dead
                    }
                }
            }, "sender-" + who));
        }
        senders.forEach(Thread::start);
        long deadline = System.currentTimeMillis() + 20_000;
        while (acked.getOrDefault("respondent1", List.of()).size() < 15 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(acked.getOrDefault("respondent1", List.of()).size() >= 15, "the table is busy before the kill");
        c.kill();
        long killed = System.nanoTime();
        System.out.println("killed c (kill -9) with acknowledgements " + counts(acked));
        for (String who : List.of("respondent1", "reporter")) {
            senders.get(who.equals("respondent1") ? 0 : 1).join(30_000);
        }
        System.out.printf("c's clients noticed after %d ms%n", (System.nanoTime() - killed) / 1_000_000);
        // Their browsers reconnect to another member and catch up there.
        clients.get("respondent1").reconnect(a.httpPort);
        clients.get("reporter").reconnect(b.httpPort);
        System.out.printf("c's clients reconnected after %d ms%n", (System.nanoTime() - killed) / 1_000_000);
        // The table goes on, through the moved clients too.
        JsonObject placed = retry(() -> clients.get("respondent1").command(table("placeCard").put("cardId", "B1")
                .put("side", "stimulating").put("strength", 0.4).put("y", 0.4).put("workshopId", workshopId)));
        acked.computeIfAbsent("respondent1", k -> new CopyOnWriteArrayList<>()).add(placed.getLong("seq"));
        JsonObject noted = retry(() -> clients.get("reporter").command(table("writeNote").put("questionId", "q4").put("text", "na de storing")
                .put("workshopId", workshopId)));
        acked.computeIfAbsent("reporter", k -> new CopyOnWriteArrayList<>()).add(noted.getLong("seq"));
        System.out.printf("the table took commands again %d ms after the kill%n", (System.nanoTime() - killed) / 1_000_000);
        stop.set(true);
        senders.get(2).join(30_000);
        members.remove(c);

        converge();
        List<JsonObject> events = clients.get("observer").stream(1).snapshot();
        int checked = 0;
        for (Map.Entry<String, List<Long>> e : acked.entrySet()) {
            String participant = joined.get(e.getKey()).getString("participantId");
            for (long seq : e.getValue()) {
                assertTrue(seq <= events.size(), "acknowledged seq " + seq + " of " + e.getKey() + " is there");
                JsonObject event = events.get((int) seq - 1);
                assertEquals(seq, event.getLong("seq"));
                assertEquals(participant, event.getJsonObject("by").getString("participantId"), "seq " + seq + " is " + e.getKey() + "'s");
                checked++;
            }
        }
        System.out.println("all " + checked + " acknowledged events are there: " + counts(acked));
        report("test 2", started);
    }

    interface Call {
        JsonObject call() throws Exception;
    }

    /** A command whose transport may fail while the cluster takes over from a dead member; refusals are failures. */
    static JsonObject retry(Call call) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                return call.call();
            } catch (BridgeSocket.Failure f) {
                if (f.rejection() || System.currentTimeMillis() > deadline) {
                    throw f;
                }
            } catch (Exception e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            sleep(200);
        }
    }

    static Map<String, Integer> counts(Map<String, List<Long>> acked) {
        Map<String, Integer> out = new LinkedHashMap<>();
        acked.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------- 3

    @Test
    @Order(3)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aMemberJoiningMidWorkshopServesItsClients() throws Exception {
        long started = System.nanoTime();
        // A new machine with an empty data folder, at the dead member's address.
        d = c.replacement("d", root.resolve("d"));
        d.start(memberList);
        d.awaitUp(START);
        members.add(d);
        System.out.printf("d joined in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        String token = workshop.getString("facilitatorToken");
        JsonObject onA = a.http.get("/api/workshops/" + workshopId, token).json();
        JsonObject onD = d.http.get("/api/workshops/" + workshopId, token).json();
        assertEquals(onA.getJsonArray("tables"), onD.getJsonArray("tables"), "d serves the same tables");
        assertEquals(onA.getJsonObject("workshop").getJsonArray("participants"), onD.getJsonObject("workshop").getJsonArray("participants"));
        assertEquals(onA.getJsonObject("workshop").getLong("seq"), onD.getJsonObject("workshop").getLong("seq"));

        // A browser moves to d; another person joins through d and plays at table 2.
        clients.get("observer").reconnect(d.httpPort);
        JsonObject ilse2 = d.http.join(workshop.getString("joinCode"), "Ineke", 2, "interviewer");
        try (ClusterClient ineke = ClusterClient.connect(vertx, d.httpPort, "ineke", ilse2.getString("token"), workshopId, 2)) {
            JsonObject reply = ineke.command(new JsonObject().put("type", "setQuestion").put("workshopId", workshopId).put("table", 2).put("questionId", "q2"));
            clients.get("facilitator").awaitSeq(2, reply.getLong("seq"), 10_000);
            JsonObject last = clients.get("facilitator").stream(2).snapshot().get((int) reply.getLong("seq").longValue() - 1);
            assertEquals("questionSet", last.getString("type"), "the facilitator on b sees what Ineke did on d");
        }
        JsonObject note = clients.get("observer").command(table("annotate").put("placementId", "p1").put("text", "via d").put("workshopId", workshopId));
        assertTrue(note.getBoolean("ok"));

        // The clock runs out in two seconds: every member has it armed, one whistle is blown.
        long remaining = a.http.get("/api/workshops/" + workshopId, token).json().getJsonObject("workshop").getJsonObject("clock").getLong("remainingMs");
        clients.get("facilitator").command(room("extendClock").put("seconds", -(remaining / 1000) + 2).put("workshopId", workshopId));
        long whistleBy = System.currentTimeMillis() + 15_000;
        while (clients.get("facilitator").stream(null).snapshot().stream().noneMatch(e -> e.getString("type").equals("whistleBlown"))) {
            assertTrue(System.currentTimeMillis() < whistleBy, "the whistle is blown");
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        converge();
        for (Integer stream : Arrays.asList(null, 1)) {
            assertEquals(1, clients.get("observer").stream(stream).snapshot().stream().filter(e -> e.getString("type").equals("whistleBlown")).count(),
                    "one whistle in " + (stream == null ? "the room" : "table " + stream));
        }
        for (ClusterMember m : members) {
            assertFalse(Files.readString(m.log).contains("could not be committed"), m.name + ": the other members' whistles were refused, not failed");
        }
        report("test 3", started);
    }

    // ------------------------------------------------------------------------------------------- 4

    @Test
    @Order(4)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stoppingAndStartingTheWholeClusterBringsEveryWorkshopBackByteForByte() throws Exception {
        long started = System.nanoTime();
        // A second workshop, made on another member, to show every workshop comes back.
        JsonObject other = b.http.createWorkshop(1);
        b.http.join(other.getString("joinCode"), "Bea", 1, "interviewer");
        Map<String, String> tokens = Map.of(workshopId, workshop.getString("facilitatorToken"),
                other.getString("workshopId"), other.getString("facilitatorToken"));
        // And one deleted on one member: gone everywhere, files too, and it stays gone after the restart.
        JsonObject doomed = d.http.createWorkshop(1);
        String doomedId = doomed.getString("workshopId");
        d.http.join(doomed.getString("joinCode"), "Dirk", 1, "interviewer");
        for (ClusterMember m : members) {
            awaitStatus(m, doomedId, doomed.getString("facilitatorToken"), 200);
        }
        java.net.http.HttpResponse<String> deleted = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + a.httpPort + "/api/workshops/" + doomedId))
                .header("Authorization", "Bearer " + doomed.getString("facilitatorToken")).DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode());
        for (ClusterMember m : members) {
            awaitStatus(m, doomedId, doomed.getString("facilitatorToken"), 401);
            long until = System.currentTimeMillis() + 10_000;
            while (Files.exists(m.data.resolve("workshops").resolve(doomedId)) && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertFalse(Files.exists(m.data.resolve("workshops").resolve(doomedId)), m.name + " deleted the files of the deleted workshop");
        }
        Map<String, byte[]> before = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            byte[] archive = a.http.getBytes("/api/workshops/" + t.getKey() + "/export.json", t.getValue());
            for (ClusterMember m : members) {
                assertArrayEquals(archive, m.http.getBytes("/api/workshops/" + t.getKey() + "/export.json", t.getValue()),
                        m.name + " exports the same archive before the stop");
            }
            before.put(t.getKey(), archive);
        }
        clients.values().forEach(ClusterClient::close);
        // All but one stop first: the one left sees no majority, and its health says so to the load balancer.
        ClusterMember last = members.get(members.size() - 1);
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ClusterMember m : members.subList(0, members.size() - 1)) {
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    m.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        long until = System.currentTimeMillis() + 30_000;
        ApiClient.Response health = last.http.get("/health", null);
        while (health.status() != 503 && System.currentTimeMillis() < until) {
            Thread.sleep(200);
            health = last.http.get("/health", null);
        }
        assertEquals(503, health.status(), last.name + " alone is not healthy: " + health.body());
        assertTrue(health.body().contains("majority"), health.body());
        last.stop();
        for (ClusterMember m : members) {
            assertFalse(m.alive(), m.name + " stopped");
        }
        // Every member journaled the whole log, in the single-node format, line for line the same.
        for (String id : tokens.keySet()) {
            byte[] journal = Files.readAllBytes(members.get(0).data.resolve("workshops").resolve(id).resolve("events.log"));
            for (ClusterMember m : members) {
                assertArrayEquals(journal, Files.readAllBytes(m.data.resolve("workshops").resolve(id).resolve("events.log")),
                        m.name + " holds the same journal of " + id);
            }
        }
        System.out.printf("all members stopped after %d ms%n", (System.nanoTime() - started) / 1_000_000);

        for (ClusterMember m : members) {
            m.start(memberList);
        }
        for (ClusterMember m : members) {
            m.awaitUp(START);
        }
        System.out.printf("all members up again after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            for (ClusterMember m : members) {
                assertArrayEquals(before.get(t.getKey()), m.http.getBytes("/api/workshops/" + t.getKey() + "/export.json", t.getValue()),
                        m.name + " exports workshop " + t.getKey() + " byte for byte as before the stop");
            }
        }
        for (ClusterMember m : members) {
            assertEquals(401, m.http.get("/api/workshops/" + doomedId, doomed.getString("facilitatorToken")).status(), "the deleted workshop stays deleted");
        }
        // And it goes on.
        try (ClusterClient fac = ClusterClient.connect(vertx, d.httpPort, "facilitator", workshop.getString("facilitatorToken"), workshopId, 1)) {
            JsonObject ended = fac.command(room("endRound").put("workshopId", workshopId));
            assertTrue(ended.getBoolean("ok"));
        }
        report("test 4", started);
    }

    static void awaitStatus(ClusterMember m, String workshopId, String token, int status) throws Exception {
        long until = System.currentTimeMillis() + 10_000;
        int last;
        do {
            last = m.http.get("/api/workshops/" + workshopId, token).status();
            if (last == status) {
                return;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < until);
        fail(m.name + " answers " + last + " for workshop " + workshopId + ", not " + status);
    }

    static void report(String what, long started) {
        System.out.printf("%s took %d ms%n", what, (System.nanoTime() - started) / 1_000_000);
    }
}
