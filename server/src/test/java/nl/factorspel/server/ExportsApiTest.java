package nl.factorspel.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.*;

/** The plenary summary and the exports over HTTP, and an archive that moves a workshop to another server. */
@ExtendWith(VertxExtension.class)
class ExportsApiTest {

    /** Plays two rounds at two tables; answers the workshop's creation answer. */
    static JsonObject playTwoRounds(TestServer server, Vertx vertx) throws Exception {
        JsonObject w = server.createWorkshop(2);
        String id = w.getString("workshopId");
        JsonObject shared1 = server.join(w.getString("joinCode"), "Tafel een", 1, "shared");
        JsonObject shared2 = server.join(w.getString("joinCode"), "Tafel twee", 2, "shared");
        try (BridgeClient fac = BridgeClient.connect(vertx, server.port(), w.getString("facilitatorToken"));
             BridgeClient t1 = BridgeClient.connect(vertx, server.port(), shared1.getString("token"));
             BridgeClient t2 = BridgeClient.connect(vertx, server.port(), shared2.getString("token"))) {
            for (int round = 1; round <= 2; round++) {
                fac.command(new JsonObject().put("type", "startRound").put("workshopId", id).put("round", round));
                int t = 1;
                for (BridgeClient table : new BridgeClient[]{t1, t2}) {
                    JsonObject base = new JsonObject().put("workshopId", id).put("table", t);
                    table.command(base.copy().put("type", "placeCard").put("cardId", "A" + round).put("side", "stimulating").put("strength", 0.8).put("y", 0.3));
                    table.command(base.copy().put("type", "placeCard").put("cardId", "C" + t).put("side", "hindering").put("strength", 0.4).put("y", 0.6));
                    JsonObject placements = server.get("/api/workshops/" + id, w.getString("facilitatorToken")).json()
                            .getJsonArray("tables").getJsonObject(t - 1).getJsonObject("board");
                    String first = placements.getJsonArray("placements").getJsonObject(0).getString("id");
                    table.command(base.copy().put("type", "explainCard").put("placementId", first)
                            .put("text", round == 1 && t == 1 ? "=HYPERLINK(\"http://x\")" : "Uitleg tafel " + t + " ronde " + round));
                    table.command(base.copy().put("type", "writeNote").put("questionId", "q6").put("text", "Advies tafel " + t + " ronde " + round));
                    table.command(base.copy().put("type", "setProfile").put("profileId", round == 1 ? "A" : "C"));
                    t++;
                }
                fac.command(new JsonObject().put("type", "endRound").put("workshopId", id));
            }
        }
        return w;
    }

    static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void theFacilitatorDownloadsThePdfTheCsvZipAndTheArchive(@TempDir Path data, Vertx vertx) throws Exception {
        try (TestServer server = new TestServer(data)) {
            JsonObject w = playTwoRounds(server, vertx);
            String base = "/api/workshops/" + w.getString("workshopId");
            String fac = w.getString("facilitatorToken");
            byte[] pdf = server.getBytes(base + "/export.pdf", fac);
            assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
            Map<String, String> csv = unzip(server.getBytes(base + "/export.csv", fac));
            assertTrue(csv.keySet().containsAll(java.util.List.of("placements.csv", "notes.csv", "codebook.csv")), csv.keySet().toString());
            String placements = csv.get("placements.csv");
            assertTrue(placements.startsWith("\uFEFF"), "UTF-8 with BOM, so Excel reads Dutch text right");
            assertTrue(placements.contains("'=HYPERLINK"), "a formula in an explanation comes out neutralised");
            assertFalse(placements.contains(",=HYPERLINK") || placements.contains("\"=HYPERLINK"));
            JsonObject archive = new JsonObject(new String(server.getBytes(base + "/export.json", fac), StandardCharsets.UTF_8));
            assertEquals("factorspel-archive", archive.getString("format"));
            byte[] photo = server.getBytes(base + "/tables/1/rounds/2.png", fac);
            assertEquals((byte) 0x89, photo[0]);
            assertEquals('P', photo[1]);
            assertEquals("%PDF", new String(server.getBytes(base + "/tables/2/rounds/1.pdf", fac), 0, 4, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void onlyTheFacilitatorExportsAndTheProjectorAlwaysSeesThePlenary(@TempDir Path data, Vertx vertx) throws Exception {
        try (TestServer server = new TestServer(data)) {
            JsonObject w = playTwoRounds(server, vertx);
            String base = "/api/workshops/" + w.getString("workshopId");
            assertEquals(403, server.get(base + "/export.csv", w.getString("projectorToken")).status());
            assertEquals(401, server.get(base + "/export.pdf", null).status());
            JsonObject plenary = server.get(base + "/plenary", w.getString("projectorToken")).json();
            assertNotNull(plenary.getJsonArray("factors"), plenary.encode());
            assertFalse(plenary.getJsonArray("factors").isEmpty());
            assertEquals(404, server.get(base + "/tables/1/rounds/9.png", w.getString("facilitatorToken")).status());
        }
    }

    @Test
    void participantsReadThePlenaryOnlyOnceTheFacilitatorShowsIt(@TempDir Path data, Vertx vertx) throws Exception {
        try (TestServer server = new TestServer(data)) {
            JsonObject w = playTwoRounds(server, vertx);
            String base = "/api/workshops/" + w.getString("workshopId");
            String participant = server.join(w.getString("joinCode"), "Pieter", 1, "observer").getString("token");
            TestServer.Response during = server.get(base + "/plenary", participant);
            assertEquals(403, during.status(), during.body());
            assertEquals("plenary_not_shown", during.errorCode());
            assertFalse(during.body().contains("Uitleg tafel"), "no explanation leaks in the refusal");
            assertEquals(200, server.get(base + "/plenary", w.getString("facilitatorToken")).status());
            assertEquals(200, server.get(base + "/plenary", w.getString("projectorToken")).status());
            try (BridgeClient fac = BridgeClient.connect(vertx, server.port(), w.getString("facilitatorToken"))) {
                fac.command(new JsonObject().put("type", "setPhase").put("workshopId", w.getString("workshopId")).put("phase", "plenary"));
            }
            TestServer.Response shown = server.get(base + "/plenary", participant);
            assertEquals(200, shown.status(), shown.body());
            assertTrue(shown.body().contains("Uitleg tafel 2"), "in the plenary every table's explanations are there for everyone");
        }
    }

    @Test
    void anArchiveImportedIntoAFreshServerGivesTheSameWorkshopAndTheSameExports(@TempDir Path one, @TempDir Path two, Vertx vertx) throws Exception {
        byte[] archive;
        String csvBefore;
        String tablesBefore;
        JsonObject w;
        try (TestServer server = new TestServer(one)) {
            w = playTwoRounds(server, vertx);
            String base = "/api/workshops/" + w.getString("workshopId");
            archive = server.getBytes(base + "/export.json", w.getString("facilitatorToken"));
            csvBefore = unzip(server.getBytes(base + "/export.csv", w.getString("facilitatorToken"))).get("placements.csv");
            tablesBefore = server.get(base, w.getString("facilitatorToken")).json().getJsonArray("tables").encode();
        }
        try (TestServer fresh = new TestServer(two)) {
            HttpResponse<String> imported = fresh.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fresh.port() + "/api/workshops/import"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(archive)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, imported.statusCode(), imported.body());
            JsonObject copy = new JsonObject(imported.body());
            assertNotEquals(w.getString("workshopId"), copy.getString("workshopId"), "an import is a new workshop with its own id");
            String base = "/api/workshops/" + copy.getString("workshopId");
            String token = copy.getString("facilitatorToken");
            assertEquals(tablesBefore, fresh.get(base, token).json().getJsonArray("tables").encode());
            assertEquals(csvBefore.replace(w.getString("workshopId"), copy.getString("workshopId")),
                    unzip(fresh.getBytes(base + "/export.csv", token)).get("placements.csv"));
            assertEquals("unknown_token", fresh.get(base, w.getString("facilitatorToken")).errorCode(),
                    "the archive's tokens open nothing here");
            HttpResponse<String> again = fresh.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fresh.port() + "/api/workshops/import"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(archive)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, again.statusCode(), "importing the same archive again makes another workshop");
            assertNotEquals(copy.getString("workshopId"), new JsonObject(again.body()).getString("workshopId"));

            String tampered = new String(archive, StandardCharsets.UTF_8).replace("Advies tafel 1 ronde 1", "Advies tafel 1 ronde X");
            TestServer.Response refused = fresh.post("/api/workshops/import", tampered, null);
            assertEquals(400, refused.status());
            assertEquals("invalid_archive", refused.errorCode());
        }
    }

    @Test
    void eachExportFileDownloadsOnItsOwnAsCsvAndTheZipUnderItsOwnName(@TempDir Path data, Vertx vertx) throws Exception {
        try (TestServer server = new TestServer(data)) {
            JsonObject w = playTwoRounds(server, vertx);
            String base = "/api/workshops/" + w.getString("workshopId");
            String fac = w.getString("facilitatorToken");
            Map<String, String> zip = unzip(server.getBytes(base + "/export.zip", fac));
            assertEquals(unzip(server.getBytes(base + "/export.csv", fac)), zip, "export.csv stays the same zip");
            for (String file : java.util.List.of("placements.csv", "events.csv", "matrix.csv", "participants.csv")) {
                HttpResponse<byte[]> one = server.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + base + "/export/" + file))
                        .header("Authorization", "Bearer " + fac).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, one.statusCode(), file);
                assertTrue(one.headers().firstValue("Content-Type").orElse("").startsWith("text/csv; charset=utf-8"), file);
                assertEquals(zip.get(file), new String(one.body(), StandardCharsets.UTF_8), file);
            }
            String pseudonymised = new String(server.getBytes(base + "/export/participants.csv?pseudonymise=true", fac), StandardCharsets.UTF_8);
            assertFalse(pseudonymised.contains("Tafel een"), pseudonymised);
            assertTrue(pseudonymised.contains("P01"));
            assertEquals(404, server.get(base + "/export/secrets.csv", fac).status());
            assertEquals(403, server.get(base + "/export/placements.csv", w.getString("projectorToken")).status());
            assertEquals(401, server.get(base + "/export/placements.csv", null).status());
        }
    }

    @Test
    void aPseudonymisedArchiveHasKeysInsteadOfNamesNoTokenHashAndStillImports(@TempDir Path one, @TempDir Path two, Vertx vertx) throws Exception {
        byte[] archive;
        JsonObject w;
        try (TestServer server = new TestServer(one)) {
            w = playTwoRounds(server, vertx);
            archive = server.getBytes("/api/workshops/" + w.getString("workshopId") + "/export.json?pseudonymise=true", w.getString("facilitatorToken"));
        }
        String text = new String(archive, StandardCharsets.UTF_8);
        assertFalse(text.contains("Tafel een") || text.contains("Tafel twee"), "no names");
        assertFalse(text.matches("(?s).*\"[a-zA-Z]*[tT]okenHash\":\"[0-9a-f]{64}\".*"), "no token hash");
        assertTrue(text.contains("\"name\":\"P01\""));
        try (TestServer fresh = new TestServer(two)) {
            HttpResponse<String> imported = fresh.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fresh.port() + "/api/workshops/import"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(archive)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, imported.statusCode(), imported.body());
            JsonObject copy = new JsonObject(imported.body());
            assertNotEquals(w.getString("workshopId"), copy.getString("workshopId"), "an import is always a new workshop");
            assertEquals(200, fresh.get("/api/workshops/" + copy.getString("workshopId"), copy.getString("facilitatorToken")).status(),
                    "the import's own, new facilitator token opens it");
            assertEquals(401, fresh.get("/api/workshops/" + copy.getString("workshopId"), w.getString("facilitatorToken")).status(),
                    "the original secret did not travel with the pseudonymised archive");
        }
    }

    @Test
    void aStudyPutsWorkshopsTogetherForTheirFacilitatorsOrTheOperator(@TempDir Path data, Vertx vertx) throws Exception {
        try (TestServer server = new TestServer(data, Map.of("operator-token", "operator-secret-for-tests"))) {
            JsonObject a = playTwoRounds(server, vertx);
            JsonObject b = playTwoRounds(server, vertx);
            JsonObject body = new JsonObject().put("workshops", new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("workshopId", a.getString("workshopId")).put("token", a.getString("facilitatorToken")))
                    .add(new JsonObject().put("workshopId", b.getString("workshopId")).put("token", b.getString("facilitatorToken"))));
            HttpResponse<byte[]> study = server.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/study.zip"))
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode())).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, study.statusCode(), new String(study.body(), StandardCharsets.UTF_8));
            String placements = unzip(study.body()).get("placements.csv");
            assertTrue(placements.contains(a.getString("workshopId")) && placements.contains(b.getString("workshopId")));
            assertTrue(unzip(study.body()).get("matrix.csv").contains(b.getString("workshopId") + "_t2r2"));

            JsonObject mixed = body.copy();
            mixed.getJsonArray("workshops").getJsonObject(1).put("token", a.getString("facilitatorToken"));
            assertEquals(403, server.post("/api/study.zip", mixed.encode(), null).status(), "a's token does not open b");
            JsonObject bare = new JsonObject().put("workshops", new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("workshopId", a.getString("workshopId")))
                    .add(new JsonObject().put("workshopId", b.getString("workshopId"))));
            assertEquals(401, server.post("/api/study.zip", bare.encode(), null).status());
            assertEquals(200, server.post("/api/study.zip", bare.encode(), "operator-secret-for-tests").status(), "the operator opens every workshop");
            assertEquals(404, server.post("/api/study.zip", new JsonObject().put("workshops", new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("workshopId", "nope"))).encode(), "operator-secret-for-tests").status());
            assertEquals(400, server.post("/api/study.zip", "{}", "operator-secret-for-tests").status());
        }
    }

    @Test
    void theFacilitatorIsToldWhenTheWorkshopExpiresAndKeepsItLonger(@TempDir Path data, Vertx vertx) throws Exception {
        try (TestServer server = new TestServer(data, Map.of("retention-days", "14"))) {
            JsonObject w = server.createWorkshop(1);
            String base = "/api/workshops/" + w.getString("workshopId");
            JsonObject before = server.get(base + "/retention", w.getString("facilitatorToken")).json();
            assertEquals(14, before.getInteger("retentionDays"));
            assertEquals(java.time.Instant.parse(before.getString("lastChangeAt")).plus(java.time.Duration.ofDays(14)),
                    java.time.Instant.parse(before.getString("expiresAt")));
            assertEquals(403, server.get(base + "/retention", w.getString("projectorToken")).status());
            Thread.sleep(20);
            try (BridgeClient fac = BridgeClient.connect(vertx, server.port(), w.getString("facilitatorToken"))) {
                fac.command(new JsonObject().put("type", "keepWorkshop").put("workshopId", w.getString("workshopId")));
            }
            JsonObject after = server.get(base + "/retention", w.getString("facilitatorToken")).json();
            assertTrue(java.time.Instant.parse(after.getString("expiresAt")).isAfter(java.time.Instant.parse(before.getString("expiresAt"))),
                    before + " then " + after);
        }
    }
}
