package nl.factorspel.server;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The example script of docs/protocol.md, written from the docs alone, plays a full table. */
class ProtocolScriptTest {

    @Test
    void theDocumentedExampleScriptPlaysAFullTableThroughThePublicProtocol(@TempDir Path data) throws Exception {
        try (TestServer server = new TestServer(data)) {
            ProcessBuilder pb = new ProcessBuilder(List.of("node", "../docs/examples/play-table.mjs", "http://127.0.0.1:" + server.port()))
                    .redirectErrorStream(true);
            pb.environment().put("NODE_PATH", Path.of("../web-client/node_modules").toAbsolutePath().toString());
            Process node = pb.start();
            assertTrue(node.waitFor(90, TimeUnit.SECONDS), "the script finishes");
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, node.exitValue(), out);
            String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
            JsonObject result = new JsonObject(last);
            assertEquals(30, result.getInteger("tableEvents"), out);
            assertEquals(30, result.getInteger("lastSeq"));
            assertEquals(30, result.getInteger("eventsSeenLive"), "every event reached a live client");
            assertEquals(3, result.getInteger("factorsLaid"));
            assertTrue(result.getInteger("csvZipBytes") > 1000);
        }
    }
}
