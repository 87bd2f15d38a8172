package nl.factorspel.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The HTTP API of the protocol core, on a real server on a random port. */
class HttpApiTest {

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(data);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthSaysUpOnceTheServerServes() throws Exception {
        TestServer.Response r = server.get("/health", null);
        assertEquals(200, r.status());
        assertEquals("UP", r.json().getString("status"));
    }

    @Test
    void theBundledDecksAreListedAndTheLloDeckHasItsTwentyFiveFactorsInFiftyCards() throws Exception {
        JsonArray decks = new JsonArray(server.get("/api/decks", null).body());
        assertTrue(decks.size() >= 4, "at least four bundled decks: " + decks.size());
        JsonObject llo = decks.stream().map(JsonObject.class::cast).filter(d -> d.getString("id").equals("llo-factoren")).findFirst().orElseThrow();
        assertEquals(50, llo.getInteger("cards"));
        assertEquals(25, llo.getInteger("factors"));
        assertEquals("nl", llo.getString("language"));
        JsonObject deck = server.get("/api/decks/llo-factoren", null).json();
        assertEquals(5, deck.getJsonArray("categories").size());
        assertEquals(7, deck.getJsonObject("script").getJsonArray("questions").size());
        assertEquals(4, deck.getJsonArray("profiles").size(), "groups A, B, C and the fourth type of learner");
        assertEquals("unknown_deck", server.get("/api/decks/nope", null).errorCode());
    }

    @Test
    void creatingAWorkshopAnswersItsIdJoinCodeAndTwoTokens() throws Exception {
        JsonObject w = server.createWorkshop(3);
        assertEquals(8, w.getString("joinCode").length());
        assertTrue(w.getString("facilitatorToken").length() >= 40, "tokens are long random values");
        assertNotEquals(w.getString("facilitatorToken"), w.getString("projectorToken"));
        JsonObject view = server.get("/api/workshops/" + w.getString("workshopId"), w.getString("facilitatorToken")).json();
        assertEquals(3, view.getJsonArray("tables").size());
        assertEquals("lobby", view.getJsonObject("workshop").getString("phase"));
        assertEquals("facilitator", view.getJsonObject("you").getString("role"));
        assertFalse(view.encode().contains("okenHash"), "token hashes never leave the server");
    }

    @Test
    void badWorkshopRequestsGetClearErrors() throws Exception {
        assertEquals(400, server.post("/api/workshops", "{not json", null).status());
        TestServer.Response unknownDeck = server.post("/api/workshops", "{\"title\":\"x\",\"deckId\":\"nope\",\"tables\":2}", null);
        assertEquals(404, unknownDeck.status());
        assertEquals("unknown_deck", unknownDeck.errorCode());
        TestServer.Response noTables = server.post("/api/workshops", "{\"title\":\"x\",\"deckId\":\"llo-factoren\",\"tables\":0}", null);
        assertEquals(400, noTables.status());
        TestServer.Response hugeTitle = server.post("/api/workshops", new JsonObject().put("title", "t".repeat(5000))
                .put("deckId", "llo-factoren").put("tables", 2).encode(), null);
        assertEquals("text_too_long", hugeTitle.errorCode());
        TestServer.Response stringTables = server.post("/api/workshops", "{\"title\":\"x\",\"deckId\":\"llo-factoren\",\"tables\":\"many\"}", null);
        assertEquals(400, stringTables.status());
    }

    @Test
    void joiningWithTheCodeGivesASeatAndATokenThatSeesOnlyItsOwnTable() throws Exception {
        JsonObject w = server.createWorkshop(2);
        JsonObject anna = server.join(w.getString("joinCode"), "Anna", 2, "respondent");
        assertEquals("respondent", anna.getString("role"));
        assertEquals("respondent1", anna.getString("seat"));
        assertEquals(2, anna.getInteger("table"));
        JsonObject view = server.get("/api/workshops/" + w.getString("workshopId"), anna.getString("token")).json();
        assertEquals(1, view.getJsonArray("tables").size(), "a participant sees its own table");
        assertEquals(2, view.getJsonArray("tables").getJsonObject(0).getInteger("table"));
        assertEquals("Anna", view.getJsonObject("you").getString("name"));
        assertEquals("respondent1", view.getJsonObject("you").getString("seat"));
    }

    @Test
    void aWrongJoinCodeATakenSeatAndBadBodiesAreRefused() throws Exception {
        JsonObject w = server.createWorkshop(1);
        TestServer.Response wrong = server.post("/api/join", "{\"joinCode\":\"ZZZZZZZZ\",\"name\":\"X\"}", null);
        assertEquals(404, wrong.status());
        server.join(w.getString("joinCode"), "Ilse", 1, "interviewer");
        TestServer.Response taken = server.post("/api/join", new JsonObject().put("joinCode", w.getString("joinCode"))
                .put("name", "Iris").put("table", 1).put("role", "interviewer").encode(), null);
        assertEquals(409, taken.status());
        assertEquals("seat_taken", taken.errorCode());
        assertEquals(400, server.post("/api/join", "[]", null).status());
        assertEquals("text_too_long", server.post("/api/join", new JsonObject().put("joinCode", w.getString("joinCode"))
                .put("name", "n".repeat(1000)).encode(), null).errorCode());
    }

    @Test
    void tokensAreCheckedMissingForgedAndOfAnotherWorkshop() throws Exception {
        JsonObject w1 = server.createWorkshop(1);
        JsonObject w2 = server.createWorkshop(1);
        String path = "/api/workshops/" + w1.getString("workshopId");
        assertEquals("no_token", server.get(path, null).errorCode());
        assertEquals(401, server.get(path, null).status());
        assertEquals("unknown_token", server.get(path, "forged-" + w1.getString("facilitatorToken")).errorCode());
        TestServer.Response other = server.get(path, w2.getString("facilitatorToken"));
        assertEquals(403, other.status());
        assertEquals("wrong_workshop", other.errorCode());
        assertEquals(200, server.get(path, w1.getString("projectorToken")).status());
    }

    @Test
    void theQrCodeOfTheJoinLinkIsDrawnByTheServerForTheFacilitatorAndTheProjector() throws Exception {
        JsonObject w = server.createWorkshop(1);
        String path = "/api/workshops/" + w.getString("workshopId") + "/qr.svg?for=join&table=1";
        TestServer.Response qr = server.get(path, w.getString("facilitatorToken"));
        assertEquals(200, qr.status());
        assertTrue(qr.body().startsWith("<svg"), qr.body());
        assertEquals(200, server.get(path, w.getString("projectorToken")).status());
        JsonObject participant = server.join(w.getString("joinCode"), "P", 1, null);
        assertEquals(403, server.get(path, participant.getString("token")).status());
    }

    @Test
    void theFacilitatorGetsTheProjectorLinkAgainAndNobodyElseDoes() throws Exception {
        JsonObject w = server.createWorkshop(1);
        String path = "/api/workshops/" + w.getString("workshopId") + "/projector";
        JsonObject link = server.get(path, w.getString("facilitatorToken")).json();
        assertEquals(w.getString("projectorToken"), link.getString("projectorToken"));
        assertTrue(link.getString("projectorUrl").endsWith("/projector.html#w=" + w.getString("workshopId") + "&t=" + w.getString("projectorToken")),
                link.getString("projectorUrl"));
        assertEquals(200, server.get("/api/workshops/" + w.getString("workshopId"), link.getString("projectorToken")).status(),
                "the link given again opens the projector");
        assertEquals("not_allowed", server.get(path, w.getString("projectorToken")).errorCode());
        JsonObject participant = server.join(w.getString("joinCode"), "P", 1, null);
        assertEquals(403, server.get(path, participant.getString("token")).status());
        JsonObject other = server.createWorkshop(1);
        assertEquals("wrong_workshop", server.get(path, other.getString("facilitatorToken")).errorCode());
    }

    @Test
    void joinAttemptsFromOneAddressAreLimitedSoTheJoinCodeCannotBeGuessed(@TempDir Path own) throws Exception {
        try (TestServer strict = new TestServer(own, java.util.Map.of("joins-per-minute", "5"))) {
            int limited = 0;
            for (int i = 0; i < 12; i++) {
                TestServer.Response r = strict.post("/api/join", "{\"joinCode\":\"GUESS" + i + "\",\"name\":\"x\"}", null);
                if (r.status() == 429) {
                    assertEquals("rate_limited", r.errorCode());
                    limited++;
                } else {
                    assertEquals(404, r.status());
                }
            }
            assertTrue(limited >= 6, "guessing is cut off after the allowance: " + limited + " of 12 refused");
        }
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        String metrics = server.get("/metrics", null).body();
        assertTrue(metrics.contains("# TYPE factorspel_connections gauge"), metrics);
        assertTrue(metrics.contains("factorspel_journal_fsyncs_total"), metrics);
        assertTrue(metrics.contains("factorspel_commands_total"), metrics);
    }

    @Test
    void theWebClientAndItsVendorScriptsAreServedByTheServerItself() throws Exception {
        assertEquals(200, server.get("/vendor/sockjs.min.js", null).status());
        assertEquals(200, server.get("/vendor/vertx-eventbus.js", null).status());
    }
}
