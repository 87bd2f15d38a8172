package nl.factorspel.server.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member's tombstones live as long as the retention period, then leave its file: the list does not grow without end. */
class LocalTombstonesTest {

    @TempDir
    Path data;

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration LIFE = Duration.ofDays(30);

    static LocalTombstones at(Path data, Instant now) {
        return new LocalTombstones(data, Clock.fixed(now, ZoneOffset.UTC), LIFE);
    }

    @Test
    void aTombstoneLivesForTheRetentionPeriodAndThenLeavesTheFile() throws Exception {
        at(data, T0).add("w1", "d1");
        at(data, T0.plus(Duration.ofDays(10))).add("w2", "d2");

        LocalTombstones day20 = at(data, T0.plus(Duration.ofDays(20)));
        assertEquals(2, day20.read().size(), "both alive on day 20");
        assertEquals(Duration.ofDays(10), day20.remaining(day20.read().get("w1")), "w1 has ten days left");

        LocalTombstones day35 = at(data, T0.plus(Duration.ofDays(35)));
        assertEquals(java.util.Set.of("w2"), day35.read().keySet(), "w1 expired on day 30");
        String file = Files.readString(data.resolve("cluster").resolve("tombstones"), StandardCharsets.UTF_8);
        assertFalse(file.contains("w1"), "and left the file: " + file);
        assertTrue(file.contains("w2 d2 "), file);
    }

    @Test
    void aLineWithoutATimeCountsFromWhenItIsFirstRead() throws Exception {
        Path file = data.resolve("cluster").resolve("tombstones");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old digest\n", StandardCharsets.UTF_8);

        assertEquals(LIFE, at(data, T0).remaining(at(data, T0).read().get("old")), "a full life from the first read");
        assertTrue(Files.readString(file).startsWith("old digest " + T0.getEpochSecond()), "the time is written down");
        assertTrue(at(data, T0.plus(LIFE).plusSeconds(1)).read().isEmpty(), "and it expires a retention period later");
    }
}
