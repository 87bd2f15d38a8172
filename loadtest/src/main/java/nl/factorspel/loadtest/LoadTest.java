package nl.factorspel.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator: plays simulated tables against a running server (or one it starts itself as a
 * child JVM) over real SockJS websockets, and reports per message kind the latency from a command's
 * send to its event's arrival at the other clients of the table, the rates, what was refused or
 * lost, and the server's CPU time and memory. See docs/benchmarks.md.
 *
 * <pre>
 * java -jar loadtest/target/factorspel-loadtest.jar --spawn --compare --tables 12 --seconds 60
 * java -jar loadtest/target/factorspel-loadtest.jar --spawn --tables 100,200,300,500 --stop-above-ms 100
 * java -jar loadtest/target/factorspel-loadtest.jar --url http://127.0.0.1:8080 --tables 12
 * java -jar loadtest/target/factorspel-loadtest.jar --spawn --cluster 3 --compare-cluster --tables 100 --seconds 30
 * </pre>
 */
public final class LoadTest {

    static final class Options {
        String url;
        boolean spawn;
        boolean bare;
        boolean compare;
        int cluster;
        boolean compareCluster;
        double killMemberAfter;
        int rehearseReconnects;
        List<Integer> tables = List.of(12);
        int seconds = 60;
        int warmup = 10;
        int drain = 5;
        int tablesPerWorkshop = 100;
        int eventLoops = 2;
        long seed = 1;
        String presence = "last";
        boolean deflate = true;
        boolean heap = true;
        double stopAboveMs;
        double maxRatio;
        Path report;
        Path jar;
        List<String> serverJvm = new ArrayList<>();
        Long pid;
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
    }

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loadtest: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        JsonObject report = run(o);
        if (o.report != null) {
            Files.writeString(o.report, report.encodePrettily());
            System.out.println("report written to " + o.report);
        }
        boolean clean = report.getJsonArray("runs").stream().map(JsonObject.class::cast)
                .allMatch(r -> r.getLong("rejected") == 0 && r.getLong("lostIncludingWarmup") == 0 && r.getLong("disconnects") == 0
                        && r.getLong("seqGaps") == 0 && r.getLong("refusedFrames") == 0);
        System.exit(!clean ? 1 : report.containsKey("regression") ? 3 : 0);
    }

    static void usage() {
        System.err.println("""
                usage: java -jar factorspel-loadtest.jar (--url URL | --spawn) [options]
                  --url URL              a running server (give it --joins-per-minute 1000000 --creations-per-hour 1000000 --commands-per-second 1000)
                  --spawn                start the server as a child JVM from --jar, with a temporary data folder
                  --jar PATH             the server jar (default server/target/factorspel.jar)
                  --bare                 play against the bare Vert.x bridge instead (spawned, or at --url)
                  --compare              play the same traffic against Factorspel and the bare bridge, and compare (with --spawn)
                  --cluster N            with --spawn: play against N cluster members on loopback, the clients spread over them
                  --compare-cluster      with --cluster: the same traffic against one server, then the cluster, and compare
                  --kill-member-after S  with --cluster: kill -9 member 1 S seconds into the window; its clients reconnect to the others
                  --rehearse-reconnects N  with --kill-member-after: mid-warm-up, drop N clients of each member the kill spares and let
                                         them reconnect to another such member as in the failover (a network blip: the reconnection
                                         code runs once before the measured kill)
                  --tables N[,N...]      tables per run, several for a step-up (default 12)
                  --seconds S            measured seconds per run (default 60)
                  --warmup S             seconds played before measuring (default 10)
                  --stop-above-ms MS     in a step-up, stop after the first run whose p99 passes MS
                  --max-ratio R          with --compare: exit 3 when the table-command p99 is more than R x the bare bridge's
                  --tables-per-workshop  tables in one workshop; more tables make more workshops (default 100)
                  --event-loops N        the generator's event loops (default 2)
                  --presence first|last|off  when clients register presence (first: as the web client does; default last)
                  --no-deflate           no permessage-deflate (browsers use it; default on)
                  --no-heap              skip the jcmd heap probes
                  --server-jvm ARG       a JVM option for the spawned server (repeatable), e.g. --server-jvm -Xmx512m
                  --pid PID              with --url: the server's pid, to read its CPU and memory from /proc
                  --seed N               the traffic's random seed (default 1)
                  --report FILE.json     write every figure as JSON
                """);
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--url" -> o.url = value(args, ++i, a);
                case "--spawn" -> o.spawn = true;
                case "--bare" -> o.bare = true;
                case "--compare" -> o.compare = true;
                case "--cluster" -> o.cluster = Integer.parseInt(value(args, ++i, a));
                case "--compare-cluster" -> o.compareCluster = true;
                case "--kill-member-after" -> o.killMemberAfter = Double.parseDouble(value(args, ++i, a));
                case "--rehearse-reconnects" -> o.rehearseReconnects = Integer.parseInt(value(args, ++i, a));
                case "--tables" -> o.tables = Arrays.stream(value(args, ++i, a).split(",")).map(String::strip).map(Integer::parseInt).toList();
                case "--seconds" -> o.seconds = Integer.parseInt(value(args, ++i, a));
                case "--warmup" -> o.warmup = Integer.parseInt(value(args, ++i, a));
                case "--drain" -> o.drain = Integer.parseInt(value(args, ++i, a));
                case "--stop-above-ms" -> o.stopAboveMs = Double.parseDouble(value(args, ++i, a));
                case "--max-ratio" -> o.maxRatio = Double.parseDouble(value(args, ++i, a));
                case "--tables-per-workshop" -> o.tablesPerWorkshop = Integer.parseInt(value(args, ++i, a));
                case "--event-loops" -> o.eventLoops = Integer.parseInt(value(args, ++i, a));
                case "--presence" -> o.presence = value(args, ++i, a);
                case "--no-deflate" -> o.deflate = false;
                case "--no-heap" -> o.heap = false;
                case "--server-jvm" -> o.serverJvm.add(value(args, ++i, a));
                case "--pid" -> o.pid = Long.parseLong(value(args, ++i, a));
                case "--seed" -> o.seed = Long.parseLong(value(args, ++i, a));
                case "--report" -> o.report = Path.of(value(args, ++i, a));
                case "--jar" -> o.jar = Path.of(value(args, ++i, a));
                case "--scratch" -> o.scratch = Path.of(value(args, ++i, a));
                case "--help", "-h" -> throw new IllegalArgumentException("help");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if ((o.url == null) == !o.spawn) {
            throw new IllegalArgumentException("give --url or --spawn");
        }
        if (o.compare && !o.spawn) {
            throw new IllegalArgumentException("--compare starts both servers itself: give --spawn");
        }
        if (o.cluster < 0 || o.cluster > 0 && (!o.spawn || o.bare || o.compare)) {
            throw new IllegalArgumentException("--cluster N starts N members itself: give --spawn, without --bare or --compare");
        }
        if (o.rehearseReconnects > 0 && o.killMemberAfter <= 0) {
            throw new IllegalArgumentException("--rehearse-reconnects needs --kill-member-after");
        }
        if (o.killMemberAfter > 0 && (o.cluster < 2 || o.compareCluster)) {
            throw new IllegalArgumentException("--kill-member-after needs --cluster N with N >= 2, without --compare-cluster");
        }
        if (o.compareCluster && o.cluster == 0) {
            throw new IllegalArgumentException("--compare-cluster compares with a cluster: give --cluster N");
        }
        if (!List.of("first", "last", "off").contains(o.presence)) {
            throw new IllegalArgumentException("--presence is first, last or off");
        }
        if (o.jar == null) {
            o.jar = Files.exists(Path.of("server/target/factorspel.jar")) ? Path.of("server/target/factorspel.jar")
                    : Path.of("../server/target/factorspel.jar");
        }
        return o;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** Every run the options ask for; the report holds them all. */
    static JsonObject run(Options o) throws Exception {
        JsonArray runs = new JsonArray();
        JsonObject report = new JsonObject().put("machine", machine(o.jar)).put("runs", runs);
        for (int tables : o.tables) {
            List<String> targets = targets(o);
            Map<String, JsonObject> byTarget = new LinkedHashMap<>();
            for (String target : targets) {
                JsonObject r = runOne(o, target, tables);
                runs.add(r);
                byTarget.put(target, r);
                print(r);
            }
            if (byTarget.containsKey("factorspel") && byTarget.containsKey("bare")) {
                JsonObject ours = byTarget.get("factorspel");
                JsonObject bare = byTarget.get("bare");
                JsonObject ratio = p99Ratios(ours, bare);
                double ourCpu = ours.getJsonObject("server", new JsonObject()).getDouble("cpuMicrosPerDelivery", 0.0);
                double bareCpu = bare.getJsonObject("server", new JsonObject()).getDouble("cpuMicrosPerDelivery", 0.0);
                ratio.put("cpuPerDelivery", bareCpu <= 0 ? 0 : Math.round(ourCpu / bareCpu * 100) / 100.0);
                ours.put("ratioToBare", ratio);
                System.out.printf("%d tables: our p99 / bare p99 = %.2f (table commands), %.2f (motion), %.2f (table commands, quiet slices); "
                                + "our CPU per delivery / bare = %.2f%n%n",
                        tables, ratio.getDouble("tableCommandsP99"), ratio.getDouble("motionP99"), ratio.getDouble("quietTableCommandsP99"),
                        ratio.getDouble("cpuPerDelivery"));
                if (o.maxRatio > 0 && ratio.getDouble("tableCommandsP99") > o.maxRatio) {
                    report.put("regression", String.format(java.util.Locale.ROOT,
                            "at %d tables the table-command p99 is %.2f x the bare bridge's, above the %.2f allowed", tables,
                            ratio.getDouble("tableCommandsP99"), o.maxRatio));
                    System.out.println("REGRESSION: " + report.getString("regression"));
                }
            }
            if (byTarget.containsKey("cluster") && byTarget.containsKey("factorspel")) {
                compareCluster(o, tables, byTarget.get("factorspel"), byTarget.get("cluster"));
            }
            if (o.stopAboveMs > 0) {
                JsonObject ours = byTarget.getOrDefault("factorspel", byTarget.values().iterator().next());
                if (ours.getJsonObject("tableCommands").getDouble("p99", 0.0) > o.stopAboveMs) {
                    System.out.printf("p99 passed %.0f ms at %d tables; stopping the step-up%n", o.stopAboveMs, tables);
                    break;
                }
            }
        }
        return report;
    }

    /** The servers one step plays against, one after the other: Factorspel, the bare bridge, a cluster. */
    static List<String> targets(Options o) {
        if (o.cluster > 0) {
            return o.compareCluster ? List.of("factorspel", "cluster") : List.of("cluster");
        }
        return o.compare ? List.of("factorspel", "bare") : List.of(o.bare ? "bare" : "factorspel");
    }

    /** The cluster's p99 against one server's with the same traffic (issue 18's goal: at most 2x). */
    private static void compareCluster(Options o, int tables, JsonObject single, JsonObject cluster) {
        JsonObject ratio = p99Ratios(cluster, single);
        double clusterCpu = cluster.getJsonObject("server", new JsonObject()).getDouble("cpuSeconds", 0.0);
        double singleCpu = single.getJsonObject("server", new JsonObject()).getDouble("cpuSeconds", 0.0);
        ratio.put("cpuSeconds", singleCpu <= 0 ? 0 : round(clusterCpu / singleCpu));
        cluster.put("ratioToSingle", ratio);
        System.out.printf("%d tables: cluster of %d p99 / one server p99 = %.2f (table commands), %.2f (motion), "
                        + "%.2f (table commands, quiet slices); the cluster's CPU / one server's = %.2f%n%n",
                tables, o.cluster, ratio.getDouble("tableCommandsP99"), ratio.getDouble("motionP99"),
                ratio.getDouble("quietTableCommandsP99"), ratio.getDouble("cpuSeconds"));
    }

    /** One run's p99s divided by another's: table commands, motion, everything, table commands in quiet slices. */
    private static JsonObject p99Ratios(JsonObject ours, JsonObject base) {
        return new JsonObject()
                .put("tableCommandsP99", ratio(ours.getJsonObject("tableCommands"), base.getJsonObject("tableCommands")))
                .put("motionP99", ratio(ours.getJsonObject("motion"), base.getJsonObject("motion")))
                .put("allP99", ratio(ours.getJsonObject("all"), base.getJsonObject("all")))
                .put("quietTableCommandsP99", ratio(ours.getJsonObject("quiet").getJsonObject("tableCommands"),
                        base.getJsonObject("quiet").getJsonObject("tableCommands")));
    }

    private static double ratio(JsonObject ours, JsonObject bare) {
        double b = bare.getDouble("p99", 0.0);
        return b <= 0 ? 0 : Math.round(ours.getDouble("p99", 0.0) / b * 100) / 100.0;
    }

    /** One run: start the server (when spawning), set up, play, measure, stop. */
    static JsonObject runOne(Options o, String target, int tables) throws Exception {
        System.out.printf("== %s, %d tables, %d s (+%d s warm-up) ==%n", target, tables, o.seconds, o.warmup);
        List<ServerProcess> servers = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        JsonObject serverFigures = new JsonObject();
        long tag = System.nanoTime();
        boolean cluster = target.equals("cluster");
        try {
            if (o.spawn) {
                Path dir = o.scratch.resolve("factorspel-loadtest-" + target + "-" + tag);
                List<String> serverArgs = List.of("--joins-per-minute", "1000000", "--creations-per-hour", "1000000",
                        "--commands-per-second", "1000", "--command-burst", "1000", "--max-tables", "1000");
                if (cluster) {
                    servers.addAll(ServerProcess.cluster(o.cluster, o.jar, o.serverJvm, dir, serverArgs));
                } else {
                    servers.add(target.equals("bare") ? ServerProcess.bare(o.serverJvm, dir) : ServerProcess.factorspel(o.jar, o.serverJvm, dir, serverArgs));
                }
                double ready = 0;
                for (ServerProcess s : servers) {
                    // the members start together; the last one ready is when the cluster serves
                    ready = Math.max(ready, s.awaitReady(Duration.ofSeconds(cluster ? 180 : 60)));
                }
                serverFigures.put("startToReadySeconds", round(ready));
                servers.forEach(s -> urls.add(s.url()));
            } else {
                urls.add(o.url);
            }
            String url = urls.get(0);
            // one server's figures (CPU per delivery, idle memory, heap probes) as before; a cluster's per member and summed
            Long pid = cluster ? null : !servers.isEmpty() ? Long.valueOf(servers.get(0).pid()) : o.pid;
            List<Long> memberPids = servers.stream().map(ServerProcess::pid).toList();
            List<Http> memberHttps = urls.stream().map(Http::new).toList();
            if (pid != null) {
                Thread.sleep(2000);
                serverFigures.put("rssIdleKiB", ServerProcess.stats(pid).rssKiB());
                if (o.heap) {
                    serverFigures.put("heapIdleKiB", ServerProcess.heapAfterGcKiB(pid));
                    // G1 gives committed heap back after a full GC: RSS now is what the idle server needs
                    serverFigures.put("rssIdleAfterGcKiB", ServerProcess.stats(pid).rssKiB());
                }
            }
            Play.Settings settings = new Play.Settings(tables, o.tablesPerWorkshop, o.warmup, o.seconds, o.drain, o.seed,
                    o.presence, o.deflate, o.eventLoops);
            Http http = new Http(url);
            long generatorPid = ProcessHandle.current().pid();
            try (Play play = new Play(urls, settings)) {
                play.serverPids = cluster ? memberPids : pid == null ? List.of() : List.of(pid);
                play.setUp();
                if (cluster && o.killMemberAfter > 0) {
                    play.killMemberAfter(0, o.killMemberAfter, i -> servers.get(i).process.destroyForcibly());
                    play.rehearseReconnects(o.rehearseReconnects);
                }
                System.out.printf("set up %d workshops, %d clients in %.1f s%n", play.workshops.size(), play.clients(), play.setupSeconds);
                ServerProcess.ProcStats[] at = new ServerProcess.ProcStats[4];
                Map<String, Double>[] metrics = newMetrics();
                List<List<ServerProcess.ProcStats>> memberAt = List.of(new ArrayList<>(), new ArrayList<>());
                List<List<Map<String, Double>>> memberMetrics = List.of(new ArrayList<>(), new ArrayList<>());
                double[][] box = new double[2][];
                boolean ours = target.equals("factorspel");
                play.play(() -> {
                    if (pid != null) {
                        at[0] = ServerProcess.stats(pid);
                    }
                    at[1] = ServerProcess.stats(generatorPid);
                    box[0] = ServerProcess.machineCpu();
                    metrics[0] = ours ? scrape(http) : Map.of();
                    if (cluster) {
                        sampleMembers(memberPids, memberHttps, List.of(), memberAt.get(0), memberMetrics.get(0));
                    }
                }, () -> {
                    if (pid != null) {
                        at[2] = ServerProcess.stats(pid);
                    }
                    at[3] = ServerProcess.stats(generatorPid);
                    box[1] = ServerProcess.machineCpu();
                    metrics[1] = ours ? scrape(http) : Map.of();
                    if (cluster) {
                        sampleMembers(memberPids, memberHttps, memberAt.get(0), memberAt.get(1), memberMetrics.get(1));
                    }
                });
                JsonObject r = play.result().put("target", target).put("url", url);
                double window = r.getDouble("windowSeconds");
                if (pid != null) {
                    double cpu = at[2].cpuSeconds() - at[0].cpuSeconds();
                    double delivered = r.getDouble("deliveriesPerSecond", 0.0) * window;
                    if (delivered > 0) {
                        // every message a client received in the window: events, motion, replies to its own commands
                        serverFigures.put("cpuMicrosPerDelivery", round(cpu * 1e6 / delivered));
                    }
                    serverFigures.put("pid", pid).put("cpuSeconds", round(cpu)).put("cpuCoresBusy", round(cpu / window))
                            .put("rssKiB", at[2].rssKiB()).put("rssPeakKiB", at[2].hwmKiB()).put("threads", at[2].threads());
                    if (serverFigures.containsKey("rssIdleKiB")) {
                        serverFigures.put("rssPerTableKiB", round((at[2].rssKiB() - serverFigures.getLong("rssIdleKiB")) / (double) tables));
                    }
                    if (o.heap) {
                        // with every client still connected: the memory of the active tables, garbage left out
                        long heap = ServerProcess.heapAfterGcKiB(pid);
                        long rssAfterGc = ServerProcess.stats(pid).rssKiB();
                        serverFigures.put("heapKiB", heap).put("rssAfterGcKiB", rssAfterGc);
                        if (heap > 0 && serverFigures.getLong("heapIdleKiB", -1L) > 0) {
                            serverFigures.put("heapPerTableKiB", round((heap - serverFigures.getLong("heapIdleKiB")) / (double) tables));
                            serverFigures.put("rssAfterGcPerTableKiB",
                                    round((rssAfterGc - serverFigures.getLong("rssIdleAfterGcKiB")) / (double) tables));
                        }
                    }
                }
                double generatorCpu = at[3].cpuSeconds() - at[1].cpuSeconds();
                r.put("generator", new JsonObject().put("cpuSeconds", round(generatorCpu)).put("cpuCoresBusy", round(generatorCpu / window))
                        .put("rssKiB", at[3].rssKiB()).put("eventLoops", o.eventLoops));
                if (cluster) {
                    members(serverFigures, urls, memberPids, memberAt, memberMetrics, window, r.getDouble("deliveriesPerSecond", 0.0) * window);
                } else if (ours && metrics[0] != null && metrics[1] != null && !metrics[0].isEmpty()) {
                    serverFigures.put("metrics", metricsDelta(metrics[0], metrics[1]));
                }
                r.put("server", serverFigures);
                // the box is shared: what everything else on it used during the window says how noisy the figures are
                double boxBusy = box[1][0] - box[0][0];
                double others = boxBusy - generatorCpu - serverFigures.getDouble("cpuSeconds", 0.0);
                r.put("machine", new JsonObject().put("coresBusy", round(boxBusy / window))
                        .put("othersCoresBusy", round(Math.max(0, others) / window))
                        .put("loadAverage", LoadTest.loadAverage()));
                return r;
            }
        } finally {
            servers.parallelStream().forEach(s -> {
                s.close();
                ServerProcess.deleteTree(s.log);
            });
        }
    }

    /** Every member's CPU, memory and /metrics; a member killed in the window keeps its figures from the start (earlier). */
    private static void sampleMembers(List<Long> pids, List<Http> https, List<ServerProcess.ProcStats> earlier,
                                      List<ServerProcess.ProcStats> stats, List<Map<String, Double>> metrics) {
        for (int i = 0; i < pids.size(); i++) {
            try {
                stats.add(ServerProcess.stats(pids.get(i)));
            } catch (java.io.UncheckedIOException gone) {
                stats.add(earlier.get(i));
            }
        }
        https.forEach(h -> metrics.add(scrape(h)));
    }

    /** A cluster's figures: CPU, memory and the /metrics delta of every member, and summed over the members. */
    private static void members(JsonObject serverFigures, List<String> urls, List<Long> pids, List<List<ServerProcess.ProcStats>> at,
                                List<List<Map<String, Double>>> metrics, double window, double delivered) {
        JsonArray members = new JsonArray();
        double cpu = 0;
        long rss = 0;
        long peak = 0;
        Map<String, Double> before = new LinkedHashMap<>();
        Map<String, Double> after = new LinkedHashMap<>();
        for (int i = 0; i < pids.size(); i++) {
            ServerProcess.ProcStats a = at.get(0).get(i);
            ServerProcess.ProcStats b = at.get(1).get(i);
            double c = b.cpuSeconds() - a.cpuSeconds();
            cpu += c;
            rss += b.rssKiB();
            peak += b.hwmKiB();
            boolean killed = metrics.get(1).get(i).isEmpty();
            // a killed member answers no /metrics at the end: its window counts nothing (the others' counts hold)
            Map<String, Double> end = killed ? metrics.get(0).get(i) : metrics.get(1).get(i);
            metrics.get(0).get(i).forEach((k, v) -> before.merge(k, v, Double::sum));
            end.forEach((k, v) -> after.merge(k, v, Double::sum));
            members.add(new JsonObject().put("member", i + 1).put("url", urls.get(i)).put("pid", pids.get(i)).put("killed", killed)
                    .put("cpuSeconds", round(c)).put("cpuCoresBusy", round(c / window)).put("rssKiB", b.rssKiB())
                    .put("rssPeakKiB", b.hwmKiB()).put("threads", b.threads())
                    .put("metrics", metricsDelta(metrics.get(0).get(i), end)));
        }
        serverFigures.put("members", members).put("cpuSeconds", round(cpu)).put("cpuCoresBusy", round(cpu / window))
                .put("rssKiB", rss).put("rssPeakKiB", peak).put("metrics", metricsDelta(before, after));
        if (delivered > 0) {
            serverFigures.put("cpuMicrosPerDelivery", round(cpu * 1e6 / delivered));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double>[] newMetrics() {
        return new Map[2];
    }

    /** {@code GET /metrics} as name to value (Factorspel only). */
    static Map<String, Double> scrape(Http http) {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            for (String line : http.getText("/metrics").split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        } catch (Exception e) {
            // no metrics: leave them out
        }
        return out;
    }

    /** What the server itself says about the window: time per command, fsyncs, batches. */
    static JsonObject metricsDelta(Map<String, Double> a, Map<String, Double> b) {
        java.util.function.Function<String, Double> d = k -> b.getOrDefault(k, 0.0) - a.getOrDefault(k, 0.0);
        double commands = d.apply("factorspel_commands_total");
        double fsyncs = d.apply("factorspel_journal_fsyncs_total");
        double published = d.apply("factorspel_eventbus_published_total");
        JsonObject out = new JsonObject()
                .put("commands", commands)
                .put("events", d.apply("factorspel_events_total"))
                .put("fsyncs", fsyncs)
                .put("batches", d.apply("factorspel_journal_batches_total"))
                .put("records", d.apply("factorspel_journal_records_total"));
        if (commands > 0) {
            out.put("meanCommandMs", round(d.apply("factorspel_command_seconds_total") / commands * 1000));
        }
        if (fsyncs > 0) {
            out.put("meanFsyncMs", round(d.apply("factorspel_journal_fsync_seconds_total") / fsyncs * 1000));
            out.put("recordsPerFsync", round(d.apply("factorspel_journal_records_total") / fsyncs));
        }
        if (published > 0) {
            out.put("meanCommitToPublishMs", round(d.apply("factorspel_eventbus_publish_seconds_total") / published * 1000));
        }
        double decided = d.apply("factorspel_cluster_commands_decided_total");
        if (decided > 0) {
            out.put("meanBackupWaitMs", round(d.apply("factorspel_cluster_backup_wait_seconds_total") / decided * 1000));
        }
        double forwarded = d.apply("factorspel_cluster_commands_forwarded_total");
        if (forwarded > 0) {
            out.put("meanForwardMs", round(d.apply("factorspel_cluster_forward_seconds_total") / forwarded * 1000));
        }
        if (commands > 0) {
            out.put("perCommand", perCommand(a, b, commands));
        }
        return out;
    }

    /**
     * Words in a counter's name that make it a cost of a command: fsyncs, network round trips, hops,
     * backup writes, commands forwarded to another member, fetches of records from the cluster.
     */
    static final java.util.regex.Pattern PER_COMMAND = java.util.regex.Pattern.compile(
            "(^|_)(fsyncs?|round_trips?|hops?|backups?|forwarded|fetch(es)?)(_|$)");

    /**
     * Every counter whose name speaks of fsyncs, round trips, hops, backups, forwards or fetches, as a delta per command
     * (times are left out): whatever the server counts, so new counters show up without a change here.
     */
    static JsonObject perCommand(Map<String, Double> a, Map<String, Double> b, double commands) {
        JsonObject out = new JsonObject();
        new java.util.TreeSet<>(b.keySet()).forEach(k -> {
            String name = k.contains("{") ? k.substring(0, k.indexOf('{')) : k;
            if (PER_COMMAND.matcher(name).find() && !name.contains("seconds")) {
                out.put(k, round3((b.get(k) - a.getOrDefault(k, 0.0)) / commands));
            }
        });
        return out;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static void print(JsonObject r) {
        System.out.printf("%s, %d tables (%d clients), %.0f s measured:%n", r.getString("target"), r.getInteger("tables"),
                r.getInteger("clients"), r.getDouble("windowSeconds"));
        System.out.printf("  %-14s %8s %8s %8s %8s %8s %8s %8s %5s %5s%n", "kind (ms)", "count", "p50", "p95", "p99", "max",
                "sent/s", "deliv/s", "rej", "lost");
        JsonObject kinds = r.getJsonObject("kinds");
        for (String k : kinds.fieldNames().stream().sorted().toList()) {
            row(k, kinds.getJsonObject(k));
        }
        row("TABLE CMDS", r.getJsonObject("tableCommands"));
        row("ALL", r.getJsonObject("all"));
        row("(console)", r.getJsonObject("console"));
        row("(ack)", r.getJsonObject("ack"));
        row("(timer lag)", r.getJsonObject("generatorTimerLag"));
        System.out.printf("  commands/s %.1f, motion/s %.1f, deliveries/s %.1f%n", r.getDouble("commandsPerSecond"),
                r.getDouble("motionPerSecond"), r.getDouble("deliveriesPerSecond"));
        System.out.printf("  rejected %d %s, lost %d %s, seq gaps %d (%d events fetched with fs.sync, as the web client does), disconnects %d, refused frames %d%n",
                r.getLong("rejected"), r.getJsonObject("rejectedByKind").encode(), r.getLong("lost"), r.getJsonObject("lostByKind").encode(),
                r.getLong("seqGaps"), r.getLong("gapEventsFetched", 0L), r.getLong("disconnects"), r.getLong("refusedFrames"));
        System.out.printf("  table commands answered %d, of which %d before the sender had the command's own event%n",
                r.getLong("tableCommandsAnswered", 0L), r.getLong("answeredBeforeOwnEvent", 0L));
        JsonObject s = r.getJsonObject("server", new JsonObject());
        if (s.containsKey("cpuSeconds") && !s.containsKey("members")) {
            System.out.printf("  server: %.1f CPU s (%.2f cores, %s µs per delivery), RSS %d MiB at the end (idle %d MiB, %.0f KiB/table), peak %d MiB%n",
                    s.getDouble("cpuSeconds"), s.getDouble("cpuCoresBusy"), s.getValue("cpuMicrosPerDelivery", "n/a"),
                    s.getLong("rssKiB") / 1024, s.getLong("rssIdleKiB", 0L) / 1024,
                    s.getDouble("rssPerTableKiB", 0.0), s.getLong("rssPeakKiB") / 1024);
            System.out.printf("  server after a full GC, clients connected: heap %d MiB (%s KiB/table), RSS %d MiB (%s KiB/table)%n",
                    s.getLong("heapKiB", -1L) / 1024, s.getValue("heapPerTableKiB", "n/a"), s.getLong("rssAfterGcKiB", -1L) / 1024,
                    s.getValue("rssAfterGcPerTableKiB", "n/a"));
        }
        if (s.containsKey("members")) {
            System.out.printf("  cluster of %d: %.1f CPU s (%.2f cores, %s µs per delivery), RSS %d MiB summed, peak %d MiB summed%n",
                    s.getJsonArray("members").size(), s.getDouble("cpuSeconds"), s.getDouble("cpuCoresBusy"),
                    s.getValue("cpuMicrosPerDelivery", "n/a"), s.getLong("rssKiB") / 1024, s.getLong("rssPeakKiB") / 1024);
            for (Object o : s.getJsonArray("members")) {
                JsonObject m = (JsonObject) o;
                System.out.printf("    member %d: %.1f CPU s (%.2f cores), RSS %d MiB, peak %d MiB; commands %.0f, fsyncs %.0f; per command received here %s%n",
                        m.getInteger("member"), m.getDouble("cpuSeconds"), m.getDouble("cpuCoresBusy"), m.getLong("rssKiB") / 1024,
                        m.getLong("rssPeakKiB") / 1024, m.getJsonObject("metrics").getDouble("commands"),
                        m.getJsonObject("metrics").getDouble("fsyncs"), m.getJsonObject("metrics").getJsonObject("perCommand", new JsonObject()).encode());
                JsonObject mm = m.getJsonObject("metrics");
                System.out.printf("      its mean times (ms): a command received here %s, fsync %s, a record's synchronous backup %s, the hop to the owner and back %s%n",
                        mm.getValue("meanCommandMs", "-"), mm.getValue("meanFsyncMs", "-"), mm.getValue("meanBackupWaitMs", "-"),
                        mm.getValue("meanForwardMs", "-"));
            }
        }
        if (s.containsKey("metrics")) {
            System.out.println("  server metrics" + (s.containsKey("members") ? " (summed over the members)" : "") + ": "
                    + s.getJsonObject("metrics").encode());
            JsonObject perCommand = s.getJsonObject("metrics").getJsonObject("perCommand");
            if (perCommand != null) {
                System.out.println("  per command" + (s.containsKey("members") ? " (over all members)" : "") + ": " + perCommand.encode());
            }
        }
        JsonObject paths = r.getJsonObject("paths");
        if (paths != null) {
            StringBuilder line = new StringBuilder("  table commands by sender's > receiver's member (p50 / p99 ms, count):");
            paths.forEach(e -> {
                JsonObject p = (JsonObject) e.getValue();
                line.append(String.format(" %s %s / %s (%d);", e.getKey(), p.getValue("p50"), p.getValue("p99"), p.getInteger("count")));
            });
            System.out.println(line);
        }
        JsonObject f = r.getJsonObject("failover");
        if (f != null) {
            System.out.printf("  failover: member %d killed %.0f s into the window; %d clients moved; after the kill (median / last):%n"
                            + "    saw the socket close %s / %s ms; connecting %s / %s ms (%d attempts, first after %d ms +-50%% as the web client);%n"
                            + "    websocket upgraded %s / %s ms, SockJS open %s / %s ms; %d catch-ups answered not_ready and asked again;%n"
                            + "    up to date again (registered and caught up) %s / %s ms = the failover gap; an event again %s / %s ms;%n"
                            + "    %d events missed live and recovered by fs.sync, %d snapshots, %d reconnects or catch-ups failed, "
                            + "%d commands sent again from the outbox;%n"
                            + "    motion: %d not sent while the sender had no socket, %d deliveries not due to clients without one (never caught up, as in the browser);%n"
                            + "    the generator's own timers in the 3 s after the kill ran late by p50 %s / p99 %s / max %s ms%n",
                    f.getInteger("killedMember"), f.getDouble("killedAfterSeconds"), f.getInteger("movedClients"),
                    f.getValue("medianLossSeenMs"), f.getValue("lastLossSeenMs"), f.getValue("medianConnectStartedMs"), f.getValue("lastConnectStartedMs"),
                    f.getLong("reconnectAttempts"), f.getLong("reconnectDelayMinMs"),
                    f.getValue("medianUpgradedMs"), f.getValue("lastUpgradedMs"), f.getValue("medianReconnectMs"), f.getValue("lastReconnectMs"),
                    f.getLong("syncsNotReady"),
                    f.getValue("medianUpToDateMs"), f.getValue("upToDateGapMs"), f.getValue("medianGapMs"), f.getValue("failoverGapMs"),
                    f.getLong("eventsRecoveredBySync"), f.getLong("snapshotsBySync"), f.getLong("reconnectFailures"),
                    f.getLong("commandsSentAgain"), f.getLong("motionNotSentWhileOffline"), f.getLong("motionNotForOfflineClients"),
                    f.getJsonObject("generatorTimerLagAfterKill").getValue("p50"), f.getJsonObject("generatorTimerLagAfterKill").getValue("p99"),
                    f.getJsonObject("generatorTimerLagAfterKill").getValue("max"));
        }
        JsonObject g = r.getJsonObject("generator");
        System.out.printf("  generator: %.1f CPU s (%.2f cores); setup %.1f s%n", g.getDouble("cpuSeconds"), g.getDouble("cpuCoresBusy"),
                r.getDouble("setupSeconds"));
        JsonObject q = r.getJsonObject("quiet");
        System.out.printf("  quiet slices (others < %.2f cores): %d of %d; there table commands p99 %s ms, motion p99 %s ms%n",
                q.getDouble("othersBelowCores"), q.getInteger("quietSlices"), q.getInteger("slices"),
                q.getJsonObject("tableCommands").getValue("p99", "n/a"), q.getJsonObject("motion").getValue("p99", "n/a"));
        JsonObject m = r.getJsonObject("machine");
        System.out.printf("  machine: %.2f cores busy, of which %.2f by other processes (load average %s)%n", m.getDouble("coresBusy"),
                m.getDouble("othersCoresBusy"), m.getString("loadAverage"));
        r.getJsonArray("notes").forEach(n -> System.out.println("  note: " + n));
        System.out.println();
    }

    private static void row(String name, JsonObject s) {
        if (s == null || s.getInteger("count", 0) == 0) {
            return;
        }
        System.out.printf("  %-14s %8d %8.2f %8.2f %8.2f %8.2f", name, s.getInteger("count"), s.getDouble("p50"), s.getDouble("p95"),
                s.getDouble("p99"), s.getDouble("max"));
        if (s.containsKey("sentPerSecond")) {
            System.out.printf(" %8.1f %8.1f %5d %5d", s.getDouble("sentPerSecond"), s.getDouble("deliveriesPerSecond"),
                    s.getLong("rejected"), s.getLong("lost"));
        }
        System.out.println();
    }

    /**
     * The commit checked out, the server code not committed, and the server sources changed after the
     * jar was built: the jar is what is measured, and a tree that moved on since measures other code.
     */
    static JsonObject build(Path jar) {
        JsonObject b = new JsonObject();
        try {
            b.put("commit", git("rev-parse", "--short", "HEAD").strip());
            JsonArray dirty = new JsonArray();
            git("status", "--porcelain", "--", "server/src/main", "sessions/src/main", "decks/src/main").lines()
                    .filter(l -> !l.isBlank()).forEach(l -> dirty.add(l.strip()));
            b.put("uncommittedServerCode", dirty);
        } catch (Exception e) {
            b.put("commit", "unknown");
        }
        try {
            long built = Files.getLastModifiedTime(jar).toMillis();
            Path root = jar.toAbsolutePath().getParent().getParent().getParent();
            long newer = 0;
            for (String module : List.of("server", "sessions", "decks")) {
                Path sources = root.resolve(module).resolve("src/main");
                if (Files.isDirectory(sources)) {
                    try (var files = Files.walk(sources)) {
                        newer += files.filter(f -> f.toFile().lastModified() > built).count();
                    }
                }
            }
            b.put("serverJarModified", java.time.Instant.ofEpochMilli(built).toString()).put("serverSourcesNewerThanJar", newer);
            if (newer > 0) {
                System.out.printf("warning: %d server source files changed after %s was built; rebuild to measure this tree%n", newer, jar);
            }
        } catch (Exception e) {
            b.put("serverJarModified", "unknown");
        }
        return b;
    }

    private static String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "";
        }
    }

    /** The box the figures come from, and the build they measure. */
    static JsonObject machine(Path jar) {
        JsonObject m = new JsonObject().put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).strip());
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    m.put("memoryMiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
            m.put("loadAverage", Files.readString(Path.of("/proc/loadavg")).strip());
        } catch (Exception e) {
            // not Linux
        }
        m.put("build", build(jar));
        return m;
    }
}
