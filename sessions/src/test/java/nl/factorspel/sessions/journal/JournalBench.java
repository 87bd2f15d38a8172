package nl.factorspel.sessions.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * A rough measurement, not a test: {@code threads} threads each append {@code perThread} single-record appends
 * of about {@code bytes} bytes, each waiting for its previous append (like a client waiting for its ack), spread
 * over {@code workshops} workshops. Prints throughput, latency and group-commit figures. Run from the IDE or with
 * {@code java -cp <test classpath> nl.factorspel.sessions.journal.JournalBench [dir] [threads] [perThread] [bytes] [workshops]}.
 */
public final class JournalBench {

    private JournalBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("journal-bench");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int perThread = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int bytes = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int workshops = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        String pad = "x".repeat(Math.max(0, bytes - 40));
        long[] latencies = new long[threads * perThread];
        try (Journal journal = new Journal(dir)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            long t0 = System.nanoTime();
                            CompletableFuture<Void> f = journal.append("bench-" + (thread % workshops),
                                    List.of("{\"t\":" + thread + ",\"i\":" + i + ",\"p\":\"" + pad + "\"}"));
                            f.join();
                            latencies[thread * perThread + i] = System.nanoTime() - t0;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                worker.start();
                workers.add(worker);
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            JournalStats stats = journal.stats();
            java.util.Arrays.sort(latencies);
            System.out.printf("%s: %d appends of ~%d bytes by %d threads over %d workshops in %.2f s = %.0f appends/s%n",
                    dir, latencies.length, bytes, threads, workshops, seconds, latencies.length / seconds);
            System.out.printf("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies[latencies.length / 2] / 1e6,
                    latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6);
            System.out.printf("%d batches (%.1f records each), %d fsyncs, mean fsync %.3f ms%n", stats.batches(),
                    (double) stats.records() / stats.batches(), stats.fsyncs(), stats.fsyncNanos() / 1e6 / stats.fsyncs());
        }
    }
}
