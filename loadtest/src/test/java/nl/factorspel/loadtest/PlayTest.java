package nl.factorspel.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.FactorspelServer;
import nl.factorspel.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator still speaks the protocol: a few seconds of two tables against a real server and
 * against the bare bridge, in-process, with nothing refused and nothing lost. It checks counts, never
 * times: the benchmark itself is run by hand (docs/benchmarks.md).
 */
class PlayTest {

    private static final Play.Settings SHORT = new Play.Settings(2, 100, 1, 4, 5, 1, "last", true, 1);

    @Test
    void playsTwoTablesAgainstFactorspelWithNothingRefusedOrLost(@TempDir Path data) throws Exception {
        FactorspelServer server = new FactorspelServer(ServerConfig.forTests(data).with(Map.of(
                "joins-per-minute", "1000", "commands-per-second", "1000", "command-burst", "1000"))).start();
        try (Play play = new Play("http://127.0.0.1:" + server.port(), SHORT)) {
            play.setUp();
            play.play(() -> { }, () -> { });
            JsonObject result = play.result();
            // stopped before the clients leave, so the test log is not flooded with presence for closing sockets
            server.stop();
            assertClean(result);
        } finally {
            server.stop();
        }
    }

    @Test
    void playsTheSameTrafficAgainstTheBareBridge() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer bare = BareBridge.start(vertx, "127.0.0.1", 0).toCompletionStage().toCompletableFuture().get();
            try (Play play = new Play("http://127.0.0.1:" + bare.actualPort(), SHORT)) {
                play.setUp();
                play.play(() -> { }, () -> { });
                assertClean(play.result());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    private static void assertClean(JsonObject r) {
        assertEquals(0, r.getLong("rejected"), () -> "refused: " + r.encodePrettily());
        assertEquals(0, r.getLong("lost"), () -> "lost: " + r.encodePrettily());
        assertEquals(0, r.getLong("lostIncludingWarmup"), () -> "lost: " + r.encodePrettily());
        assertEquals(0, r.getLong("disconnects"));
        assertEquals(0, r.getLong("refusedFrames"));
        assertEquals(0, r.getLong("seqGaps"));
        assertEquals(0, r.getLong("keyCollisions"));
        JsonObject kinds = r.getJsonObject("kinds");
        assertNotNull(kinds.getJsonObject("motion"), () -> r.encodePrettily());
        assertTrue(kinds.getJsonObject("motion").getInteger("count") > 0);
        assertTrue(r.getJsonObject("tableCommands").getInteger("count") > 0, () -> r.encodePrettily());
        // the facilitator's start of round 1 is before the window; round 2 starts in it
        assertTrue(kinds.getJsonObject("startRound").getInteger("count") > 0, () -> r.encodePrettily());
    }
}
