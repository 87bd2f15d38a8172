package nl.factorspel.server;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client for the API of one server on loopback, as a script would use it. */
public class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The answer to a request: status and body. */
    public record Response(int status, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public String errorCode() {
            return json().getJsonObject("error").getString("code");
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter ASCII = nl.factorspel.sessions.workshop.WorkshopJson.MAPPER.writer()
            .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII);

    /**
     * JSON text with every character outside ASCII written as a JSON escape (backslash, u, four hex digits), as a browser's
     * {@code JSON.stringify} writes an unpaired surrogate: so that a test can send any Java string, even one
     * that no UTF-8 encoder would carry.
     */
    public static String ascii(JsonObject json) {
        try {
            return ASCII.writeValueAsString(nl.factorspel.sessions.workshop.WorkshopJson.MAPPER.readTree(json.encode()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public Response get(String path, String token) throws Exception {
        HttpResponse<String> r = http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    public Response delete(String path, String token) throws Exception {
        HttpResponse<String> r = http.send(request(path, token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** A download that must succeed (an export). */
    public byte[] getBytes(String path, String token) throws Exception {
        HttpResponse<byte[]> response = http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " on " + port + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    public Response post(String path, String body, String token) throws Exception {
        HttpRequest r = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** Creates a workshop with the LLO deck; answers {workshopId, joinCode, facilitatorToken, projectorToken}. */
    public JsonObject createWorkshop(int tables) throws Exception {
        Response r = post("/api/workshops", new JsonObject().put("title", "Buitendienst").put("deckId", "llo-factoren")
                .put("tables", tables).put("roundMinutes", 15).put("language", "nl").encode(), null);
        if (r.status() != 201) {
            throw new AssertionError("create answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    /** Joins; answers {workshopId, participantId, token, table, role, seat}. */
    public JsonObject join(String joinCode, String name, int table, String role) throws Exception {
        Response r = post("/api/join", new JsonObject().put("joinCode", joinCode).put("name", name).put("table", table)
                .put("role", role).encode(), null);
        if (r.status() != 200) {
            throw new AssertionError("join answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }
}
