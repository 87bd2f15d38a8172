package nl.factorspel.sessions.journal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The record line of an events.log, written: {@code <crc32c as 8 lowercase hex digits> <record>\n}, with every
 * record checked first (single-line, valid UTF-16). {@link LogScan} reads the same lines back.
 */
final class RecordFormat {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private RecordFormat() {
    }

    /** Frames records as {@code <crc32c hex> <record>\n} lines. */
    static byte[] encode(Object[] records) {
        byte[][] bodies = new byte[records.length][];
        long total = 0;
        for (int i = 0; i < records.length; i++) {
            if (!(records[i] instanceof String record)) {
                throw new IllegalArgumentException("record " + i + " is " + (records[i] == null ? "null" : "not a String"));
            }
            checkRecord(record, i);
            bodies[i] = record.getBytes(StandardCharsets.UTF_8);
            total += bodies[i].length + 10L;
        }
        if (total > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("records too large for one append: " + total + " bytes");
        }
        byte[] out = new byte[(int) total];
        CRC32C crc = new CRC32C();
        int pos = 0;
        for (byte[] body : bodies) {
            crc.reset();
            crc.update(body);
            long value = crc.getValue();
            for (int i = 7; i >= 0; i--) {
                out[pos + i] = HEX[(int) (value & 0xF)];
                value >>>= 4;
            }
            out[pos + 8] = ' ';
            System.arraycopy(body, 0, out, pos + 9, body.length);
            pos += 9 + body.length;
            out[pos++] = '\n';
        }
        return out;
    }

    private static void checkRecord(String record, int index) {
        int n = record.length();
        for (int i = 0; i < n; i++) {
            char c = record.charAt(i);
            if (c == '\n') {
                throw new IllegalArgumentException("record " + index + " contains a newline; records must be single-line JSON");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(record.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException("record " + index + " contains an unpaired surrogate at char " + i);
                }
            }
        }
    }
}
