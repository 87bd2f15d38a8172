package nl.factorspel.server;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Who may upload and replace decks, and a workshop that keeps the exact deck it was created with. */
class DeckUploadTest {

    private static final Map<String, String> OPERATOR = Map.of("operator-token", "de-operator");

    /** As {@code curl --data-binary @deck.json} sends it: a form content type. */
    private static ApiClient.Response curl(ApiClient client, String body, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + client.port() + "/api/decks"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/x-www-form-urlencoded");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new ApiClient.Response(response.statusCode(), response.body());
    }

    private static String firstCardLabel(JsonObject deck) {
        return deck.getJsonArray("cards").getJsonObject(0).getJsonObject("label").getString("nl");
    }

    @Test
    void bundledDecksAreReadOnlyForFacilitatorsAndTheOperatorAlike(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data, OPERATOR)) {
            String facilitator = server.createWorkshop(1).getString("facilitatorToken");
            JsonObject bundled = server.get("/api/decks/llo-factoren", null).json();
            bundled.getJsonArray("cards").getJsonObject(0).getJsonObject("label").put("nl", "Overgenomen");
            for (String token : new String[] {facilitator, "de-operator"}) {
                ApiClient.Response r = curl(server, bundled.encode(), token);
                assertEquals(403, r.status(), r.body());
                assertEquals("not_allowed", r.errorCode());
            }
            assertNotEquals("Overgenomen", firstCardLabel(server.get("/api/decks/llo-factoren", null).json()));
            assertFalse(Files.exists(data.resolve("decks").resolve("llo-factoren.json")));
        }
    }

    @Test
    void theUploadAsPrintedInTheDocsWorksAndOnlyItsEditTokenOrTheOperatorReplacesTheDeck(@TempDir Path data) throws Exception {
        String editToken;
        String deck = OperationsTest.exampleDeck();
        String id = new JsonObject(deck).getString("id");
        try (TestServer server = new TestServer(data, OPERATOR)) {
            String facilitator = server.createWorkshop(1).getString("facilitatorToken");
            String otherFacilitator = server.createWorkshop(1).getString("facilitatorToken");
            ApiClient.Response uploaded = curl(server, deck, facilitator);
            assertEquals(201, uploaded.status(), uploaded.body());
            assertEquals(id, uploaded.json().getString("id"));
            editToken = uploaded.json().getString("editToken");
            assertNotNull(editToken);

            JsonObject changed = new JsonObject(deck);
            changed.getJsonArray("cards").getJsonObject(0).getJsonObject("label").put("nl", "Gewijzigd");
            assertEquals("not_allowed", curl(server, changed.encode(), otherFacilitator).errorCode(), "another facilitator may not replace it");
            assertEquals("not_allowed", curl(server, changed.encode(), facilitator).errorCode(), "a facilitator token is not the edit token");
            assertEquals("not_allowed", curl(server, changed.encode(), null).errorCode());
            assertEquals(200, curl(server, changed.encode(), "de-operator").status(), "the operator may");
        }
        try (TestServer again = new TestServer(data, OPERATOR)) {
            JsonObject changed = new JsonObject(deck);
            changed.getJsonArray("cards").getJsonObject(0).getJsonObject("label").put("nl", "Weer anders");
            ApiClient.Response replaced = curl(again, changed.encode(), editToken);
            assertEquals(200, replaced.status(), "the edit token still works after a restart: " + replaced.body());
            assertNull(replaced.json().getString("editToken"), "a replacement hands out no new edit token");
            assertEquals("Weer anders", firstCardLabel(again.get("/api/decks/" + id, null).json()));
        }
    }

    @Test
    void aWorkshopKeepsTheExactDeckItWasCreatedWithAcrossReplacementAndRestart(@TempDir Path data) throws Exception {
        String deck = OperationsTest.exampleDeck();
        String id = new JsonObject(deck).getString("id");
        String original = firstCardLabel(new JsonObject(deck));
        JsonObject w;
        JsonObject participant;
        String otherWorkshop;
        try (TestServer server = new TestServer(data, OPERATOR)) {
            String editToken = curl(server, deck, "de-operator").json().getString("editToken");
            ApiClient.Response created = server.post("/api/workshops", new JsonObject().put("title", "Met eigen deck").put("deckId", id)
                    .put("tables", 1).encode(), null);
            assertEquals(201, created.status(), created.body());
            w = created.json();
            participant = server.join(w.getString("joinCode"), "Ruud", 1, "shared");
            otherWorkshop = server.createWorkshop(1).getString("facilitatorToken");

            JsonObject changed = new JsonObject(deck).put("version", 2);
            changed.getJsonArray("cards").getJsonObject(0).getJsonObject("label").put("nl", "Later veranderd");
            assertEquals(200, curl(server, changed.encode(), editToken).status());
            assertEquals("Later veranderd", firstCardLabel(server.get("/api/decks/" + id, null).json()));

            String path = "/api/workshops/" + w.getString("workshopId") + "/deck";
            for (String token : new String[] {w.getString("facilitatorToken"), w.getString("projectorToken"), participant.getString("token")}) {
                ApiClient.Response own = server.get(path, token);
                assertEquals(200, own.status(), own.body());
                assertEquals(original, firstCardLabel(own.json()));
                assertEquals(1, own.json().getInteger("version"));
            }
            assertEquals("wrong_workshop", server.get(path, otherWorkshop).errorCode());
            assertEquals("no_token", server.get(path, null).errorCode());
        }
        try (TestServer again = new TestServer(data, OPERATOR)) {
            ApiClient.Response own = again.get("/api/workshops/" + w.getString("workshopId") + "/deck", participant.getString("token"));
            assertEquals(original, firstCardLabel(own.json()), "after a restart too");
        }
    }
}
