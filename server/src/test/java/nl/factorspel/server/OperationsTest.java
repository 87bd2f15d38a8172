package nl.factorspel.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A clock a test moves by hand. */
final class MovableClock extends java.time.Clock {
    private volatile java.time.Instant now = java.time.Instant.now();

    void advance(java.time.Duration d) {
        now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
    }

    @Override
    public java.time.Instant instant() {
        return now;
    }
}

/** What an operator relies on: deck uploads, token expiry, limits, and a restart that loses nothing. */
@ExtendWith(VertxExtension.class)
class OperationsTest {

    static String exampleDeck() throws Exception {
        return Files.readString(Path.of("../docs/examples/small-deck.json"));
    }

    @Test
    void aFacilitatorUploadsADeckAndABrokenOneIsRefusedWithEveryProblem(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            JsonObject w = server.createWorkshop(1);
            String facilitator = w.getString("facilitatorToken");
            JsonObject broken = new JsonObject(exampleDeck());
            broken.getJsonArray("cards").getJsonObject(0).put("category", "F");
            broken.getJsonArray("categories").getJsonObject(0).put("colour", "red");
            TestServer.Response refused = server.post("/api/decks", broken.encode(), facilitator);
            assertEquals(400, refused.status());
            JsonObject error = refused.json().getJsonObject("error");
            assertEquals("invalid_deck", error.getString("code"));
            JsonArray problems = error.getJsonArray("problems");
            assertEquals(2, problems.size(), problems.encode());
            assertTrue(problems.stream().map(p -> ((JsonObject) p).getString("path")).toList().contains("cards[0].category"));

            JsonObject participant = server.join(w.getString("joinCode"), "P", 1, null);
            assertEquals(403, server.post("/api/decks", exampleDeck(), participant.getString("token")).status());
            assertEquals(401, server.post("/api/decks", exampleDeck(), null).status());

            TestServer.Response uploaded = server.post("/api/decks", exampleDeck(), facilitator);
            assertEquals(201, uploaded.status(), uploaded.body());
            String id = uploaded.json().getString("id");
            assertEquals(200, server.get("/api/decks/" + id, null).status());
            assertTrue(Files.exists(data.resolve("decks").resolve(id + ".json")), "an uploaded deck survives a restart");

            String editToken = uploaded.json().getString("editToken");
            JsonObject older = new JsonObject(exampleDeck());
            older.put("version", 2);
            assertEquals(200, server.post("/api/decks", older.encode(), editToken).status());
            older.put("version", 1);
            assertEquals("older_version", server.post("/api/decks", older.encode(), editToken).errorCode());
        }
    }

    @Test
    void theFacilitatorDeletesAWorkshopWithItsFiles(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            JsonObject w = server.createWorkshop(1);
            String path = "/api/workshops/" + w.getString("workshopId");
            Path folder = data.resolve("workshops").resolve(w.getString("workshopId"));
            assertTrue(Files.isDirectory(folder));
            java.net.http.HttpResponse<String> byProjector = server.http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + path)).DELETE()
                    .header("Authorization", "Bearer " + w.getString("projectorToken")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, byProjector.statusCode());
            java.net.http.HttpResponse<String> deleted = server.http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + path)).DELETE()
                    .header("Authorization", "Bearer " + w.getString("facilitatorToken")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(204, deleted.statusCode());
            assertFalse(Files.exists(folder), "the journal is gone with it");
            assertEquals(401, server.get(path, w.getString("facilitatorToken")).status(), "its tokens open nothing any more");
            assertEquals(404, server.post("/api/join", new JsonObject().put("joinCode", w.getString("joinCode")).put("name", "x").encode(), null).status());
        }
    }

    @Test
    void tokensExpireAfterTheirLifetime(@TempDir Path data) throws Exception {
        MovableClock clock = new MovableClock();
        try (TestServer server = new TestServer(ServerConfig.forTests(data).with(Map.of("token-lifetime-seconds", "3600")), clock)) {
            JsonObject w = server.createWorkshop(1);
            String path = "/api/workshops/" + w.getString("workshopId");
            clock.advance(java.time.Duration.ofMinutes(59));
            assertEquals(200, server.get(path, w.getString("facilitatorToken")).status());
            clock.advance(java.time.Duration.ofMinutes(2));
            TestServer.Response expired = server.get(path, w.getString("facilitatorToken"));
            assertEquals(401, expired.status());
            assertEquals("token_expired", expired.errorCode());
        }
    }

    @Test
    void aGracefulStopKeepsEveryAcknowledgedCommandOfABurstInFlight(@TempDir Path data, Vertx vertx) throws Exception {
        JsonObject w;
        java.util.List<java.util.concurrent.CompletableFuture<JsonObject>> burst = new java.util.ArrayList<>();
        TestServer server = new TestServer(data, Map.of("command-burst", "500", "commands-per-second", "500"));
        w = server.createWorkshop(1);
        String id = w.getString("workshopId");
        BridgeClient fac = BridgeClient.connect(vertx, server.port(), w.getString("facilitatorToken"));
        fac.command(new JsonObject().put("type", "startRound").put("workshopId", id).put("round", 1));
        for (int i = 0; i < 200; i++) {
            burst.add(fac.send("fs.command", new JsonObject().put("type", "setQuestion").put("workshopId", id)
                    .put("table", 1).put("questionId", "q" + (1 + i % 7))));
        }
        burst.get(0).get(10, java.util.concurrent.TimeUnit.SECONDS);
        server.close();
        long acknowledged = 0;
        for (var f : burst) {
            try {
                acknowledged = Math.max(acknowledged, f.get(10, java.util.concurrent.TimeUnit.SECONDS).getLong("seq"));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // Not acknowledged: the connection closed first. It may or may not be in the journal.
            }
        }
        fac.close();
        try (TestServer again = new TestServer(data)) {
            long seq = again.get("/api/workshops/" + id, w.getString("facilitatorToken")).json()
                    .getJsonObject("workshop").getJsonArray("tableSeqs").getLong(0);
            assertTrue(acknowledged >= 2, "the burst was under way when the server stopped");
            assertTrue(seq >= acknowledged, "acknowledged up to " + acknowledged + ", back after restart: " + seq);
        }
    }

    @Test
    void aServerHoldsAtMostItsConfiguredNumberOfWorkshops(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data, Map.of("max-workshops", "2"))) {
            server.createWorkshop(1);
            server.createWorkshop(1);
            TestServer.Response third = server.post("/api/workshops", "{\"title\":\"x\",\"deckId\":\"llo-factoren\",\"tables\":1}", null);
            assertEquals(429, third.status());
            assertEquals("too_many_workshops", third.errorCode());
        }
    }

    @Test
    void aRestartBringsEveryWorkshopBackExactlyAndTokensStillWork(@TempDir Path data, Vertx vertx) throws Exception {
        JsonObject w;
        JsonObject ruud;
        String before;
        try (TestServer server = new TestServer(data)) {
            w = server.createWorkshop(2);
            ruud = server.join(w.getString("joinCode"), "Ruud", 1, "respondent1");
            try (BridgeClient fac = BridgeClient.connect(vertx, server.port(), w.getString("facilitatorToken"));
                 BridgeClient r = BridgeClient.connect(vertx, server.port(), ruud.getString("token"))) {
                String id = w.getString("workshopId");
                fac.command(new JsonObject().put("type", "startRound").put("workshopId", id).put("round", 1));
                for (int i = 1; i <= 5; i++) {
                    r.command(new JsonObject().put("type", "placeCard").put("workshopId", id).put("table", 1)
                            .put("cardId", "A" + i).put("side", "stimulating").put("strength", i / 10.0).put("y", 0.5));
                }
                r.command(new JsonObject().put("type", "explainCard").put("workshopId", id).put("table", 1)
                        .put("placementId", "p2").put("text", "Omdat het kon."));
            }
            before = server.get("/api/workshops/" + w.getString("workshopId"), w.getString("facilitatorToken")).json()
                    .getJsonArray("tables").encode();
        }
        try (TestServer again = new TestServer(data)) {
            TestServer.Response view = again.get("/api/workshops/" + w.getString("workshopId"), ruud.getString("token"));
            assertEquals(200, view.status(), "the participant's token works after the restart");
            String after = again.get("/api/workshops/" + w.getString("workshopId"), w.getString("facilitatorToken")).json()
                    .getJsonArray("tables").encode();
            assertEquals(before, after);
            assertEquals(200, again.post("/api/join", new JsonObject().put("joinCode", w.getString("joinCode")).put("name", "Nieuw").encode(), null).status(),
                    "the join code works after the restart");
        }
    }

    @Test
    void theRoundEndsByItselfWhenTheGracePeriodAfterTheWhistleRunsOutAlsoAcrossARestart(@TempDir Path data, Vertx vertx) throws Exception {
        JsonObject w;
        String id;
        try (TestServer server = new TestServer(data)) {
            TestServer.Response created = server.post("/api/workshops", new JsonObject().put("title", "Met uitloop").put("deckId", "llo-factoren")
                    .put("tables", 1).put("roundMinutes", 15).put("language", "nl").put("graceSeconds", 3).encode(), null);
            assertEquals(201, created.status(), created.body());
            w = created.json();
            id = w.getString("workshopId");
            try (BridgeClient fac = BridgeClient.connect(vertx, server.port(), w.getString("facilitatorToken"))) {
                fac.command(new JsonObject().put("type", "startRound").put("workshopId", id).put("round", 1));
                fac.command(new JsonObject().put("type", "extendClock").put("workshopId", id).put("seconds", -(15 * 60 - 1)));
            }
            BridgeTest.eventually(() -> assertEquals("expired", room(server, w).getJsonObject("clock").getString("status")));
            assertTrue(room(server, w).getBoolean("roundOpen"), "the round stays open through the grace period");
        }
        // The server stops within the grace period; started again, it ends the round when the grace is over.
        try (TestServer again = new TestServer(data)) {
            BridgeTest.eventually(() -> assertFalse(room(again, w).getBoolean("roundOpen"), "the round ended by itself"));
            JsonObject ended = again.get("/api/workshops/" + id + "/export.json", w.getString("facilitatorToken")).json();
            assertTrue(ended.encode().contains("\"roundEnded\""), "the journal holds the round's end");
        }
    }

    private static JsonObject room(TestServer server, JsonObject w) {
        try {
            return server.get("/api/workshops/" + w.getString("workshopId"), w.getString("facilitatorToken")).json().getJsonObject("workshop");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
