package nl.factorspel.sessions.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Started as a separate JVM by {@link JournalCrashTest}: appends numbered records to two workshops in a tight loop,
 * in bursts, and prints {@code ACK <workshop> <n>} once the append holding record n has completed (is durable).
 * Every 20 bursts it snapshots workshop crash-a. On start it continues the numbering from what the journal holds.
 * Runs until killed.
 */
public final class JournalCrashWriter {

    static final List<String> WORKSHOPS = List.of("crash-a", "crash-b");
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");
    private static final Pattern UP_TO = Pattern.compile("\"upTo\":(\\d+)");

    private JournalCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Journal journal = new Journal(Path.of(args[0]));
        Map<String, Long> next = new TreeMap<>();
        StringBuilder start = new StringBuilder("START");
        for (String ws : WORKSHOPS) {
            long last = lastNumber(journal.read(ws));
            next.put(ws, last + 1);
            start.append(' ').append(ws).append(' ').append(last);
        }
        System.out.println(start);
        System.out.flush();

        Random random = new Random();
        for (long burst = 1; ; burst++) {
            int appends = 1 + random.nextInt(32);
            CompletableFuture<Void> last = null;
            for (int i = 0; i < appends; i++) {
                String ws = WORKSHOPS.get(random.nextInt(WORKSHOPS.size()));
                int count = 1 + random.nextInt(3);
                List<String> records = new ArrayList<>(count);
                long n = next.get(ws);
                for (int j = 0; j < count; j++, n++) {
                    records.add("{\"w\":\"" + ws + "\",\"n\":" + n + ",\"pad\":\"" + "p".repeat(random.nextInt(600)) + "\"}");
                }
                next.put(ws, n);
                long highest = n - 1;
                last = journal.append(ws, records);
                last.thenRun(() -> {
                    System.out.println("ACK " + ws + " " + highest);
                    System.out.flush();
                });
            }
            last.join();
            if (burst % 20 == 0) {
                long covered = next.get("crash-a") - 1; // everything appended so far is acknowledged
                journal.writeSnapshot("crash-a", covered, "{\"upTo\":" + covered + "}");
            }
        }
    }

    /** The number of the last record a replay holds (records are numbered 1, 2, 3, … per workshop). */
    static long lastNumber(JournalReplay replay) {
        if (!replay.records().isEmpty()) {
            return number(N, replay.records().get(replay.records().size() - 1));
        }
        return replay.snapshotJson().map(s -> number(UP_TO, s)).orElse(0L);
    }

    static long number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return Long.parseLong(m.group(1));
    }

    static long recordNumber(String record) {
        return number(N, record);
    }

    static long snapshotUpTo(String snapshotJson) {
        return number(UP_TO, snapshotJson);
    }
}
