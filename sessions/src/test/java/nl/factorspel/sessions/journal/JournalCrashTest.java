package nl.factorspel.sessions.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills a JVM that is appending (SIGKILL, via {@link Process#destroyForcibly()}) and checks that every record it
 * acknowledged is in the journal afterwards, in order, with any torn tail cut off. Three kill/restart rounds on
 * the same folder, so later rounds also exercise recovery of what an earlier kill left.
 */
class JournalCrashTest {

    private static final int ROUNDS = 3;
    private static final long ACK_DEADLINE_MILLIS = 40_000;

    @TempDir
    Path data;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyAcknowledgedRecordSurvivesAKillOfTheWritingProcess() throws Exception {
        Map<String, Long> acked = new TreeMap<>();
        for (String ws : JournalCrashWriter.WORKSHOPS) {
            acked.put(ws, 0L);
        }
        for (int round = 1; round <= ROUNDS; round++) {
            int target = 200 + ThreadLocalRandom.current().nextInt(200);
            int acks = runAndKill(target, acked);
            Map<String, Long> present = verify(acked);
            System.out.printf("crash round %d: killed after %d acks; acknowledged up to %s, journal holds up to %s%n",
                    round, acks, acked, present);
        }
        // After the last kill: recovery leaves a clean file that takes new appends.
        try (Journal journal = new Journal(data)) {
            for (String ws : JournalCrashWriter.WORKSHOPS) {
                journal.read(ws);
                journal.append(ws, List.of("{\"after\":true}")).get(5, TimeUnit.SECONDS);
            }
        }
        try (Journal journal = new Journal(data)) {
            for (String ws : JournalCrashWriter.WORKSHOPS) {
                Path log = data.resolve("workshops").resolve(ws).resolve("events.log");
                long size = Files.size(log);
                List<String> records = journal.read(ws).records();
                assertEquals("{\"after\":true}", records.get(records.size() - 1));
                assertEquals(size, Files.size(log), "nothing left to cut in " + ws);
            }
        }
    }

    /** Starts the writer JVM, waits for {@code target} acks, kills it; folds every ack it printed into acked. */
    private int runAndKill(int target, Map<String, Long> acked) throws Exception {
        Path stderr = Files.createTempFile(data.getParent(), "crash-writer", ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), JournalCrashWriter.class.getName(), data.toString())
                .redirectError(stderr.toFile());
        Process process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ-ERROR " + e);
            }
        }, "crash-writer-stdout");
        reader.setDaemon(true);
        reader.start();
        int acks = 0;
        try {
            long deadline = System.currentTimeMillis() + ACK_DEADLINE_MILLIS;
            while (acks < target) {
                String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (line == null) {
                    fail("only " + acks + " acks within " + ACK_DEADLINE_MILLIS + " ms; writer alive=" + process.isAlive()
                            + ", stderr:\n" + Files.readString(stderr));
                }
                acks += fold(line, acked);
            }
        } finally {
            process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close(), mid-write
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                fail("writer did not die");
            }
        }
        reader.join(10_000);
        // Acks printed before the kill but not yet taken count too: each one was printed after its append was durable.
        for (String line; (line = lines.poll()) != null; ) {
            acks += fold(line, acked);
        }
        assertTrue(process.exitValue() != 0, "the writer was killed, it did not exit on its own; stderr:\n" + Files.readString(stderr));
        return acks;
    }

    private static int fold(String line, Map<String, Long> acked) {
        if (!line.startsWith("ACK ")) {
            return 0;
        }
        String[] parts = line.split(" ");
        acked.merge(parts[1], Long.parseLong(parts[2]), Math::max);
        return 1;
    }

    /** Checks each workshop replays as records 1..M with no gap and M >= the highest acknowledged record. */
    private Map<String, Long> verify(Map<String, Long> acked) throws Exception {
        Map<String, Long> present = new TreeMap<>();
        try (Journal journal = new Journal(data)) {
            for (String ws : JournalCrashWriter.WORKSHOPS) {
                JournalReplay replay = journal.read(ws);
                long expected = replay.snapshotJson().map(JournalCrashWriter::snapshotUpTo).orElse(0L) + 1;
                assertEquals(expected - 1, replay.snapshotRecordCount(), "snapshot of " + ws + " covers records 1..upTo");
                for (String record : replay.records()) {
                    assertTrue(record.startsWith("{\"w\":\"" + ws + "\""), record);
                    assertEquals(expected, JournalCrashWriter.recordNumber(record), "records of " + ws + " in order, no gap");
                    expected++;
                }
                long last = expected - 1;
                assertTrue(last >= acked.get(ws), ws + ": acknowledged up to " + acked.get(ws) + " but the journal holds only up to " + last);
                present.put(ws, last);
            }
        }
        return present;
    }
}
