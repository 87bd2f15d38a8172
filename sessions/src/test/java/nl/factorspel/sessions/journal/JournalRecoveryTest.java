package nl.factorspel.sessions.journal;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link Journal#read} does with damaged event files. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JournalRecoveryTest {

    @TempDir
    Path data;

    private final List<String> five = IntStream.rangeClosed(1, 5).mapToObj(i -> "{\"n\":" + i + ",\"t\":\"\u00e9\"}")
            .collect(Collectors.toList());
    private Path log;

    @BeforeEach
    void writeFiveRecords() throws Exception {
        try (Journal journal = new Journal(data)) {
            journal.append("w", five.subList(0, 2)).get(5, TimeUnit.SECONDS);
            journal.append("w", five.subList(2, 5)).get(5, TimeUnit.SECONDS);
            journal.append("other", List.of("{\"o\":1}")).get(5, TimeUnit.SECONDS);
        }
        log = data.resolve("workshops/w/events.log");
        assertEquals(lines(five), Files.readString(log));
    }

    private static String lines(List<String> records) {
        return records.stream().map(JournalTestSupport::line).collect(Collectors.joining());
    }

    private void appendRaw(byte[] bytes) throws IOException {
        Files.write(log, bytes, StandardOpenOption.APPEND);
    }

    private void appendRaw(String text) throws IOException {
        appendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads, checks the five records survived and the file was cut back, then checks a new append is clean. */
    private void assertTailCutAndLaterAppendClean() throws Exception {
        try (Journal journal = new Journal(data)) {
            assertEquals(five, journal.read("w").records());
            assertEquals(lines(five), Files.readString(log), "the damaged tail is truncated off the file");
            journal.append("w", List.of("{\"n\":6}")).get(5, TimeUnit.SECONDS);
        }
        List<String> six = new ArrayList<>(five);
        six.add("{\"n\":6}");
        assertEquals(lines(six), Files.readString(log), "an append after the cut produces a clean file");
        try (Journal journal = new Journal(data)) {
            assertEquals(six, journal.read("w").records());
        }
    }

    @Test
    void halfLineOfGarbageBytesAtTheEndIsCutAndEverythingBeforeSurvives() throws Exception {
        appendRaw(new byte[] {'3', 'f', 'a', '9', 0, (byte) 0xff, (byte) 0xc3, 0x28, 'x'});
        assertTailCutAndLaterAppendClean();
    }

    @Test
    void lastLineWithoutItsNewlineIsCut() throws Exception {
        String full = JournalTestSupport.line("{\"n\":99}");
        appendRaw(full.substring(0, full.length() - 1)); // checksum is right, only the newline is missing
        assertTailCutAndLaterAppendClean();
    }

    @Test
    void badChecksumOnTheLastLineIsCut() throws Exception {
        String good = JournalTestSupport.line("{\"n\":99}");
        appendRaw((good.charAt(0) == '0' ? "1" : "0") + good.substring(1));
        assertTailCutAndLaterAppendClean();
    }

    @Test
    void badFramingOnTheLastLineIsCut() throws Exception {
        appendRaw("not a journal line\n");
        assertTailCutAndLaterAppendClean();
    }

    @Test
    void zeroFilledTailLeftByALostWriteIsCut() throws Exception {
        appendRaw(new byte[4096]);
        assertTailCutAndLaterAppendClean();
    }

    @Test
    void severalDamagedLinesWithNothingValidAfterThemAreCutTogether() throws Exception {
        appendRaw("00000000 {\"n\":99}\n" + "zz\n" + JournalTestSupport.line("{\"n\":100}").substring(0, 12));
        assertTailCutAndLaterAppendClean();
    }

    @Test
    void tornTailIsCutEvenWhenAppendingWithoutReadingFirst() throws Exception {
        appendRaw("0123abcd {\"torn\":");
        try (Journal journal = new Journal(data)) {
            journal.append("w", List.of("{\"n\":6}")).get(5, TimeUnit.SECONDS);
        }
        List<String> six = new ArrayList<>(five);
        six.add("{\"n\":6}");
        assertEquals(lines(six), Files.readString(log));
    }

    @Test
    void cuttingATornTailIsLoggedAtWarnWithFileAndOffset() throws Exception {
        appendRaw("0123abcd {\"torn\":");
        long offset = lines(five).getBytes(StandardCharsets.UTF_8).length;
        org.apache.logging.log4j.core.Logger logger =
                (org.apache.logging.log4j.core.Logger) LogManager.getLogger(Journal.class);
        List<LogEvent> events = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("journal-test-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        capture.start();
        Level level = logger.getLevel();
        logger.addAppender(capture);
        logger.setLevel(Level.WARN);
        try (Journal journal = new Journal(data)) {
            journal.read("w");
        } finally {
            logger.removeAppender(capture);
            logger.setLevel(level);
            capture.stop();
        }
        List<LogEvent> warnings = events.stream().filter(e -> e.getLevel() == Level.WARN).collect(Collectors.toList());
        assertEquals(1, warnings.size(), events.toString());
        String message = warnings.get(0).getMessage().getFormattedMessage();
        assertTrue(message.contains(log.toString()), message);
        assertTrue(message.contains("byte offset " + offset), message);
    }

    @Test
    void corruptRecordInTheMiddleThrowsNamingFileAndOffsetAndLeavesTheFileAlone() throws Exception {
        byte[] before = Files.readAllBytes(log);
        byte[] damaged = before.clone();
        long third = lines(five.subList(0, 2)).getBytes(StandardCharsets.UTF_8).length;
        damaged[(int) third + 12] ^= 0x01; // one flipped bit inside the third record
        Files.write(log, damaged);

        try (Journal journal = new Journal(data)) {
            JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> journal.read("w"));
            assertEquals(log, e.file());
            assertEquals(third, e.offset());
            assertTrue(e.getMessage().contains(log.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("byte offset " + third), e.getMessage());
            assertTrue(e.getMessage().contains("bad checksum"), e.getMessage());
            assertArrayEquals(damaged, Files.readAllBytes(log), "nothing is truncated when valid data follows");

            assertEquals(List.of("{\"o\":1}"), journal.read("other").records(), "other workshops still read");
        }
    }

    @Test
    void badFramingInTheMiddleIsCorruptionNotATornTail() throws Exception {
        String content = Files.readString(log);
        String upper = content.substring(0, 8).toUpperCase();
        if (upper.equals(content.substring(0, 8))) {
            upper = "g" + upper.substring(1); // no letters in that checksum: use a non-hex digit
        }
        Files.writeString(log, upper + content.substring(8));
        try (Journal journal = new Journal(data)) {
            JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> journal.read("w"));
            assertEquals(0, e.offset());
            assertTrue(e.getMessage().contains("bad framing"), e.getMessage());
        }
    }

    @Test
    void appendsToAWorkshopWithCorruptionInTheMiddleFailButOtherWorkshopsWork() throws Exception {
        byte[] damaged = Files.readAllBytes(log);
        damaged[3] = 'x';
        Files.write(log, damaged);
        try (Journal journal = new Journal(data)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> journal.append("w", List.of("{\"n\":6}")).get(5, TimeUnit.SECONDS));
            assertInstanceOf(JournalCorruptException.class, e.getCause());
            journal.append("other", List.of("{\"o\":2}")).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("{\"o\":1}", "{\"o\":2}"), journal.read("other").records());
        }
        assertEquals(Arrays.toString(damaged), Arrays.toString(Files.readAllBytes(log)), "the damaged file is not appended to");
    }

    @Test
    void corruptRecordBeforeTheSnapshotIsStillReported() throws Exception {
        try (Journal journal = new Journal(data)) {
            journal.writeSnapshot("w", 4, "{\"upTo\":4}");
            assertEquals(five.subList(4, 5), journal.read("w").records());
        }
        byte[] damaged = Files.readAllBytes(log);
        damaged[12] ^= 0x02;
        Files.write(log, damaged);
        try (Journal journal = new Journal(data)) {
            JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> journal.read("w"));
            assertEquals(0, e.offset());
        }
    }
}
