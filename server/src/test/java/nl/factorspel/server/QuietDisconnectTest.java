package nl.factorspel.server;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** A browser that goes away (a closed lid, a dropped network) is ordinary: it leaves no warning or error in the log. */
class QuietDisconnectTest {

    /** Every log event at WARN or above, from any logger. */
    static final class Warnings extends AbstractAppender {
        final List<String> seen = new CopyOnWriteArrayList<>();

        Warnings() {
            super("quiet-disconnect-test", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                seen.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
                        + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        }
    }

    /** Opens a SockJS websocket by hand, sends what {@code then} wants, and resets the connection (no close frame, no FIN). */
    static void vanish(int port, int i) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET /eventbus/" + (100 + i) + "/quiet" + i + "/websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertNotEquals(-1, b, "the upgrade was answered: " + head);
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            assertEquals(0x81, in.read(), "the SockJS open frame arrives");
            if (i % 2 == 1) {
                // Half a masked text frame: gone in the middle of a message.
                out.write(new byte[]{(byte) 0x81, (byte) (0x80 | 100), 1, 2, 3, 4, 'a', 'b', 'c'});
                out.flush();
            }
            socket.setSoLinger(true, 0);
        }
    }

    @Test
    void browsersThatVanishLeaveNoWarningOrErrorInTheLog(@TempDir Path data) throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Warnings warnings = new Warnings();
        warnings.start();
        context.getConfiguration().addAppender(warnings);
        context.getConfiguration().getRootLogger().addAppender(warnings, Level.WARN, null);
        context.updateLoggers();
        try (TestServer server = new TestServer(data)) {
            for (int i = 0; i < 20; i++) {
                vanish(server.port(), i);
            }
            Thread.sleep(1500);
            assertEquals(200, server.get("/health", null).status());
        } finally {
            context.getConfiguration().getRootLogger().removeAppender(warnings.getName());
            context.updateLoggers();
        }
        assertEquals(List.of(), warnings.seen.stream().filter(w -> !w.contains("Factorspel is stopping")).toList());
    }
}
