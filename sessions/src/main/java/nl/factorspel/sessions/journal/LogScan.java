package nl.factorspel.sessions.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * What a scan of an events.log found: its valid records, where the valid part ends, and the first damaged line
 * if any. {@link #scan} reads the lines {@link RecordFormat} writes, in one streaming pass.
 */
final class LogScan {

    private static final int READ_CHUNK_BYTES = 64 * 1024;

    final List<String> records = new ArrayList<>();
    long recordCount;     // valid records before the first damaged line
    long goodEnd;         // byte offset just past the last valid record
    long fileSize;
    long badOffset = -1;  // start of the first damaged line; -1 when the whole file is valid
    String badReason;

    boolean torn() {
        return badOffset >= 0;
    }

    /**
     * Checks every line of {@code log}. Valid records from index {@code skip} on are collected when
     * {@code collect}. A damaged line followed by a valid one throws; damaged lines at the end are reported as
     * a torn tail (not cut here).
     */
    static LogScan scan(Path log, long skip, boolean collect) throws IOException, JournalCorruptException {
        return scan(log, skip, collect, new LogScan());
    }

    /** {@link #scan(Path, long, boolean)} into {@code s}, which keeps what was found when the scan throws. */
    static LogScan scan(Path log, long skip, boolean collect, LogScan s) throws IOException, JournalCorruptException {
        if (!Files.exists(log)) {
            return s;
        }
        LineChecker checker = new LineChecker(log, s, skip, collect);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            byte[] chunk = new byte[READ_CHUNK_BYTES];
            ByteBuffer chunkBuffer = ByteBuffer.wrap(chunk);
            byte[] carry = new byte[1024];
            int carryLen = 0;
            long chunkStart = 0;
            long lineStart = 0;
            int n;
            while ((n = ch.read(chunkBuffer.clear())) >= 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    if (carryLen == 0) {
                        checker.line(chunk, from, i - from, lineStart);
                    } else {
                        carry = ensure(carry, carryLen + (i - from));
                        System.arraycopy(chunk, from, carry, carryLen, i - from);
                        checker.line(carry, 0, carryLen + (i - from), lineStart);
                        carryLen = 0;
                    }
                    from = i + 1;
                    lineStart = chunkStart + from;
                }
                if (from < n) {
                    carry = ensure(carry, carryLen + (n - from));
                    System.arraycopy(chunk, from, carry, carryLen, n - from);
                    carryLen += n - from;
                }
                chunkStart += n;
            }
            s.fileSize = chunkStart;
            if (carryLen > 0 && s.badOffset < 0) {
                s.badOffset = lineStart;
                s.badReason = "incomplete last line (no newline)";
            }
        }
        return s;
    }

    private static byte[] ensure(byte[] array, int size) {
        if (array.length >= size) {
            return array;
        }
        return Arrays.copyOf(array, Math.max(size, array.length * 2));
    }

    /** Whether every byte is below 0x80: such bytes are valid UTF-8 and mean the same in Latin-1. */
    private static boolean ascii(byte[] a, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (a[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static final class LineChecker {
        private final Path log;
        private final LogScan scan;
        private final long skip;
        private final boolean collect;
        private final CRC32C crc = new CRC32C();
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        LineChecker(Path log, LogScan scan, long skip, boolean collect) {
            this.log = log;
            this.scan = scan;
            this.skip = skip;
            this.collect = collect;
        }

        void line(byte[] a, int off, int len, long start) throws JournalCorruptException {
            String record = null;
            String problem = null;
            long expected = 0;
            if (len < 9 || a[off + 8] != ' ') {
                problem = "bad framing";
            } else {
                for (int i = 0; i < 8 && problem == null; i++) {
                    int d = Character.digit(a[off + i], 16);
                    if (d < 0 || (a[off + i] >= 'A' && a[off + i] <= 'F')) {
                        problem = "bad framing";
                    }
                    expected = (expected << 4) | d;
                }
            }
            if (problem == null) {
                crc.reset();
                crc.update(a, off + 9, len - 9);
                if (crc.getValue() != expected) {
                    problem = "bad checksum";
                }
            }
            if (problem == null && collect && scan.recordCount >= skip) {
                if (ascii(a, off + 9, len - 9)) {
                    // most records are plain ASCII: one copy into a compact string, no decoder
                    record = new String(a, off + 9, len - 9, StandardCharsets.ISO_8859_1);
                } else {
                    try {
                        CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(a, off + 9, len - 9));
                        record = chars.toString();
                    } catch (CharacterCodingException e) {
                        problem = "not valid UTF-8";
                    }
                }
            }
            if (problem != null) {
                if (scan.badOffset < 0) {
                    scan.badOffset = start;
                    scan.badReason = problem;
                }
                return;
            }
            if (scan.badOffset >= 0) {
                throw new JournalCorruptException(String.format(
                        "corrupt record in %s at byte offset %d (%s), followed by a valid record at byte offset %d;"
                                + " the file was not changed: restore it from a backup or repair it by hand",
                        log, scan.badOffset, scan.badReason, start), log, scan.badOffset);
            }
            scan.recordCount++;
            scan.goodEnd = start + len + 1;
            if (record != null) {
                scan.records.add(record);
            }
        }
    }
}
