package nl.factorspel.server;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A workshop whose journal is damaged answers 503 workshop_damaged, and the salvage command gets it back. */
class DamagedWorkshopTest {

    @Test
    void aDamagedWorkshopSaysSoToItsPeopleAndTheSalvageCommandBringsBackEverythingBeforeTheDamage(@TempDir Path data) throws Exception {
        JsonObject w;
        String ilse;
        String ruud;
        try (TestServer server = new TestServer(data)) {
            w = server.createWorkshop(1);
            ilse = server.join(w.getString("joinCode"), "Ilse", 1, "interviewer").getString("token");
            server.join(w.getString("joinCode"), "Ruud", 1, "respondent1");
            ruud = server.join(w.getString("joinCode"), "Fatma", 1, "reporter").getString("token");
        }
        String id = w.getString("workshopId");
        Path log = data.resolve("workshops").resolve(id).resolve("events.log");
        Files.writeString(log, Files.readString(log).replace("\"Ruud\"", "\"Ruux\""));
        try (TestServer server = new TestServer(data)) {
            ApiClient.Response view = server.get("/api/workshops/" + id, w.getString("facilitatorToken"));
            assertEquals(503, view.status(), view.body());
            assertEquals("workshop_damaged", view.errorCode());
            assertTrue(view.body().contains("bad checksum") && view.body().contains("salvage " + id), view.body());
            assertEquals("workshop_damaged", server.get("/api/workshops/" + id, ilse).errorCode());
            assertEquals("unknown_token", server.get("/api/workshops/" + id, ruud).errorCode(),
                    "a token handed out after the damage cannot be known");
        }
        assertEquals(0, Main.salvage(new String[] {id, "--data", data.toString()}));
        try (TestServer server = new TestServer(data)) {
            ApiClient.Response view = server.get("/api/workshops/" + id, w.getString("facilitatorToken"));
            assertEquals(200, view.status(), view.body());
            assertEquals(200, server.get("/api/workshops/" + id, ilse).status());
            assertTrue(Files.list(log.getParent()).anyMatch(p -> p.getFileName().toString().startsWith("damaged-")),
                    "the original files are kept aside");
        }
    }
}
