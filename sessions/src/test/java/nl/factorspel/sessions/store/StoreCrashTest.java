package nl.factorspel.sessions.store;

import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.workshop.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** kill -9 in the middle of a burst of commands: every acknowledged event is there after a restart. */
class StoreCrashTest {

    @Test
    void everyAcknowledgedCommandSurvivesAKillOfTheServerProcess(@TempDir Path data) throws Exception {
        for (int life = 1; life <= 2; life++) {
            long[] acked = new long[3];
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreCrashWriter.class.getName(), data.toString())
                    .redirectErrorStream(true).start();
            int acks = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && acks < 300 && System.nanoTime() < deadline) {
                    if (line.startsWith("ACK ")) {
                        String[] parts = line.split(" ");
                        int table = Integer.parseInt(parts[1]);
                        acked[table] = Math.max(acked[table], Long.parseLong(parts[2]));
                        acks++;
                    }
                }
            } finally {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(acks >= 300, "the writer acknowledged " + acks + " commands before it was killed");

            try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
                store.recover();
                assertTrue(store.loadProblems().isEmpty(), store.loadProblems().toString());
                for (int table = 1; table <= 2; table++) {
                    int t = table;
                    long seq = store.read("crash", w -> w.seq(t)).orElseThrow();
                    assertTrue(seq >= acked[table], "life " + life + ", table " + table + ": acknowledged up to "
                            + acked[table] + " but only " + seq + " came back");
                }
            }
        }
    }
}
