package nl.factorspel.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Who may open workshops, what the operator may do, and whose address a per-address limit counts, over real HTTP. */
class GateHttpTest {

    static final String OPERATOR = "operator-secret-0123456789";
    static final String CREATE = new JsonObject().put("title", "Buitendienst").put("deckId", "llo-factoren").put("tables", 1)
            .put("roundMinutes", 15).put("language", "nl").encode();

    /** A POST as it arrives through a proxy that says it forwards for {@code forwardedFor} (none when null). */
    static ApiClient.Response post(TestServer server, String path, String body, String token, String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        HttpResponse<String> r = server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new ApiClient.Response(r.statusCode(), r.body());
    }

    @Test
    void oneAddressOpensOnlySoManyWorkshopsAnHourWhileTheOperatorIsNotCounted(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data, Map.of("creations-per-hour", "5", "operator-token", OPERATOR))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(201, server.post("/api/workshops", CREATE, null).status());
            }
            ApiClient.Response refused = server.post("/api/workshops", CREATE, null);
            assertEquals(429, refused.status(), refused.body());
            assertEquals("rate_limited", refused.errorCode());
            ApiClient.Response imported = server.post("/api/workshops/import", "{}", null);
            assertEquals("rate_limited", imported.errorCode(), "an import opens a workshop too: " + imported.body());
            assertEquals(201, server.post("/api/workshops", CREATE, OPERATOR).status());
            assertEquals(6, server.get("/api/admin/workshops", OPERATOR).json().getJsonArray("workshops").size());
        }
    }

    @Test
    void whenCreationIsRestrictedOnlyTheOperatorTokenOpensWorkshops(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data, Map.of("create-requires-token", "true", "operator-token", OPERATOR))) {
            ApiClient.Response anonymous = server.post("/api/workshops", CREATE, null);
            assertEquals(403, anonymous.status());
            assertEquals("not_allowed", anonymous.errorCode());
            assertEquals(403, server.post("/api/workshops", CREATE, "not-" + OPERATOR).status());
            assertEquals(403, server.post("/api/workshops/import", "{}", null).status());
            assertEquals(201, server.post("/api/workshops", CREATE, OPERATOR).status());
        }
    }

    @Test
    void theOperatorListsAndDeletesWorkshopsAndNobodyElseDoes(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data, Map.of("operator-token", OPERATOR))) {
            JsonObject w = server.createWorkshop(2);
            String id = w.getString("workshopId");
            server.join(w.getString("joinCode"), "Ilse", 1, "interviewer");
            assertEquals("no_token", server.get("/api/admin/workshops", null).errorCode());
            assertEquals("unknown_token", server.get("/api/admin/workshops", w.getString("facilitatorToken")).errorCode());
            assertEquals(401, server.delete("/api/admin/workshops/" + id, w.getString("facilitatorToken")).status());

            JsonArray list = server.get("/api/admin/workshops", OPERATOR).json().getJsonArray("workshops");
            assertEquals(1, list.size());
            JsonObject listed = list.getJsonObject(0);
            assertEquals(id, listed.getString("workshopId"));
            assertEquals("Buitendienst", listed.getString("title"));
            assertEquals("lobby", listed.getString("phase"));
            assertEquals(2, listed.getInteger("tables"));
            assertEquals(1, listed.getInteger("participants"));
            assertFalse(list.encode().contains("oken"), "no tokens or token hashes in the list");

            assertEquals(204, server.delete("/api/admin/workshops/" + id, OPERATOR).status());
            assertEquals(401, server.get("/api/workshops/" + id, w.getString("facilitatorToken")).status());
            assertTrue(server.get("/api/admin/workshops", OPERATOR).json().getJsonArray("workshops").isEmpty());
            assertEquals("unknown_workshop", server.delete("/api/admin/workshops/" + id, OPERATOR).errorCode());
        }
    }

    @Test
    void withoutAnOperatorTokenConfiguredTheAdminRoutesAreClosed(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            ApiClient.Response r = server.get("/api/admin/workshops", "anything");
            assertEquals(403, r.status());
            assertEquals("not_allowed", r.errorCode());
        }
    }

    static final String JOIN = new JsonObject().put("joinCode", "WRONGCOD").put("name", "Gok").encode();

    @Test
    void behindATrustedProxyEachClientHasItsOwnJoinLimit(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data, Map.of("joins-per-minute", "3", "trusted-proxies", "127.0.0.1, 10.0.0.0/8"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(404, post(server, "/api/join", JOIN, null, "203.0.113.7").status(), "a wrong code, counted");
            }
            assertEquals(429, post(server, "/api/join", JOIN, null, "203.0.113.7").status(), "the guesser is limited");
            assertEquals(429, post(server, "/api/join", JOIN, null, "198.51.100.9, 203.0.113.7").status(),
                    "an address the client put in front of its own is not believed");
            assertEquals(429, post(server, "/api/join", JOIN, null, "203.0.113.7, 10.1.2.3").status(),
                    "a trusted inner proxy (10.1.2.3) is looked through to the client");
            assertEquals(404, post(server, "/api/join", JOIN, null, "203.0.113.8").status(), "another person in the room is not blocked");
            assertEquals(404, post(server, "/api/join", JOIN, null, "2001:db8::1").status());
        }
    }

    @Test
    void fromAnUntrustedPeerXForwardedForIsIgnored(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data, Map.of("joins-per-minute", "3", "trusted-proxies", "10.0.0.0/8"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(404, post(server, "/api/join", JOIN, null, "203.0.113." + i).status());
            }
            assertEquals(429, post(server, "/api/join", JOIN, null, "203.0.113.99").status(),
                    "the peer 127.0.0.1 is no trusted proxy, so a header of its own choosing changes nothing");
        }
    }

    @Test
    void aMalformedTrustedProxiesSettingStopsTheStart(@TempDir Path data) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.forTests(data).with(Map.of("trusted-proxies", "10.0.0.0/8, proxy.example.org")));
        assertTrue(e.getMessage().contains("proxy.example.org"), e.getMessage());
    }

    /** The answer must be the protocol's JSON error with this status and code. */
    static void jsonError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertEquals(code, new JsonObject(r.body()).getJsonObject("error").getString("code"), r.body());
    }

    @Test
    void everyFailureOfTheApiIsAJsonError(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpResponse.BodyHandler<String> text = HttpResponse.BodyHandlers.ofString();
            jsonError(server.http.send(HttpRequest.newBuilder(base.resolve("/api/nothing")).GET().build(), text), 404, "not_found");
            jsonError(server.http.send(HttpRequest.newBuilder(base.resolve("/api/workshops")).PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), text),
                    404, "not_found");
            String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
            jsonError(server.http.send(HttpRequest.newBuilder(base.resolve("/api/join")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(big)).build(), text), 413, "too_large");
            jsonError(server.http.send(HttpRequest.newBuilder(base.resolve("/api/join")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), text), 400, "bad_value");
            HttpResponse<String> page = server.http.send(HttpRequest.newBuilder(base.resolve("/join.html")).GET().build(), text);
            assertEquals(200, page.statusCode(), "the web client's pages are still served");
        }
    }

    @Test
    void pagesAreHeldToOurOwnOriginAndNeverFramed(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            for (String path : List.of("/", "/index.html", "/join.html", "/table.html", "/facilitator.html", "/projector.html", "/api/decks")) {
                HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path);
                String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
                for (String directive : List.of("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'")) {
                    assertTrue(csp.contains(directive), path + " has " + directive + ": " + csp);
                }
                assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
                assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
            }
            HttpResponse<String> sockjs = server.http.send(HttpRequest.newBuilder(base.resolve("/eventbus/info")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, sockjs.statusCode());
            assertTrue(sockjs.headers().firstValue("Content-Security-Policy").isEmpty(), "SockJS's fallback transports keep working");
        }
    }

    @Test
    void noPageOfTheWebClientHasInlineScriptStyleOrEventHandlers() throws Exception {
        java.util.regex.Pattern inline = java.util.regex.Pattern.compile(
                "<script(?![^>]*\\ssrc=)[^>]*>|<style|\\sstyle\\s*=|\\son[a-z]+\\s*=|javascript:", java.util.regex.Pattern.CASE_INSENSITIVE);
        for (String page : List.of("index.html", "join.html", "table.html", "facilitator.html", "projector.html")) {
            try (var in = getClass().getClassLoader().getResourceAsStream("webroot/" + page)) {
                assertNotNull(in, page + " is on the classpath");
                String html = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                java.util.regex.Matcher m = inline.matcher(html);
                if (m.find()) {
                    fail(page + " has something the Content-Security-Policy blocks: " + m.group());
                }
            }
        }
    }
}
