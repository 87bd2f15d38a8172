package nl.factorspel.server.cluster;

import nl.factorspel.server.ApiClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One cluster member in its own JVM on loopback, started exactly as an operator would ({@code Main}
 * with {@code --cluster ...}), with its own ports, data folder and log file; and an HTTP client for it.
 */
final class ClusterMember {

    final String name;
    final int httpPort;
    final int clusterPort;
    final int busPort;
    final ApiClient http;
    Path data;
    final Path log;
    private Process process;
    /** Extra options for the member's JVM (system properties of a test), given before it starts. */
    final List<String> jvmOptions = new ArrayList<>();

    private ClusterMember(String name, int httpPort, int clusterPort, int busPort, Path data, Path log) {
        this.name = name;
        this.httpPort = httpPort;
        this.clusterPort = clusterPort;
        this.busPort = busPort;
        this.http = new ApiClient(httpPort);
        this.data = data;
        this.log = log;
    }

    /**
     * Plans members with free ports, each with its own data folder under {@code root}. Like an operator's
     * ports (5701, 8080), they lie below the range the kernel takes the local ports of outgoing connections
     * from: a member keeps its ports when it restarts, and a port from that range can be held by some
     * outgoing connection (of another member, say) while it is down, so that it cannot listen there again
     * (a {@code BindException} that made the full-restart test fail now and then).
     */
    static List<ClusterMember> plan(Path root, Path logs, String... names) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int below = ephemeralPortsFrom();
            int next = LOWEST_PORT + java.util.concurrent.ThreadLocalRandom.current().nextInt(Math.max(1, (below - LOWEST_PORT) / 2));
            List<ClusterMember> members = new ArrayList<>();
            for (String name : names) {
                int[] ports = new int[3];
                for (int i = 0; i < 3; i++) {
                    ServerSocket s = null;
                    for (; s == null && next < below; next++) {
                        s = listenOn(next);
                    }
                    if (s == null) {
                        throw new IOException("no free port between " + LOWEST_PORT + " and " + below);
                    }
                    held.add(s);
                    ports[i] = s.getLocalPort();
                }
                Files.createDirectories(logs);
                members.add(new ClusterMember(name, ports[0], ports[1], ports[2], root.resolve(name), logs.resolve(name + ".log")));
            }
            return members;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    private static final int LOWEST_PORT = 10000;

    /** The first port of the kernel's range for outgoing connections (Linux; IANA's 49152 elsewhere). */
    static int ephemeralPortsFrom() {
        try {
            // Not Files.readString: for this /proc file it answers only the first byte ("3").
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"), StandardCharsets.US_ASCII).get(0).strip();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49152;
        }
    }

    private static ServerSocket listenOn(int port) {
        try {
            return new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            return null;
        }
    }

    /** Another machine at this member's address (same ports) with a data folder of its own. */
    ClusterMember replacement(String name, Path data) {
        return new ClusterMember(name, httpPort, clusterPort, busPort, data, log.resolveSibling(name + ".log"));
    }

    /** The TCP-IP member list of a cluster of these members. */
    static String addresses(List<ClusterMember> members) {
        return String.join(",", members.stream().map(m -> "127.0.0.1:" + m.clusterPort).toList());
    }

    /** Starts the member's JVM (not waiting for it). */
    void start(String memberList) throws IOException {
        Files.createDirectories(data);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "nl.factorspel.server.Main",
                "--cluster", "--host", "127.0.0.1", "--port", Integer.toString(httpPort),
                "--cluster-host", "127.0.0.1", "--cluster-port", Integer.toString(clusterPort),
                "--cluster-bus-port", Integer.toString(busPort), "--cluster-members", memberList,
                "--data", data.toString(), "--public-url", "http://127.0.0.1:" + httpPort,
                "--commands-per-second", "500", "--command-burst", "1000", "--joins-per-minute", "10000", "--creations-per-hour", "10000"));
        Files.writeString(log, "---- start " + java.time.Instant.now() + " " + data + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("FACTORSPEL_CONFIG");
        process = pb.start();
    }

    /** Waits until {@code /health} answers UP. */
    void awaitUp(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                ApiClient.Response r = http.get("/health", null);
                if (r.status() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " not up after " + max.toSeconds() + " s:\n" + tail());
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** A normal stop (SIGTERM: the shutdown hook stops the server); forced after 60 s. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
