package nl.factorspel.server;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/** A real Factorspel server on a random port with its own data folder, and a plain HTTP client for it. */
final class TestServer implements AutoCloseable {

    final FactorspelServer server;
    final HttpClient http = HttpClient.newHttpClient();

    /** The answer to a request: status and body. */
    record Response(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }

        String errorCode() {
            return json().getJsonObject("error").getString("code");
        }
    }

    TestServer(Path data) throws Exception {
        this(ServerConfig.forTests(data));
    }

    TestServer(Path data, Map<String, String> settings) throws Exception {
        this(ServerConfig.forTests(data).with(settings));
    }

    TestServer(ServerConfig config) throws Exception {
        this(config, java.time.Clock.systemUTC());
    }

    TestServer(ServerConfig config, java.time.Clock clock) throws Exception {
        server = new FactorspelServer(config, clock).start();
    }

    int port() {
        return server.port();
    }

    Response get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    byte[] getBytes(String path, String token) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<byte[]> response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body();
    }

    Response post(String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** Creates a workshop with the LLO deck; answers {workshopId, joinCode, facilitatorToken, projectorToken}. */
    JsonObject createWorkshop(int tables) throws Exception {
        Response r = post("/api/workshops", new JsonObject().put("title", "Buitendienst").put("deckId", "llo-factoren")
                .put("tables", tables).put("roundMinutes", 15).put("language", "nl").encode(), null);
        if (r.status() != 201) {
            throw new AssertionError("create answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    /** Joins; answers {workshopId, participantId, token, table, role, seat}. */
    JsonObject join(String joinCode, String name, int table, String role) throws Exception {
        Response r = post("/api/join", new JsonObject().put("joinCode", joinCode).put("name", name).put("table", table)
                .put("role", role).encode(), null);
        if (r.status() != 200) {
            throw new AssertionError("join answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    @Override
    public void close() {
        server.stop();
    }
}
