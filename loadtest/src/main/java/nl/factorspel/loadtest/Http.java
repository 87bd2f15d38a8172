package nl.factorspel.loadtest;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The few HTTP calls of the public API the generator makes while it sets a run up. */
final class Http {

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Http(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    /** Tries left after a retryable {@code not_ready} (a cluster member that has not caught up with a workshop yet). */
    static final int NOT_READY_TRIES = 50;

    CompletableFuture<JsonObject> post(String path, JsonObject body, int expectedStatus) {
        return post(path, body, expectedStatus, NOT_READY_TRIES);
    }

    private CompletableFuture<JsonObject> post(String path, JsonObject body, int expectedStatus, int tries) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(r -> {
            if (r.statusCode() == 503 && tries > 1 && r.body().contains("\"not_ready\"")) {
                // as the web client does: ask again quietly after Retry-After (or a tenth of a second)
                long wait = r.headers().firstValue("Retry-After").map(v -> (long) (Double.parseDouble(v) * 1000)).orElse(100L);
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(Math.max(wait, 50), TimeUnit.MILLISECONDS))
                        .thenCompose(v -> post(path, body, expectedStatus, tries - 1));
            }
            if (r.statusCode() != expectedStatus) {
                throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return CompletableFuture.completedFuture(new JsonObject(r.body()));
        });
    }

    HttpResponse<byte[]> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String getText(String path) throws IOException, InterruptedException {
        return new String(get(path, null).body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
