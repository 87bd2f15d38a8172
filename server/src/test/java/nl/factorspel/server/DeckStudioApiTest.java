package nl.factorspel.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the deck studio asks of the server: the validator on a draft, the deck printed, a workshop with another script. */
class DeckStudioApiTest {

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

    private static String exampleDeck() throws Exception {
        return Files.readString(Path.of("..", "docs", "examples", "small-deck.json"));
    }

    @Test
    void aDraftIsCheckedWithTheProblemsAtTheirPathsAndNothingIsStored() throws Exception {
        JsonObject draft = new JsonObject(exampleDeck());
        draft.put("id", "studio-draft");
        draft.getJsonArray("cards").getJsonObject(1).put("copies", 0);
        draft.getJsonArray("categories").getJsonObject(0).put("colour", "#000080");
        ApiClient.Response answer = server.post("/api/decks/validate", draft.encode(), null);
        assertEquals(200, answer.status(), answer.body());
        JsonObject result = answer.json();
        assertFalse(result.getBoolean("valid"));
        JsonArray problems = result.getJsonArray("problems");
        assertEquals("categories[0].colour", problems.getJsonObject(0).getString("path"));
        assertEquals("cards[1].copies", problems.getJsonObject(1).getString("path"));
        assertTrue(problems.getJsonObject(1).getString("message").contains("from 1 to 9"));
        assertEquals(404, server.get("/api/decks/studio-draft", null).status(), "a checked draft is not a deck on the server");

        draft.getJsonArray("cards").getJsonObject(1).put("copies", 1);
        draft.getJsonArray("categories").getJsonObject(0).put("colour", "#F6D8AE");
        JsonObject fixed = server.post("/api/decks/validate", draft.encode(), null).json();
        assertTrue(fixed.getBoolean("valid"), fixed.encode());
        assertEquals(7, fixed.getInteger("cards"));
        assertEquals(200, server.post("/api/decks/validate", "{not json", null).status(), "bad JSON is a problem of the draft");
        assertEquals("", server.post("/api/decks/validate", "{not json", null).json().getJsonArray("problems").getJsonObject(0).getString("path"));
    }

    @Test
    void aDeckPrintsAsOneCardPerCopyAndItsBoardOnA3() throws Exception {
        byte[] cards = server.getBytes("/api/decks/llo-factoren/print.pdf?language=en", null);
        try (PDDocument doc = Loader.loadPDF(cards)) {
            String text = new PDFTextStripper().getText(doc);
            assertEquals(50, Pattern.compile("[A-E]\\d · \\d/2").matcher(text).results().count(), "25 factors, two cards each");
            assertTrue(text.contains("Self-confidence"), "in the language asked for");
        }
        try (PDDocument doc = Loader.loadPDF(server.getBytes("/api/decks/llo-factoren/board.pdf", null))) {
            assertEquals(1, doc.getNumberOfPages());
        }
        assertEquals(404, server.get("/api/decks/nope/print.pdf", null).status());
        assertEquals("bad_value", server.get("/api/decks/llo-factoren/print.pdf?language=de", null).errorCode());
    }

    @Test
    void aWorkshopPlaysTheScriptTheFacilitatorChose() throws Exception {
        JsonObject deckEntry = new JsonArray(server.get("/api/decks", null).body()).stream().map(o -> (JsonObject) o)
                .filter(d -> d.getString("id").equals("llo-factoren")).findFirst().orElseThrow();
        assertEquals("onderzoek", deckEntry.getJsonArray("scripts").getJsonObject(0).getString("id"));

        JsonObject body = new JsonObject().put("title", "Onderzoek").put("deckId", "llo-factoren").put("tables", 1)
                .put("scriptId", "onderzoek");
        JsonObject created = server.post("/api/workshops", body.encode(), null).json();
        JsonObject view = server.get("/api/workshops/" + created.getString("workshopId"), created.getString("facilitatorToken")).json();
        JsonObject script = view.getJsonObject("workshop").getJsonObject("script");
        assertEquals("onderzoek", script.getString("id"));
        assertTrue(script.getJsonArray("questions").getJsonObject(0).getJsonObject("text").getString("nl").contains("laatste"),
                "the research version asks for your own learning experience of the last five years");

        JsonObject plain = server.createWorkshop(1);
        JsonObject plainView = server.get("/api/workshops/" + plain.getString("workshopId"), plain.getString("facilitatorToken")).json();
        assertEquals(7, plainView.getJsonObject("workshop").getJsonObject("script").getJsonArray("questions").size(), "without a choice, the game's own script");

        ApiClient.Response unknown = server.post("/api/workshops", body.put("scriptId", "nope").encode(), null);
        assertEquals(400, unknown.status());
        assertEquals("unknown_script", unknown.errorCode());
        assertEquals("bad_value", server.post("/api/workshops", body.put("scriptId", 3).encode(), null).errorCode());
    }
}
