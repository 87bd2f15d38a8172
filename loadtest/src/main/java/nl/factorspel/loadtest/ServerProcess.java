package nl.factorspel.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server under test started as a child JVM, so that its CPU time and resident memory can be read
 * from {@code /proc/<pid>} apart from the generator's: the Factorspel jar with a fresh data folder,
 * or the bare bridge.
 */
final class ServerProcess implements AutoCloseable {

    /** CPU time (user + system) and memory of a process, from /proc. */
    record ProcStats(double cpuSeconds, long rssKiB, long hwmKiB, int threads) {
    }

    private static final long CLOCK_TICKS = clockTicks();

    final Process process;
    final int port;
    final Path dataDir;
    final Path log;
    final long startedNanos;
    long readyNanos;

    private ServerProcess(Process process, int port, Path dataDir, Path log, long startedNanos) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    long pid() {
        return process.pid();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts {@code java -jar factorspel.jar} on a free loopback port with its own data folder. */
    static ServerProcess factorspel(Path jar, List<String> jvmArgs, Path dataDir, List<String> serverArgs) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found; build it first: mvn -q -o install -Dmaven.test.skip=true");
        }
        int port = freePort();
        Files.createDirectories(dataDir);
        // a copy: other builds on this box may rewrite server/target/factorspel.jar while the server runs
        Path copy = dataDir.resolveSibling(dataDir.getFileName() + ".jar");
        Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(copy.toAbsolutePath().toString());
        command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--data", dataDir.toString()));
        command.addAll(serverArgs);
        return start(command, port, dataDir);
    }

    /**
     * Starts a cluster of {@code n} members on loopback as docs/cluster.md section 1 does: each its own
     * HTTP, cluster and event-bus port and data folder ({@code dir}-1, -2, ...), every one with the same
     * member list. Wait for each with {@link #awaitReady}.
     */
    static List<ServerProcess> cluster(int n, Path jar, List<String> jvmArgs, Path dir, List<String> serverArgs) throws IOException {
        int[] clusterPorts = new int[n];
        List<String> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clusterPorts[i] = freePort();
            members.add("127.0.0.1:" + clusterPorts[i]);
        }
        List<ServerProcess> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> args = new ArrayList<>(List.of("--cluster", "--cluster-host", "127.0.0.1",
                    "--cluster-port", Integer.toString(clusterPorts[i]), "--cluster-bus-port", Integer.toString(freePort()),
                    "--cluster-members", String.join(",", members)));
            args.addAll(serverArgs);
            started.add(factorspel(jar, jvmArgs, dir.resolveSibling(dir.getFileName() + "-" + (i + 1)), args));
        }
        return started;
    }

    /** Starts the bare bridge from the generator's own class path. */
    static ServerProcess bare(List<String> jvmArgs, Path scratch) throws IOException {
        int port = freePort();
        Files.createDirectories(scratch);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareBridge.class.getName(),
                "--host", "127.0.0.1", "--port", Integer.toString(port)));
        return start(command, port, scratch);
    }

    private static ServerProcess start(List<String> command, int port, Path dir) throws IOException {
        Path log = dir.resolveSibling(dir.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process p = pb.start();
        return new ServerProcess(p, port, dir, log, started);
    }

    /** Polls {@code GET /health} until it answers 200; returns the seconds from spawn to ready. */
    double awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/health")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log + ":\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    readyNanos = System.nanoTime();
                    return (readyNanos - startedNanos) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the server was not ready within " + timeout + "; see " + log + ":\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    ProcStats stats() {
        return stats(pid());
    }

    /** CPU seconds and memory of any process on this box, from /proc (Linux only). */
    static ProcStats stats(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": f[0] is field 3 (state); utime is field 14, stime field 15
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
            long rss = 0;
            long hwm = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring(8).strip());
                }
            }
            return new ProcStats(cpu, rss, hwm, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + " (Linux only)", e);
        }
    }

    /** Busy and total CPU seconds of the whole machine so far (all cores), from the first line of /proc/stat. */
    static double[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            return new double[]{(total - idle) / (double) CLOCK_TICKS, total / (double) CLOCK_TICKS};
        } catch (IOException | RuntimeException e) {
            return new double[]{0, 0};
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** Heap in use after a full GC, from {@code jcmd <pid> GC.run} and {@code GC.heap_info}; -1 if jcmd is missing. */
    static long heapAfterGcKiB(long pid) {
        try {
            run(List.of(jcmd(), Long.toString(pid), "GC.run"));
            String info = run(List.of(jcmd(), Long.toString(pid), "GC.heap_info"));
            Matcher m = HEAP_USED.matcher(info);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static String jcmd() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 15 s) and deletes its data folder. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(dataDir);
        deleteTree(dataDir.resolveSibling(dataDir.getFileName() + ".jar"));
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
