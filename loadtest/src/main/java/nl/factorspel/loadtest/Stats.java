package nl.factorspel.loadtest;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** What one run counts and measures; safe to feed from every event loop at once. */
final class Stats {

    /** Latencies in nanoseconds; kept whole (a minute of 500 tables is well under ten million samples) and sorted once. */
    static final class Recorder {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized void addAll(Recorder other) {
            long[] theirs = other.snapshot();
            for (long v : theirs) {
                add(v);
            }
        }

        synchronized long[] snapshot() {
            return Arrays.copyOf(values, size);
        }

        /** {count, p50, p95, p99, p999, max, mean} in milliseconds (count as is). */
        JsonObject summary() {
            long[] sorted = snapshot();
            Arrays.sort(sorted);
            JsonObject out = new JsonObject().put("count", sorted.length);
            if (sorted.length == 0) {
                return out;
            }
            double sum = 0;
            for (long v : sorted) {
                sum += v;
            }
            return out.put("p50", ms(percentile(sorted, 0.50)))
                    .put("p95", ms(percentile(sorted, 0.95)))
                    .put("p99", ms(percentile(sorted, 0.99)))
                    .put("p999", ms(percentile(sorted, 0.999)))
                    .put("max", ms(sorted[sorted.length - 1]))
                    .put("mean", ms((long) (sum / sorted.length)));
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    /** Send to arrival at each other client of the table, by message kind. */
    final Map<String, Recorder> latency = new ConcurrentHashMap<>();
    /** Send to arrival at the facilitator console (one connection that follows every table), all kinds. */
    final Recorder console = new Recorder();
    /** Send to the command's reply ({@code {"ok":true,"seq":n}}), all commands. */
    final Recorder ack = new Recorder();
    /** How late the generator's own timers fire: when this grows, the generator (not the server) is the bottleneck. */
    final Recorder timerLag = new Recorder();

    final Map<String, LongAdder> commandsSent = new ConcurrentHashMap<>();
    final LongAdder motionSent = new LongAdder();
    final LongAdder deliveries = new LongAdder();
    final LongAdder measuredDeliveries = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    final LongAdder unansweredErrors = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final LongAdder socketErrors = new LongAdder();
    final LongAdder seqGaps = new LongAdder();
    final LongAdder keyCollisions = new LongAdder();
    private final ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();

    volatile boolean measuring;
    volatile long windowStart;
    static final long SLICE_NANOS = 5_000_000_000L;
    /** Table-command and motion latencies by the 5-second slice of the window they were sent in. */
    final Map<Integer, Recorder> tableSlices = new ConcurrentHashMap<>();
    final Map<Integer, Recorder> motionSlices = new ConcurrentHashMap<>();

    void sample(String kind, long sentNanos, long latency) {
        latency(kind).add(latency);
        Map<Integer, Recorder> slices = kind.equals("motion") ? motionSlices : Play.TABLE_KINDS.contains(kind) ? tableSlices : null;
        if (slices != null) {
            int slice = (int) Math.max(0, (sentNanos - windowStart) / SLICE_NANOS);
            slices.computeIfAbsent(slice, k -> new Recorder()).add(latency);
        }
    }

    /**
     * Table-command latencies by the members of sender and receiver ("2>3": sent on member 2, delivered on
     * member 3; 1-based), in a cluster run: which hops a command's tail comes from.
     */
    final Map<String, Recorder> paths = new ConcurrentHashMap<>();
    /** Table commands answered in the window, and those whose answer reached the sender before its own event. */
    final LongAdder answered = new LongAdder();
    /** Events a client missed live (a seq gap) and fetched with fs.sync, as the web client does. */
    final LongAdder gapEventsFetched = new LongAdder();
    final LongAdder answeredBeforeEvent = new LongAdder();

    Recorder path(int fromMember, int toMember) {
        return paths.computeIfAbsent((fromMember + 1) + ">" + (toMember + 1), k -> new Recorder());
    }

    Recorder latency(String kind) {
        return latency.computeIfAbsent(kind, k -> new Recorder());
    }

    void sent(String kind) {
        commandsSent.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void rejected(String code) {
        rejected.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    /** A few lines worth showing after the run (the first rejections, say); capped. */
    void note(String line) {
        if (notes.size() < 20) {
            notes.add(line);
        }
    }

    Iterable<String> notes() {
        return notes;
    }

    static JsonObject counts(Map<String, LongAdder> counts) {
        JsonObject out = new JsonObject();
        new TreeMap<>(counts).forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Counts keyed {@code kind:reason} summed per kind. */
    static JsonObject countsByKind(Map<String, LongAdder> counts) {
        Map<String, Long> byKind = new TreeMap<>();
        counts.forEach((k, v) -> byKind.merge(k.substring(0, k.indexOf(':') < 0 ? k.length() : k.indexOf(':')), v.sum(), Long::sum));
        JsonObject out = new JsonObject();
        byKind.forEach(out::put);
        return out;
    }

    static long total(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
