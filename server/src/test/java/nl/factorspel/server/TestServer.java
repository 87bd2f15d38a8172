package nl.factorspel.server;

import java.nio.file.Path;
import java.util.Map;

/** A real Factorspel server on a random port with its own data folder, and a plain HTTP client for it. */
final class TestServer extends ApiClient implements AutoCloseable {

    final FactorspelServer server;

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
        this(new FactorspelServer(config, clock).start());
    }

    private TestServer(FactorspelServer started) {
        super(started.port());
        this.server = started;
    }

    @Override
    public void close() {
        server.stop();
    }
}
