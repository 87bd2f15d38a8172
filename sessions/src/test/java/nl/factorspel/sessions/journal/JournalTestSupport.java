package nl.factorspel.sessions.journal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Builds journal lines independently of the production code. */
final class JournalTestSupport {

    private JournalTestSupport() {
    }

    /** {@code <crc32c hex> <record>\n} */
    static String line(String record) {
        CRC32C crc = new CRC32C();
        crc.update(record.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x %s", crc.getValue(), record) + "\n";
    }
}
