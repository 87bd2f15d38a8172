package nl.factorspel.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The realtime protocol over real SockJS websocket connections to a real server on a random port. */
@ExtendWith(VertxExtension.class)
class BridgeTest {

    @TempDir
    static Path data;
    static TestServer server;

    String workshopId;
    JsonObject workshop;
    JsonObject interviewer, respondent1, respondent2, reporter, observer;
    final List<BridgeClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data, java.util.Map.of("joins-per-minute", "100000"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void aTableOfFive() throws Exception {
        workshop = server.createWorkshop(2);
        workshopId = workshop.getString("workshopId");
        String code = workshop.getString("joinCode");
        interviewer = server.join(code, "Ilse", 1, "interviewer");
        respondent1 = server.join(code, "Ruud", 1, "respondent1");
        respondent2 = server.join(code, "Rosa", 1, "respondent2");
        reporter = server.join(code, "Rik", 1, "reporter");
        observer = server.join(code, "Olga", 1, "observer");
    }

    @org.junit.jupiter.api.AfterEach
    void closeClients() {
        clients.forEach(BridgeClient::close);
    }

    BridgeClient connect(Vertx vertx, String token) throws Exception {
        BridgeClient c = BridgeClient.connect(vertx, server.port(), token);
        clients.add(c);
        return c;
    }

    String facilitator() {
        return workshop.getString("facilitatorToken");
    }

    JsonObject table(String type) {
        return new JsonObject().put("type", type).put("workshopId", workshopId).put("table", 1);
    }

    JsonObject room(String type) {
        return new JsonObject().put("type", type).put("workshopId", workshopId);
    }

    /** Registers and waits until the server has certainly seen the register (a sync round-trip after it). */
    List<JsonObject> follow(BridgeClient c, String address) throws Exception {
        List<JsonObject> events = new CopyOnWriteArrayList<>();
        c.register(address, events::add);
        c.send("fs.sync", new JsonObject().put("workshopId", workshopId).put("sinceSeq", 0)).get(5, TimeUnit.SECONDS);
        return events;
    }

    static void eventually(Runnable check) throws InterruptedException {
        AssertionError last = null;
        for (int i = 0; i < 100; i++) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(50);
            }
        }
        throw last;
    }

    static BridgeSocket.Failure rejected(CompletableFuture<JsonObject> reply) throws Exception {
        try {
            JsonObject ok = reply.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a rejection, got " + ok);
        } catch (ExecutionException e) {
            return (BridgeSocket.Failure) e.getCause();
        }
    }

    @Test
    void aCardPlacedByOneParticipantReachesEveryoneAtTheTableWithItsSeq(Vertx vertx) throws Exception {
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        BridgeClient ilse = connect(vertx, interviewer.getString("token"));
        BridgeClient fac = connect(vertx, facilitator());
        List<JsonObject> seenByIlse = follow(ilse, "fs.table." + workshopId + ".1");
        List<JsonObject> seenByRuud = follow(ruud, "fs.table." + workshopId + ".1");
        fac.command(room("startRound").put("round", 1));
        JsonObject reply = ruud.command(table("placeCard").put("cardId", "A2").put("side", "stimulating").put("strength", 0.7).put("y", 0.3));
        assertTrue(reply.getBoolean("ok"));
        assertEquals(2, reply.getLong("seq"), "roundStarted is seq 1 of the table, the placement seq 2");
        eventually(() -> {
            assertEquals(2, seenByIlse.size());
            assertEquals(2, seenByRuud.size());
        });
        JsonObject placed = seenByIlse.get(1);
        assertEquals("cardPlaced", placed.getString("type"));
        assertEquals(2, placed.getLong("seq"));
        assertEquals("A2", placed.getString("cardId"));
        assertEquals(respondent1.getString("participantId"), placed.getJsonObject("by").getString("participantId"));
        assertEquals("respondent", placed.getJsonObject("by").getString("role"));
        assertNotNull(placed.getString("at"));
    }

    @Test
    void aCommandsEventsReachItsSenderBeforeItsAnswerEveryTime(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        List<JsonObject> room = follow(fac, "fs.workshop." + workshopId);
        follow(fac, "fs.table." + workshopId + ".1");
        follow(ruud, "fs.workshop." + workshopId);
        for (int i = 0; i < 60; i++) {
            Thread.sleep(60); // under the connection's command rate
            String id = "console-order-" + i;
            fac.command(room("broadcast").put("text", "bericht " + i).put("commandId", id));
            // The answer came after the event on the same connection: the event is in hand when the answer is.
            assertTrue(room.stream().anyMatch(e -> id.equals(e.getString("commandId"))), "the event of " + id + " came before its answer");
        }
    }

    @Test
    void aCommandIdComesBackOnTheReplyAndTheEventAndTheSameIdSentAgainIsNotAppliedTwice(Vertx vertx) throws Exception {
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        BridgeClient fac = connect(vertx, facilitator());
        List<JsonObject> seen = follow(fac, "fs.table." + workshopId + ".1");
        fac.command(room("startRound").put("round", 1).put("commandId", "console-1"));
        JsonObject place = table("placeCard").put("cardId", "A2").put("side", "stimulating").put("strength", 0.7).put("y", 0.3)
                .put("commandId", "ruud-laptop-1");
        JsonObject first = ruud.command(place);
        assertEquals("ruud-laptop-1", first.getString("commandId"));
        // the reply was lost, say: the outbox sends the same command again, with the same id
        JsonObject again = ruud.command(place.copy());
        assertEquals(first.getLong("seq"), again.getLong("seq"), "the first outcome, again");
        assertTrue(again.getBoolean("repeated"));
        eventually(() -> assertEquals(2, seen.size()));
        assertEquals("console-1", seen.get(0).getString("commandId"));
        assertEquals("ruud-laptop-1", seen.get(1).getString("commandId"));
        JsonObject view = server.get("/api/workshops/" + workshopId, facilitator()).json();
        JsonObject board = view.getJsonArray("tables").getJsonObject(0).getJsonObject("board");
        assertEquals(1, board.getJsonArray("placements").size(), "the card lies once");
        BridgeSocket.Failure bad = rejected(ruud.send("fs.command", table("removeCard").put("placementId", "p1").put("commandId", "a b")));
        assertTrue(bad.getMessage().contains("bad_value"), bad.getMessage());
    }

    @Test
    void everyCommandTypeWorksOverTheBridge(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        BridgeClient ilse = connect(vertx, interviewer.getString("token"));
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        BridgeClient rik = connect(vertx, reporter.getString("token"));
        BridgeClient olga = connect(vertx, observer.getString("token"));
        fac.command(room("broadcast").put("text", "Welkom"));
        fac.command(room("startRound").put("round", 1));
        fac.command(room("pauseClock"));
        fac.command(room("resumeClock"));
        fac.command(room("extendClock").put("seconds", 60));
        ilse.command(table("setQuestion").put("questionId", "q3"));
        ruud.command(table("placeCard").put("cardId", "A1").put("copy", 1).put("side", "stimulating").put("strength", 0.4).put("y", 0.2));
        ruud.command(table("placeCard").put("cardId", "C1").put("side", "hindering").put("strength", 0.9).put("y", 0.6));
        ruud.command(table("moveCard").put("placementId", "p2").put("side", "hindering").put("strength", 1.0).put("y", 0.5));
        ruud.command(table("explainCard").put("placementId", "p1").put("text", "Hij wilde verder groeien."));
        ilse.command(table("linkCards").put("fromPlacementId", "p1").put("toPlacementId", "p2").put("label", "botst met"));
        ilse.command(table("unlinkCards").put("linkId", "l1"));
        olga.command(table("annotate").put("placementId", "p1").put("text", "Lachte hierbij"));
        olga.command(table("writeReflection").put("text", "Collega's doen ertoe."));
        rik.command(table("writeNote").put("questionId", "q3").put("text", "Ambitie en ruimte."));
        ruud.command(table("placeCard").put("cardId", "E1").put("side", "hindering").put("strength", 0.2).put("y", 0.9));
        ruud.command(table("undoPlacement"));
        ruud.command(table("removeCard").put("placementId", "p2"));
        ruud.command(table("markOutcome").put("outcomeId", "O1").put("chosen", true));
        ilse.command(table("setProfile").put("profileId", "A"));
        fac.command(room("endRound"));
        fac.command(room("assignRole").put("participantId", reporter.getString("participantId")).put("table", 1).put("role", "observer"));
        rik.command(room("rename").put("name", "Rik de Vries"));
        fac.command(room("setPhase").put("phase", "plenary"));
        fac.command(room("setPhase").put("phase", "discussion"));
        olga.command(table("answerDiscussion").put("promptId", "stop").put("text", "Minder papierwerk"));

        JsonObject view = server.get("/api/workshops/" + workshopId, facilitator()).json();
        JsonObject t1 = view.getJsonArray("tables").getJsonObject(0);
        JsonObject round1 = t1.getJsonArray("rounds").getJsonObject(0);
        JsonArray photo = round1.getJsonObject("photo").getJsonArray("placements");
        assertEquals(1, photo.size());
        assertEquals("Hij wilde verder groeien.", photo.getJsonObject(0).getString("explanation"));
        assertEquals("Ambitie en ruimte.", round1.getJsonObject("notes").getString("q3"));
        assertEquals("Collega's doen ertoe.", round1.getString("reflection"));
        assertEquals("A", round1.getString("profileId"));
        assertEquals("Minder papierwerk", t1.getJsonObject("discussion").getString("stop"));
        assertEquals("discussion", view.getJsonObject("workshop").getString("phase"));
    }

    @Test
    void theRoleMatrixHoldsEndToEnd(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        BridgeClient rosa = connect(vertx, respondent2.getString("token"));
        BridgeClient rik = connect(vertx, reporter.getString("token"));
        BridgeClient projector = connect(vertx, workshop.getString("projectorToken"));
        fac.command(room("startRound").put("round", 1));
        JsonObject place = table("placeCard").put("cardId", "A1").put("side", "stimulating").put("strength", 0.5).put("y", 0.5);
        BridgeSocket.Failure notHerRound = rejected(rosa.send("fs.command", place));
        assertEquals(403, notHerRound.status);
        assertEquals("not_allowed", notHerRound.code);
        assertEquals("not_allowed", rejected(rik.send("fs.command", place)).code);
        assertEquals("not_allowed", rejected(projector.send("fs.command", place)).code);
        assertEquals("not_allowed", rejected(rik.send("fs.command", room("endRound"))).code);
        assertEquals("wrong_table", rejected(rik.send("fs.command", place.copy().put("table", 2))).code);
    }

    @Test
    void registeringForAnotherWorkshopOrAnotherTableIsDeniedAndPublishingIsRefused(Vertx vertx) throws Exception {
        JsonObject other = server.createWorkshop(1);
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        List<JsonObject> stolen = new CopyOnWriteArrayList<>();
        ruud.register("fs.table." + other.getString("workshopId") + ".1", stolen::add);
        JsonObject denied = ruud.errors.poll(5, TimeUnit.SECONDS);
        assertNotNull(denied, "the register was answered with an error");
        assertEquals("err", denied.getString("type"));
        ruud.register("fs.table." + workshopId + ".2", stolen::add);
        assertNotNull(ruud.errors.poll(5, TimeUnit.SECONDS), "a participant follows only its own table");

        BridgeClient fac = connect(vertx, other.getString("facilitatorToken"));
        fac.command(new JsonObject().put("type", "broadcast").put("workshopId", other.getString("workshopId")).put("text", "geheim"));
        ruud.publish("fs.table." + workshopId + ".1", new JsonObject().put("type", "cardPlaced"));
        assertNotNull(ruud.errors.poll(5, TimeUnit.SECONDS), "publishing from a client is refused");
        Thread.sleep(200);
        assertTrue(stolen.isEmpty());
    }

    @Test
    void forgedMissingAndCrossWorkshopTokensAreRejected(Vertx vertx) throws Exception {
        BridgeClient anonymous = connect(vertx, null);
        JsonObject place = table("placeCard").put("cardId", "A1").put("side", "stimulating").put("strength", 0.5).put("y", 0.5);
        BridgeSocket.Failure none = rejected(anonymous.send("fs.command", place, null));
        assertEquals(401, none.status);
        assertEquals("no_token", none.code);
        assertEquals("unknown_token", rejected(anonymous.send("fs.command", place, "x" + respondent1.getString("token"))).code);
        JsonObject other = server.createWorkshop(1);
        assertEquals("wrong_workshop", rejected(anonymous.send("fs.command", place, other.getString("facilitatorToken"))).code);
    }

    @Test
    void malformedCommandsGetAClearErrorAndChangeNothing(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        fac.command(room("startRound").put("round", 1));
        long before = server.get("/api/workshops/" + workshopId, facilitator()).json().getJsonObject("workshop").getJsonArray("tableSeqs").getLong(0);
        assertEquals("unknown_command", rejected(fac.send("fs.command", table("dance"))).code);
        assertEquals("bad_command", rejected(fac.send("fs.command", new JsonObject().put("workshopId", workshopId))).code);
        assertEquals("bad_value", rejected(fac.send("fs.command", table("placeCard").put("cardId", "A1").put("side", "left").put("strength", 0.5).put("y", 0.5))).code);
        assertEquals("bad_value", rejected(fac.send("fs.command", table("placeCard").put("cardId", "A1").put("side", "stimulating").put("strength", "hard").put("y", 0.5))).code);
        assertEquals("unknown_card", rejected(fac.send("fs.command", table("placeCard").put("cardId", "ZZ").put("side", "stimulating").put("strength", 0.5).put("y", 0.5))).code);
        long after = server.get("/api/workshops/" + workshopId, facilitator()).json().getJsonObject("workshop").getJsonArray("tableSeqs").getLong(0);
        assertEquals(before, after);
    }

    @Test
    void oversizedFramesAndOverlongTextsAreRefused(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        fac.command(room("startRound").put("round", 1));
        fac.command(table("placeCard").put("cardId", "A1").put("side", "stimulating").put("strength", 0.5).put("y", 0.5));
        BridgeSocket.Failure huge = rejected(fac.send("fs.command", table("explainCard").put("placementId", "p1").put("text", "x".repeat(20_000))));
        assertEquals(413, huge.status);
        assertEquals("too_large", huge.code);
        BridgeSocket.Failure longText = rejected(fac.send("fs.command", table("explainCard").put("placementId", "p1").put("text", "x".repeat(2001))));
        assertEquals("text_too_long", longText.code);
        fac.command(table("explainCard").put("placementId", "p1").put("text", "x".repeat(2000)));
    }

    @Test
    void aFloodingConnectionIsSlowedWhileAnotherKeepsWorking(Vertx vertx) throws Exception {
        BridgeClient flood = connect(vertx, facilitator());
        BridgeClient calm = connect(vertx, respondent1.getString("token"));
        flood.command(room("startRound").put("round", 1));
        List<CompletableFuture<JsonObject>> burst = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            burst.add(flood.send("fs.command", table("setQuestion").put("questionId", "q" + (1 + i % 7))));
        }
        for (int i = 0; i < 5; i++) {
            JsonObject ok = calm.command(table("placeCard").put("cardId", "B" + (1 + i)).put("side", "stimulating").put("strength", 0.5).put("y", 0.5));
            assertTrue(ok.getBoolean("ok"), "the calm connection is not limited by the flood");
        }
        int limited = 0;
        int accepted = 0;
        for (CompletableFuture<JsonObject> f : burst) {
            try {
                f.get(10, TimeUnit.SECONDS);
                accepted++;
            } catch (ExecutionException e) {
                assertEquals("rate_limited", ((BridgeSocket.Failure) e.getCause()).code);
                limited++;
            }
        }
        assertTrue(limited > 50, "the flood was slowed: " + limited + " of 150 refused");
        assertTrue(accepted >= 35, "the burst allowance (40, one spent on startRound) was honoured: " + accepted);
    }

    @Test
    void aClientThatReconnectsCatchesUpToExactlyTheSameState(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        BridgeClient stayed = connect(vertx, interviewer.getString("token"));
        List<JsonObject> stayedEvents = follow(stayed, "fs.table." + workshopId + ".1");
        BridgeClient dropped = connect(vertx, reporter.getString("token"));
        List<JsonObject> droppedEvents = follow(dropped, "fs.table." + workshopId + ".1");
        fac.command(room("startRound").put("round", 1));
        stayed.command(table("placeCard").put("cardId", "A1").put("side", "stimulating").put("strength", 0.5).put("y", 0.5));
        eventually(() -> assertEquals(2, droppedEvents.size()));
        dropped.close();
        dropped.closed.get(5, TimeUnit.SECONDS);
        for (int i = 2; i <= 6; i++) {
            stayed.command(table("placeCard").put("cardId", "A" + i).put("side", "hindering").put("strength", 0.1 * i).put("y", 0.5));
        }
        stayed.command(table("removeCard").put("placementId", "p3"));
        BridgeClient back = connect(vertx, reporter.getString("token"));
        long last = droppedEvents.get(droppedEvents.size() - 1).getLong("seq");
        JsonObject sync = back.send("fs.sync", new JsonObject().put("workshopId", workshopId).put("table", 1).put("sinceSeq", last)).get(5, TimeUnit.SECONDS);
        List<JsonObject> caughtUp = new ArrayList<>(droppedEvents);
        sync.getJsonArray("events").forEach(e -> caughtUp.add((JsonObject) e));
        eventually(() -> assertEquals(8, stayedEvents.size()));
        assertEquals(stayedEvents, caughtUp, "the reconnected client holds exactly the events of the one that stayed");
        assertEquals(8, sync.getLong("seq"));
        for (int i = 0; i < caughtUp.size(); i++) {
            assertEquals(i + 1, caughtUp.get(i).getLong("seq"), "no gaps");
        }
    }

    @Test
    void catchUpIsOnlyForStreamsTheTokenMayRead(Vertx vertx) throws Exception {
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        assertEquals("wrong_table", rejected(ruud.send("fs.sync", new JsonObject().put("workshopId", workshopId).put("table", 2).put("sinceSeq", 0))).code);
        JsonObject workshopStream = ruud.send("fs.sync", new JsonObject().put("workshopId", workshopId).put("sinceSeq", 0)).get(5, TimeUnit.SECONDS);
        assertEquals("workshopCreated", workshopStream.getJsonArray("events").getJsonObject(0).getString("type"));
        assertFalse(workshopStream.encode().contains("okenHash"), "no token hashes in catch-up");
        assertFalse(workshopStream.encode().contains("\"deck\""), "the deck is fetched separately, not in every catch-up");
    }

    @Test
    void theWorkshopStreamCarriesTheClockAndTheWhistleReachesEveryTable(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        List<JsonObject> room = follow(ruud, "fs.workshop." + workshopId);
        List<JsonObject> tableEvents = follow(ruud, "fs.table." + workshopId + ".1");
        fac.command(room("startRound").put("round", 1));
        fac.command(room("extendClock").put("seconds", -(15 * 60 - 1)));
        eventually(() -> assertTrue(room.stream().anyMatch(e -> e.getString("type").equals("whistleBlown")), room.toString()));
        eventually(() -> assertTrue(tableEvents.stream().anyMatch(e -> e.getString("type").equals("whistleBlown"))));
        JsonObject whistle = room.stream().filter(e -> e.getString("type").equals("whistleBlown")).findFirst().orElseThrow();
        assertEquals("system", whistle.getJsonObject("by").getString("role"));
    }

    @Test
    void aBurstOfReconnectionsIsAFewPresenceMessagesNotOneEach(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        List<JsonObject> presence = new CopyOnWriteArrayList<>();
        fac.register("fs.presence." + workshopId, presence::add);
        follow(fac, "fs.workshop." + workshopId);
        Thread.sleep(3 * RoomPresence.GATHER_MILLIS);
        presence.clear();
        // Twenty browsers of the table come back at once (a wifi hiccup, a failover), each following its table.
        List<JsonObject> seats = List.of(interviewer, respondent1, respondent2, reporter, observer);
        List<BridgeClient> back = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            back.add(connect(vertx, seats.get(i % seats.size()).getString("token")));
        }
        for (BridgeClient c : back) {
            c.register("fs.table." + workshopId + ".1", e -> { });
        }
        eventually(() -> assertTrue(!presence.isEmpty() && presence.get(presence.size() - 1).getJsonArray("online").size() == 5,
                "everyone is shown online: " + presence));
        Thread.sleep(3 * RoomPresence.GATHER_MILLIS);
        assertTrue(presence.size() <= 10, "20 connections, " + presence.size() + " presence messages");
    }

    @Test
    void presenceTellsWhoIsOnlineAndDragMotionIsRelayedToTheTable(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        List<JsonObject> presence = new CopyOnWriteArrayList<>();
        fac.register("fs.presence." + workshopId, presence::add);
        List<JsonObject> motion = follow(fac, "fs.motion." + workshopId + ".1");
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        follow(ruud, "fs.table." + workshopId + ".1");
        eventually(() -> assertTrue(presence.stream().anyMatch(p -> p.getJsonArray("online").contains(respondent1.getString("participantId")))));
        fac.command(room("startRound").put("round", 1)); // motion, like moving a card, is for the respondent of the round
        ruud.sendRaw(new JsonObject().put("type", "send").put("address", "fs.motion")
                .put("headers", new JsonObject().put("token", respondent1.getString("token")))
                .put("body", new JsonObject().put("workshopId", workshopId).put("table", 1).put("cardId", "A1")
                        .put("side", "stimulating").put("strength", 0.4).put("y", 0.2)));
        eventually(() -> assertEquals(1, motion.size()));
        assertEquals(respondent1.getString("participantId"), motion.get(0).getJsonObject("by").getString("participantId"));
        assertNull(motion.get(0).getLong("seq"), "motion is presence, not an event");
        ruud.close();
        eventually(() -> assertFalse(presence.get(presence.size() - 1).getJsonArray("online").contains(respondent1.getString("participantId"))));
    }

    // --- the gate: subscriptions end when the token no longer grants them (issue 13) ---

    /** The next error frames the client got unasked, which must say that its registrations on exactly these addresses ended. */
    static void subscriptionsEnded(BridgeClient c, String... addresses) throws InterruptedException {
        java.util.Set<String> ended = new java.util.HashSet<>();
        for (String ignored : addresses) {
            JsonObject frame = c.errors.poll(5, TimeUnit.SECONDS);
            assertNotNull(frame, "the client is told that its registrations ended: " + ended);
            assertEquals("subscription_ended", new JsonObject(frame.getString("message")).getString("code"));
            ended.add(frame.getString("address"));
        }
        assertEquals(java.util.Set.of(addresses), ended);
    }

    /** A card placed at table 1 and seen by someone who still follows it, so anything sent with it has arrived. */
    void placeAndWait(BridgeClient by, List<JsonObject> witness, String cardId) throws Exception {
        int before = witness.size();
        by.command(table("placeCard").put("cardId", cardId).put("side", "stimulating").put("strength", 0.5).put("y", 0.5));
        eventually(() -> assertEquals(before + 1, witness.size()));
    }

    @Test
    void aParticipantMovedToAnotherTableStopsReceivingTheOldTableAtOnce(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        BridgeClient rik = connect(vertx, reporter.getString("token"));
        List<JsonObject> witness = follow(fac, "fs.table." + workshopId + ".1");
        List<JsonObject> rikTable = follow(rik, "fs.table." + workshopId + ".1");
        List<JsonObject> rikMotion = follow(rik, "fs.motion." + workshopId + ".1");
        List<JsonObject> rikRoom = follow(rik, "fs.workshop." + workshopId);
        fac.command(room("startRound").put("round", 1));
        placeAndWait(ruud, witness, "A1");
        eventually(() -> assertEquals(2, rikTable.size()));

        fac.command(room("assignRole").put("participantId", reporter.getString("participantId")).put("table", 2).put("role", "reporter"));
        subscriptionsEnded(rik, "fs.table." + workshopId + ".1", "fs.motion." + workshopId + ".1");
        placeAndWait(ruud, witness, "A2");
        drag(ruud, respondent1, "A3");
        placeAndWait(ruud, witness, "A4");
        assertEquals(2, rikTable.size(), "nothing of table 1 after the move: " + rikTable);
        assertTrue(rikMotion.isEmpty(), "no motion of table 1 after the move: " + rikMotion);
        eventually(() -> assertTrue(rikRoom.stream().anyMatch(e -> e.getString("type").equals("seatAssigned")),
                "the workshop stream, still granted, goes on"));
        List<JsonObject> rikNewTable = follow(rik, "fs.table." + workshopId + ".2");
        assertNull(rik.errors.poll(200, TimeUnit.MILLISECONDS), "the new table may be followed");
        assertTrue(rikNewTable.isEmpty());
    }

    @Test
    void aParticipantWhoLeftStopsReceivingEverything(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        BridgeClient olga = connect(vertx, observer.getString("token"));
        List<JsonObject> witness = follow(fac, "fs.table." + workshopId + ".1");
        List<JsonObject> facRoom = follow(fac, "fs.workshop." + workshopId);
        List<JsonObject> olgaTable = follow(olga, "fs.table." + workshopId + ".1");
        List<JsonObject> olgaRoom = follow(olga, "fs.workshop." + workshopId);
        fac.command(room("startRound").put("round", 1));
        eventually(() -> assertEquals(1, olgaTable.size()));

        olga.command(room("leave"));
        subscriptionsEnded(olga, "fs.table." + workshopId + ".1", "fs.workshop." + workshopId);
        int roomBefore = olgaRoom.size();
        placeAndWait(ruud, witness, "B1");
        int facRoomBefore = facRoom.size();
        fac.command(room("broadcast").put("text", "Koffie"));
        eventually(() -> assertEquals(facRoomBefore + 1, facRoom.size()));
        placeAndWait(ruud, witness, "B2");
        assertEquals(1, olgaTable.size(), "no table events after leaving: " + olgaTable);
        assertEquals(roomBefore, olgaRoom.size(), "no workshop events after leaving: " + olgaRoom);
    }

    @Test
    void deletingAWorkshopEndsEveryoneItsSubscriptionsTheFacilitatorsToo(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        BridgeClient projector = connect(vertx, workshop.getString("projectorToken"));
        follow(fac, "fs.table." + workshopId + ".2");
        follow(projector, "fs.workshop." + workshopId);
        assertEquals(204, server.delete("/api/workshops/" + workshopId, facilitator()).status());
        subscriptionsEnded(fac, "fs.table." + workshopId + ".2");
        subscriptionsEnded(projector, "fs.workshop." + workshopId);
    }

    /** Drag motion of a card at table 1, sent without waiting (motion has no reply). */
    void drag(BridgeClient c, JsonObject participant, String cardId) {
        c.sendRaw(new JsonObject().put("type", "send").put("address", "fs.motion")
                .put("headers", new JsonObject().put("token", participant.getString("token")))
                .put("body", new JsonObject().put("workshopId", workshopId).put("table", 1).put("cardId", cardId)
                        .put("side", "stimulating").put("strength", 0.2).put("y", 0.2)));
    }

    @Test
    void dragMotionIsRelayedOnlyForThoseWhoMayMoveACardThere(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        List<JsonObject> motion = follow(fac, "fs.motion." + workshopId + ".1");
        BridgeClient ruud = connect(vertx, respondent1.getString("token"));
        drag(ruud, respondent1, "before-the-round");
        // a connection's frames are handled in order: once this is answered the drag above was handled
        ruud.send("fs.sync", new JsonObject().put("workshopId", workshopId).put("sinceSeq", 0)).get(5, TimeUnit.SECONDS);
        fac.command(room("startRound").put("round", 1));
        JsonObject projector = new JsonObject().put("token", workshop.getString("projectorToken"));
        for (JsonObject mayNot : List.of(observer, reporter, respondent2, projector)) {
            drag(connect(vertx, mayNot.getString("token")), mayNot, "ghost");
        }
        JsonObject elsewhere = server.join(workshop.getString("joinCode"), "Eva", 2, "interviewer");
        BridgeClient eva = connect(vertx, elsewhere.getString("token"));
        drag(eva, elsewhere, "other-table");
        drag(ruud, respondent1, "A1");
        drag(fac, new JsonObject().put("token", facilitator()), "A2");
        eventually(() -> assertEquals(2, motion.size(), motion.toString()));
        Thread.sleep(300);
        assertEquals(List.of("A1", "A2"), motion.stream().map(m -> m.getString("cardId")).sorted().toList(),
                "only the respondent of the round and the facilitator move cards at table 1 now: " + motion);
    }

    @Test
    void looseNumbersAreRefusedOverTheBridgeAsOverHttpAndChangeNothing(Vertx vertx) throws Exception {
        BridgeClient fac = connect(vertx, facilitator());
        fac.command(room("startRound").put("round", 1));
        long before = server.get("/api/workshops/" + workshopId, facilitator()).json().getJsonObject("workshop").getJsonArray("tableSeqs").getLong(0);
        JsonObject place = table("placeCard").put("cardId", "A1").put("side", "stimulating").put("strength", 0.5).put("y", 0.5);
        assertEquals("bad_value", rejected(fac.send("fs.command", place.copy().put("strength", "0.5"))).code);
        assertEquals("bad_value", rejected(fac.send("fs.command", place.copy().put("copy", 1.5))).code);
        assertEquals("bad_command", rejected(fac.send("fs.command", place.copy().put("table", 1.9))).code);
        assertEquals("bad_value", rejected(fac.send("fs.command", room("extendClock").put("seconds", "60"))).code);
        assertEquals("bad_value", rejected(fac.send("fs.sync", new JsonObject().put("workshopId", workshopId).put("table", 1.9).put("sinceSeq", 0))).code);
        assertEquals("bad_value", rejected(fac.send("fs.sync", new JsonObject().put("workshopId", workshopId).put("sinceSeq", "0"))).code);
        long after = server.get("/api/workshops/" + workshopId, facilitator()).json().getJsonObject("workshop").getJsonArray("tableSeqs").getLong(0);
        assertEquals(before, after);
        TestServer.Response http = server.post("/api/join", new JsonObject().put("joinCode", workshop.getString("joinCode"))
                .put("name", "Lex").put("table", 1.9).encode(), null);
        assertEquals("bad_value", http.errorCode(), "HTTP refuses the same: " + http.body());
    }

    @Test
    void aConsoleFollowsEveryTableAndMotionStreamOfTheLargestWorkshopAndHearsTheLastTable(Vertx vertx) throws Exception {
        JsonObject big = server.createWorkshop(200);
        String id = big.getString("workshopId");
        BridgeClient fac = connect(vertx, big.getString("facilitatorToken"));
        List<JsonObject> last = new CopyOnWriteArrayList<>();
        for (int t = 1; t <= 200; t++) {
            fac.register("fs.table." + id + "." + t, t == 200 ? last::add : e -> { });
            fac.register("fs.motion." + id + "." + t, e -> { });
        }
        fac.register("fs.workshop." + id, e -> { });
        fac.register("fs.presence." + id, e -> { });
        fac.send("fs.sync", new JsonObject().put("workshopId", id).put("sinceSeq", 0)).get(5, TimeUnit.SECONDS);
        fac.command(new JsonObject().put("type", "startRound").put("workshopId", id).put("round", 1));
        eventually(() -> assertFalse(last.isEmpty(), "table 200's round start reached the console"));
        assertNull(fac.errors.poll(200, TimeUnit.MILLISECONDS), "no registration was refused");
    }

    @Test
    void aBrowserOfferingDeflateGetsPlainWebsocketFramesByDefaultAndDeflateWhenTurnedOn(@org.junit.jupiter.api.io.TempDir Path dir, Vertx vertx) throws Exception {
        BridgeClient plain = BridgeClient.connect(vertx, server.port(), facilitator(), true);
        clients.add(plain);
        assertFalse(plain.socket().compressed(), "websocket-compression is off by default");
        assertTrue(plain.command(room("broadcast").put("text", "zonder")).getBoolean("ok"));
        try (TestServer deflating = new TestServer(dir, java.util.Map.of("websocket-compression", "true"))) {
            JsonObject other = deflating.createWorkshop(1);
            BridgeClient squeezed = BridgeClient.connect(vertx, deflating.port(), other.getString("facilitatorToken"), true);
            clients.add(squeezed);
            assertTrue(squeezed.socket().compressed(), "websocket-compression true accepts the browser's offer");
            assertTrue(squeezed.command(new JsonObject().put("type", "broadcast").put("workshopId", other.getString("workshopId"))
                    .put("text", "met")).getBoolean("ok"));
        }
    }

    /**
     * A message over the 64 KiB limit closes the connection with a close frame (1000); only a single frame
     * over the frame limit (1 MiB, so the server never buffers more) is cut off without one (1006). Either
     * way the connection is not left open and deaf, and the client comes back; with and without deflate
     * (a server with websocket-compression on).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "compression {0}, one frame {1}, {2} KiB: close {3}")
    @org.junit.jupiter.params.provider.CsvSource({"false,false,70,1000", "true,false,70,1000", "false,true,70,1000", "true,true,70,1000",
            "true,false,2048,1000", "true,true,2048,1000", "false,true,2048,1006"})
    void aWebsocketMessageOverTheLimitClosesTheConnectionInsteadOfLeavingItDeafAndAReconnectWorks(boolean compression, boolean oneFrame,
                                                                                                   int kib, short close, Vertx vertx,
                                                                                                   @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (TestServer target = new TestServer(dir, java.util.Map.of("websocket-compression", Boolean.toString(compression)))) {
            JsonObject other = target.createWorkshop(1);
            String token = other.getString("facilitatorToken");
            String id = other.getString("workshopId");
            BridgeClient fac = BridgeClient.connect(vertx, target.port(), token, compression);
            clients.add(fac);
            assertEquals(compression, fac.socket().compressed(), "the websocket negotiated compression as asked");
            fac.command(new JsonObject().put("type", "startRound").put("workshopId", id).put("round", 1));
            JsonObject huge = new JsonObject().put("type", "send").put("address", "fs.command").put("replyAddress", "r1")
                    .put("headers", new JsonObject().put("token", token))
                    .put("body", new JsonObject().put("type", "explainCard").put("workshopId", id).put("table", 1)
                            .put("placementId", "p1").put("text", "x".repeat(kib * 1024)));
            if (oneFrame) {
                fac.socket().writeUnfragmented(huge);
            } else {
                fac.socket().write(huge);
            }
            fac.closed.get(10, TimeUnit.SECONDS);
            assertEquals(close, fac.socket().closeStatus());
            BridgeClient back = BridgeClient.connect(vertx, target.port(), token, compression);
            clients.add(back);
            assertTrue(back.command(new JsonObject().put("type", "broadcast").put("workshopId", id).put("text", "weer daar")).getBoolean("ok"));
        }
    }
}
