package nl.factorspel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.factorspel.sessions.workshop.WorkshopJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** An archive import cannot take over, change or shadow another workshop, and a refused import leaves nothing behind. */
class ArchiveImportTest {

    /** An archive edited as a forger would: the events changed, the hash computed anew. */
    private static String forged(byte[] archive, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) WorkshopJson.MAPPER.readTree(archive);
        edit.accept(root);
        ArrayNode events = (ArrayNode) root.get("events");
        byte[] text = WorkshopJson.MAPPER.writeValueAsString(events).getBytes(StandardCharsets.UTF_8);
        root.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text)));
        return WorkshopJson.MAPPER.writeValueAsString(root);
    }

    private static void workshopId(ObjectNode root, String id) {
        root.put("workshopId", id);
        ((ObjectNode) root.get("events").get(0)).put("workshopId", id);
    }

    @Test
    void aForgedArchiveOfALiveWorkshopBecomesANewWorkshopWithNewTokensAndTheLiveOneKeepsItsPeople(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            JsonObject live = server.createWorkshop(1);
            String id = live.getString("workshopId");
            JsonObject ilse = server.join(live.getString("joinCode"), "Ilse", 1, "interviewer");
            byte[] archive = server.getBytes("/api/workshops/" + id + "/export.json", live.getString("facilitatorToken"));
            // Same participants and token hashes, another workshop id: the attack that took over a token map.
            ApiClient.Response imported = server.post("/api/workshops/import", forged(archive, root -> workshopId(root, "overname")), null);
            assertEquals(201, imported.status(), imported.body());
            JsonObject copy = imported.json();
            assertNotEquals("overname", copy.getString("workshopId"), "the archive's id is not taken either");
            assertNotEquals(live.getString("joinCode"), copy.getString("joinCode"));

            assertEquals(200, server.get("/api/workshops/" + id, live.getString("facilitatorToken")).status(), "the live facilitator still gets in");
            assertEquals(200, server.get("/api/workshops/" + id, ilse.getString("token")).status(), "the live participant still gets in");
            assertEquals("wrong_workshop", server.get("/api/workshops/" + copy.getString("workshopId"), live.getString("facilitatorToken")).errorCode(),
                    "the live workshop's tokens do not open the copy");

            JsonArray participants = copy.getJsonArray("participants");
            assertEquals(1, participants.size());
            String newIlse = participants.getJsonObject(0).getString("token");
            assertNotEquals(ilse.getString("token"), newIlse);
            JsonObject seen = server.get("/api/workshops/" + copy.getString("workshopId"), newIlse).json();
            assertEquals("Ilse", seen.getJsonObject("you").getString("name"), "the copy's own tokens open it");
            assertEquals(200, server.get("/api/workshops/" + copy.getString("workshopId"), copy.getString("facilitatorToken")).status());
        }
    }

    @Test
    void hostileIdsAndArchivesBeyondTheLimitsAreRefusedAndLeaveNoWorkshopBehind(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            JsonObject live = server.createWorkshop(1);
            byte[] archive = server.getBytes("/api/workshops/" + live.getString("workshopId") + "/export.json", live.getString("facilitatorToken"));
            List<String> before = server.server.store().workshopIds();
            for (String hostile : List.of("../../etc", "..%2F..%2Fx", "a/b", "", "x".repeat(65))) {
                ApiClient.Response r = server.post("/api/workshops/import", forged(archive, root -> workshopId(root, hostile)), null);
                assertEquals(400, r.status(), hostile + ": " + r.body());
                assertEquals("invalid_archive", r.errorCode());
            }
            ApiClient.Response tooMany = server.post("/api/workshops/import", forged(archive,
                    root -> ((ObjectNode) root.get("events").get(0)).put("tables", 500)), null);
            assertEquals(400, tooMany.status(), tooMany.body());
            ApiClient.Response longTitle = server.post("/api/workshops/import", forged(archive,
                    root -> ((ObjectNode) root.get("events").get(0)).put("title", "t".repeat(500))), null);
            assertEquals(400, longTitle.status(), longTitle.body());
            ApiClient.Response badText = server.post("/api/workshops/import", forged(archive,
                    root -> ((ObjectNode) root.get("events").get(0)).put("title", "nul \u0000")), null);
            assertEquals("invalid_archive", badText.errorCode());
            assertTrue(badText.body().contains("events[0].title"), badText.body());
            assertEquals(before, server.server.store().workshopIds(), "no half-made workshop");
            try (var folders = Files.list(data.resolve("workshops"))) {
                assertEquals(before.size(), folders.filter(Files::isDirectory).count(), "no files of a refused import");
            }
            assertEquals(201, server.post("/api/workshops/import", new String(archive, StandardCharsets.UTF_8), null).status(),
                    "and the real archive still imports");
        }
    }

    @Test
    void whenOnlyTheOperatorCreatesWorkshopsOnlyTheOperatorImports(@TempDir Path data) throws Exception {
        byte[] archive;
        try (TestServer open = new TestServer(data.resolve("open"))) {
            JsonObject w = open.createWorkshop(1);
            archive = open.getBytes("/api/workshops/" + w.getString("workshopId") + "/export.json", w.getString("facilitatorToken"));
        }
        try (TestServer closed = new TestServer(data.resolve("closed"), Map.of("create-requires-token", "true", "operator-token", "geheim-operator"))) {
            String text = new String(archive, StandardCharsets.UTF_8);
            ApiClient.Response anyone = closed.post("/api/workshops/import", text, null);
            assertEquals(403, anyone.status());
            assertEquals(List.of(), closed.server.store().workshopIds());
            assertEquals(201, closed.post("/api/workshops/import", text, "geheim-operator").status());
        }
    }
}
