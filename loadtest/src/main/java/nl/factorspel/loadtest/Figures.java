package nl.factorspel.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DeckLibrary;
import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.store.LocalWorkshopStore;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.Side;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures beside the load test, each against the real jar or the real store:
 * <ul>
 *   <li>{@code start}: spawn to {@code /health} UP of {@code java -jar factorspel.jar} on an empty data
 *   folder, five times, the median;</li>
 *   <li>{@code pdf}: {@code GET /api/workshops/{id}/export.pdf} of 12 tables after two scripted rounds
 *   (the first request, cold, and the median of five more);</li>
 *   <li>{@code replay}: {@code LocalWorkshopStore.recover()} of a journal of one million events (one
 *   workshop of 200 tables, 5000 events each) in a fresh JVM, three times; and the jar's start to
 *   ready on that journal.</li>
 * </ul>
 * Memory per active table comes from the load test (see {@link LoadTest}).
 *
 * <pre>java -cp loadtest/target/factorspel-loadtest.jar nl.factorspel.loadtest.Figures [start|pdf|replay|all] [--report FILE.json]</pre>
 */
public final class Figures {

    private Figures() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        if (args.length >= 2 && args[0].equals("replay-child")) {
            replayChild(Path.of(args[1]));
            return;
        }
        if (args.length >= 2 && args[0].equals("replay-phases")) {
            replayPhases(Path.of(args[1]));
            return;
        }
        String what = args.length > 0 && !args[0].startsWith("--") ? args[0] : "all";
        LoadTest.Options o = LoadTest.parse(withSpawn(args));
        int runs = 5;
        long events = 1_000_000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--events")) {
                events = Long.parseLong(args[++i]);
            }
        }
        JsonObject report = new JsonObject().put("machine", LoadTest.machine(o.jar));
        if (what.equals("start") || what.equals("all")) {
            report.put("startToReady", startToReady(o, runs));
        }
        if (what.equals("pdf") || what.equals("all")) {
            report.put("pdfExport", pdf(o, runs));
        }
        if (what.equals("replay") || what.equals("all")) {
            report.put("replay", replay(o, events));
        }
        System.out.println(report.encodePrettily());
        if (o.report != null) {
            Files.writeString(o.report, report.encodePrettily());
        }
    }

    /** The load test's option parser wants --url or --spawn; these figures always spawn. Our own flags are dropped. */
    private static String[] withSpawn(String[] args) {
        List<String> out = new ArrayList<>(List.of("--spawn"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs") || args[i].equals("--events")) {
                i++;
            } else if (!(i == 0 && !args[i].startsWith("--"))) {
                out.add(args[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    // ------------------------------------------------------------------ start to ready

    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+) ms");

    static JsonObject startToReady(LoadTest.Options o, int runs) throws Exception {
        double[] seconds = new double[runs];
        JsonArray internal = new JsonArray();
        for (int i = 0; i < runs; i++) {
            Path dir = o.scratch.resolve("factorspel-start-" + System.nanoTime());
            try (ServerProcess server = ServerProcess.factorspel(o.jar, o.serverJvm, dir, List.of())) {
                seconds[i] = server.awaitReady(Duration.ofSeconds(60));
                Thread.sleep(300);
                Matcher m = STARTED_IN.matcher(Files.readString(server.log));
                internal.add(m.find() ? Long.parseLong(m.group(1)) : -1);
                ServerProcess.deleteTree(server.log);
            }
            System.out.printf("start to ready, run %d: %.3f s%n", i + 1, seconds[i]);
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        JsonArray all = new JsonArray();
        for (double s : seconds) {
            all.add(LoadTest.round3(s));
        }
        return new JsonObject().put("runsSeconds", all).put("medianSeconds", LoadTest.round3(sorted[runs / 2]))
                .put("serverLoggedStartMs", internal)
                .put("what", "spawn of java -jar factorspel.jar (empty data folder) to the first 200 from GET /health, polled every 5 ms");
    }

    // ------------------------------------------------------------------ PDF export

    static JsonObject pdf(LoadTest.Options o, int runs) throws Exception {
        Path dir = o.scratch.resolve("factorspel-pdf-" + System.nanoTime());
        try (ServerProcess server = ServerProcess.factorspel(o.jar, o.serverJvm, dir, List.of("--joins-per-minute", "1000000", "--creations-per-hour", "1000000",
                "--commands-per-second", "100000", "--command-burst", "100000"))) {
            server.awaitReady(Duration.ofSeconds(60));
            Http http = new Http(server.url());
            int tables = 12;
            JsonObject created = http.post("/api/workshops", new JsonObject().put("title", "PDF-meting").put("deckId", "llo-factoren")
                    .put("tables", tables).put("roundMinutes", 15).put("language", "nl"), 201).get(30, TimeUnit.SECONDS);
            String id = created.getString("workshopId");
            String token = created.getString("facilitatorToken");
            List<java.util.concurrent.CompletableFuture<?>> joins = new ArrayList<>();
            for (int t = 1; t <= tables; t++) {
                for (String seat : Play.SEATS) {
                    joins.add(http.post("/api/join", new JsonObject().put("joinCode", created.getString("joinCode"))
                            .put("name", seat + " " + t).put("table", t).put("role", seat), 200));
                }
            }
            java.util.concurrent.CompletableFuture.allOf(joins.toArray(java.util.concurrent.CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            JsonObject play = scriptedPlay(server.port, id, token, tables);
            System.out.println("scripted play: " + play.encode());

            JsonArray timings = new JsonArray();
            long bytes = 0;
            double cold = 0;
            double[] warm = new double[runs];
            for (int i = 0; i <= runs; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> r = http.get("/api/workshops/" + id + "/export.pdf", token);
                double s = (System.nanoTime() - start) / 1e9;
                if (r.statusCode() != 200) {
                    return new JsonObject().put("notMeasured", "GET export.pdf answered " + r.statusCode() + ": "
                            + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                bytes = r.body().length;
                timings.add(LoadTest.round3(s));
                if (i == 0) {
                    cold = s;
                } else {
                    warm[i - 1] = s;
                }
                System.out.printf("export.pdf %s: %.3f s, %d bytes%n", i == 0 ? "cold" : "warm " + i, s, bytes);
            }
            Arrays.sort(warm);
            int pages;
            try (var doc = org.apache.pdfbox.Loader.loadPDF(http.get("/api/workshops/" + id + "/export.pdf", token).body())) {
                pages = doc.getNumberOfPages();
            }
            return new JsonObject().put("tables", tables).put("rounds", 2).put("play", play).put("coldSeconds", LoadTest.round3(cold))
                    .put("warmMedianSeconds", LoadTest.round3(warm[runs / 2])).put("timingsSeconds", timings)
                    .put("bytes", bytes).put("pages", pages)
                    .put("what", "GET /api/workshops/{id}/export.pdf over loopback, the first request after start (cold) and " + runs + " more");
        }
    }

    /**
     * Two full rounds at every table, laid by the facilitator's console (the facilitator may act at
     * any table): per table and round 14 cards, 10 explanations, 4 moves, 2 removals, 3 links, 6
     * annotations, a note for each of the 7 questions, a reflection, a profile and two outcomes.
     */
    static JsonObject scriptedPlay(int port, String workshopId, String token, int tables) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10));
        Stats stats = new Stats();
        SockJsClient c = new SockJsClient("facilitator", token, stats);
        AtomicInteger refused = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        long started = System.nanoTime();
        try {
            Promise<SockJsClient> p = Promise.promise();
            vertx.runOnContext(v -> c.connect(vertx, ws, "127.0.0.1", port).onComplete(p));
            p.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            Random r = new Random(7);
            int[] placements = new int[tables + 1];
            for (int round = 1; round <= 2; round++) {
                await(command(c, new JsonObject().put("type", "startRound").put("workshopId", workshopId).put("round", round), refused, sent));
                List<Future<?>> all = new ArrayList<>();
                for (int t = 1; t <= tables; t++) {
                    List<String> cards = new ArrayList<>(Play.CARDS);
                    java.util.Collections.shuffle(cards, r);
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 14; i++) {
                        all.add(command(c, table(workshopId, t, "placeCard").put("cardId", cards.get(i)).put("side", i % 2 == 0 ? "stimulating" : "hindering")
                                .put("strength", r.nextDouble()).put("y", r.nextDouble()), refused, sent));
                        ids.add("p" + (++placements[t]));
                        if (i == 1) {
                            all.add(command(c, table(workshopId, t, "setQuestion").put("questionId", "q3"), refused, sent));
                        }
                        if (i < 10) {
                            all.add(command(c, table(workshopId, t, "explainCard").put("placementId", ids.get(i)).put("text", sentence(r, 80, 300)), refused, sent));
                        }
                    }
                    all.add(command(c, table(workshopId, t, "setQuestion").put("questionId", "q4"), refused, sent));
                    for (int i = 0; i < 4; i++) {
                        all.add(command(c, table(workshopId, t, "moveCard").put("placementId", ids.get(i + 2)).put("side", "hindering")
                                .put("strength", r.nextDouble()).put("y", r.nextDouble()), refused, sent));
                    }
                    for (int i = 0; i < 2; i++) {
                        all.add(command(c, table(workshopId, t, "removeCard").put("placementId", ids.get(12 + i)), refused, sent));
                    }
                    for (int i = 0; i < 3; i++) {
                        all.add(command(c, table(workshopId, t, "linkCards").put("fromPlacementId", ids.get(i)).put("toPlacementId", ids.get(i + 5))
                                .put("label", "versterkt"), refused, sent));
                    }
                    for (int i = 0; i < 6; i++) {
                        all.add(command(c, table(workshopId, t, "annotate").put("placementId", ids.get(i)).put("text", sentence(r, 40, 160)), refused, sent));
                    }
                    for (String q : Play.QUESTIONS) {
                        all.add(command(c, table(workshopId, t, "writeNote").put("questionId", q).put("text", sentence(r, 200, 600)), refused, sent));
                    }
                    all.add(command(c, table(workshopId, t, "writeReflection").put("text", sentence(r, 150, 400)), refused, sent));
                    all.add(command(c, table(workshopId, t, "setProfile").put("profileId", List.of("A", "B", "C").get(r.nextInt(3))), refused, sent));
                    all.add(command(c, table(workshopId, t, "markOutcome").put("outcomeId", "O1").put("chosen", true), refused, sent));
                    all.add(command(c, table(workshopId, t, "markOutcome").put("outcomeId", "O" + (2 + r.nextInt(5))).put("chosen", true), refused, sent));
                }
                await(Future.join(all));
                await(command(c, new JsonObject().put("type", "endRound").put("workshopId", workshopId), refused, sent));
            }
        } finally {
            c.close(vertx);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (refused.get() > 0) {
            stats.notes().forEach(n -> System.out.println("  " + n));
        }
        return new JsonObject().put("commands", sent.get()).put("refused", refused.get())
                .put("seconds", LoadTest.round((System.nanoTime() - started) / 1e9));
    }

    private static JsonObject table(String workshopId, int t, String type) {
        return new JsonObject().put("type", type).put("workshopId", workshopId).put("table", t);
    }

    private static String sentence(Random r, int min, int max) {
        String[] words = {"leidinggevende", "ruimte", "cursus", "collega's", "rooster", "diploma", "werkvloer", "mentor",
                "tijd", "budget", "ploeg", "ambitie", "zelfvertrouwen", "praktijk", "opleiding", "thuis", "loopbaan"};
        int length = min + r.nextInt(max - min);
        StringBuilder sb = new StringBuilder("Ze");
        while (sb.length() < length) {
            sb.append(' ').append(words[r.nextInt(words.length)]);
            if (r.nextInt(9) == 0) {
                sb.append('.');
            }
        }
        return sb.append('.').toString();
    }

    private static Future<JsonObject> command(SockJsClient c, JsonObject body, AtomicInteger refused, AtomicLong sent) {
        Promise<JsonObject> p = Promise.promise();
        sent.incrementAndGet();
        c.send("fs.command", body, (reply, code, message, at) -> {
            if (reply == null) {
                refused.incrementAndGet();
                System.out.println("  refused " + body.getString("type") + ": " + message);
                p.complete(new JsonObject());
            } else {
                p.complete(reply);
            }
        });
        return p.future();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ replay

    static JsonObject replay(LoadTest.Options o, long target) throws Exception {
        Path dir = o.scratch.resolve("factorspel-replay-" + System.nanoTime());
        try {
            long started = System.nanoTime();
            JsonObject written = writeJournal(dir, target);
            written.put("writeSeconds", LoadTest.round((System.nanoTime() - started) / 1e9));
            System.out.println("journal written: " + written.encode());
            JsonArray children = new JsonArray();
            double[] seconds = new double[3];
            double[] totals = new double[3];
            for (int i = 0; i < 3; i++) {
                JsonObject child = child(o, "replay-child", dir);
                children.add(child);
                seconds[i] = child.getDouble("recoverSeconds");
                totals[i] = child.getDouble("totalSeconds");
                System.out.println("replay in a fresh JVM: " + child.encode());
            }
            Arrays.sort(seconds);
            Arrays.sort(totals);
            // the target is the total: opening the journal (and loading its classes) is part of a replay
            JsonObject out = new JsonObject().put("journal", written).put("runs", children).put("medianRecoverSeconds", seconds[1])
                    .put("medianTotalSeconds", totals[1]);
            out.put("phases", child(o, "replay-phases", dir));
            System.out.println("replay phases: " + out.getJsonObject("phases").encode());
            // the same journal behind the real jar: what a restart of a busy server costs
            try (ServerProcess server = ServerProcess.factorspel(o.jar, o.serverJvm, dir, List.of())) {
                double ready = server.awaitReady(Duration.ofMinutes(5));
                Thread.sleep(500);
                ServerProcess.ProcStats s = server.stats();
                out.put("jarStartToReadySeconds", LoadTest.round3(ready)).put("jarRssKiB", s.rssKiB())
                        .put("jarHeapAfterGcKiB", ServerProcess.heapAfterGcKiB(server.pid()));
                ServerProcess.deleteTree(server.log);
                System.out.printf("the jar on this journal: ready in %.2f s%n", ready);
            }
            return out;
        } finally {
            ServerProcess.deleteTree(dir);
        }
    }

    /** Runs this class in a fresh JVM (the server's JVM options) and reads the JSON line it prints last. */
    private static JsonObject child(LoadTest.Options o, String what, Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(ServerProcess.javaBinary()));
        command.addAll(o.serverJvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Figures.class.getName(), what, dir.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(5, TimeUnit.MINUTES);
        String line = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException(out));
        return new JsonObject(line);
    }

    /** Recovers the journal in this (fresh) JVM and prints one JSON line. */
    static void replayChild(Path dir) throws Exception {
        long start = System.nanoTime();
        try (Journal journal = new Journal(dir)) {
            LocalWorkshopStore store = new LocalWorkshopStore(journal, Limits.DEFAULT, Clock.systemUTC());
            long opened = System.nanoTime();
            int events = store.recover();
            long recovered = System.nanoTime();
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heap = (rt.totalMemory() - rt.freeMemory()) / 1024;
            System.out.println(new JsonObject().put("events", events).put("workshops", store.workshopIds().size())
                    .put("openSeconds", LoadTest.round3((opened - start) / 1e9))
                    .put("recoverSeconds", LoadTest.round3((recovered - opened) / 1e9))
                    .put("totalSeconds", LoadTest.round3((recovered - start) / 1e9))
                    .put("eventsPerSecond", Math.round(events / ((recovered - opened) / 1e9)))
                    .put("heapAfterGcKiB", heap).encode());
        }
    }

    /**
     * Where a replay's time goes, each phase cold in a fresh JVM, one thread: reading and checking the
     * file, parsing the records, folding the events into the workshop.
     */
    static void replayPhases(Path dir) throws Exception {
        try (Journal journal = new Journal(dir)) {
            String id = journal.workshops().get(0);
            long t0 = System.nanoTime();
            nl.factorspel.sessions.journal.JournalReplay read = journal.read(id);
            long t1 = System.nanoTime();
            List<nl.factorspel.sessions.workshop.Recorded> events = new ArrayList<>();
            for (String record : read.records()) {
                events.addAll(WorkshopJson.fromJournal(record));
            }
            long t2 = System.nanoTime();
            Workshop w = Workshop.replay(events);
            long t3 = System.nanoTime();
            System.out.println(new JsonObject().put("events", events.size()).put("tables", w.tableCount())
                    .put("readSeconds", LoadTest.round3((t1 - t0) / 1e9))
                    .put("parseSecondsOneThread", LoadTest.round3((t2 - t1) / 1e9))
                    .put("foldSeconds", LoadTest.round3((t3 - t2) / 1e9)).encode());
        }
    }

    /**
     * A journal of realistic play: one workshop of 200 tables (5 people each), two rounds, and at
     * every table about 2,500 events per round: the respondent lays, moves and takes back cards, the
     * interviewer explains them and moves through the questions, the reporter rewrites notes, the
     * observer annotates. Written through the real deciders ({@link Workshop#handle}) and the real
     * journal, one record per command, as the server writes them.
     */
    static JsonObject writeJournal(Path dir, long target) throws Exception {
        Files.createDirectories(dir);
        Deck deck = DeckLibrary.bundled().find("llo-factoren").orElseThrow();
        int tables = 200;
        long fixed = 1 + tables * 5L + 2 * (tables + 1) * 2L; // create, joins, two rounds started and ended at every table
        long perTableRound = Math.max(1, (target - fixed + tables * 2L - 1) / (tables * 2L));
        Random r = new Random(42);
        Workshop w = new Workshop();
        String id = "replay1m";
        Instant[] now = {Instant.now().minus(Duration.ofHours(2))};
        List<String> pending = new ArrayList<>();
        long[] counts = new long[3]; // events, records, rejected
        try (Journal journal = new Journal(dir)) {
            java.util.function.BiConsumer<Integer, Object[]> run = (table, ca) -> {
                now[0] = now[0].plusMillis(5);
                Workshop.Outcome outcome = w.handle(table, (Command) ca[0], (Actor) ca[1], now[0], Limits.DEFAULT);
                if (outcome.rejected()) {
                    counts[2]++;
                    if (counts[2] < 5) {
                        System.out.println("rejected while writing: " + outcome.rejection());
                    }
                    return;
                }
                pending.add(WorkshopJson.toJournal(outcome.events()));
                counts[0] += outcome.events().size();
                counts[1]++;
            };
            run.accept(null, new Object[]{new Command.Create(id, "Replay", deck, tables, 15, "nl", null, "REPLAY1M", "f-hash", "p-hash"),
                    Actor.facilitator()});
            String[][] people = new String[tables + 1][5];
            Role[] roles = {Role.INTERVIEWER, Role.RESPONDENT, Role.RESPONDENT, Role.REPORTER, Role.OBSERVER};
            for (int t = 1; t <= tables; t++) {
                for (int s = 0; s < 5; s++) {
                    String pid = "t" + t + "s" + s;
                    people[t][s] = pid;
                    run.accept(null, new Object[]{new Command.Join(pid, Play.SEATS.get(s) + " " + t, t, Play.SEATS.get(s), "hash-" + pid),
                            new Actor(pid, roles[s])});
                }
            }
            int[] placed = new int[tables + 1];
            for (int round = 1; round <= 2; round++) {
                run.accept(null, new Object[]{new Command.StartRound(round), Actor.facilitator()});
                List<List<String[]>> boards = new ArrayList<>(); // per table: {placementId, cardId, keeper}
                long[] made = new long[tables + 1];
                for (int t = 0; t <= tables; t++) {
                    boards.add(new ArrayList<>());
                }
                List<Integer> open = new ArrayList<>();
                for (int t = 1; t <= tables; t++) {
                    open.add(t);
                }
                int respondentSeat = round == 1 ? 1 : 2;
                while (!open.isEmpty()) {
                    int slot = r.nextInt(open.size());
                    int t = open.get(slot);
                    List<String[]> board = boards.get(t);
                    Actor respondent = new Actor(people[t][respondentSeat], Role.RESPONDENT);
                    double roll = r.nextDouble();
                    Command c;
                    Actor a;
                    if (board.isEmpty() || roll < 0.20) {
                        if (board.size() >= 30) {
                            String[] p = board.remove(r.nextInt(board.size()));
                            c = new Command.RemoveCard(p[0]);
                        } else {
                            java.util.Map<String, Integer> used = new java.util.HashMap<>();
                            board.forEach(p -> used.merge(p[1], 1, Integer::sum));
                            List<String> free = Play.CARDS.stream().filter(x -> used.getOrDefault(x, 0) < Play.COPIES).toList();
                            String card = free.get(r.nextInt(free.size()));
                            board.add(new String[]{"p" + (++placed[t]), card});
                            c = new Command.PlaceCard(card, null, r.nextBoolean() ? Side.STIMULATING : Side.HINDERING, r.nextDouble(), r.nextDouble());
                        }
                        a = respondent;
                    } else if (roll < 0.45) {
                        String[] p = board.get(r.nextInt(board.size()));
                        c = new Command.MoveCard(p[0], r.nextBoolean() ? Side.STIMULATING : Side.HINDERING, r.nextDouble(), r.nextDouble());
                        a = respondent;
                    } else if (roll < 0.53) {
                        String[] p = board.remove(r.nextInt(board.size()));
                        c = new Command.RemoveCard(p[0]);
                        a = respondent;
                    } else if (roll < 0.68) {
                        String[] p = board.get(r.nextInt(board.size()));
                        c = new Command.ExplainCard(p[0], sentence(r, 60, 240));
                        a = new Actor(people[t][0], Role.INTERVIEWER);
                    } else if (roll < 0.72) {
                        c = new Command.SetQuestion(Play.QUESTIONS.get(r.nextInt(Play.QUESTIONS.size())));
                        a = new Actor(people[t][0], Role.INTERVIEWER);
                    } else if (roll < 0.90) {
                        c = new Command.WriteNote(Play.QUESTIONS.get(r.nextInt(Play.QUESTIONS.size())), sentence(r, 100, 600), null);
                        a = new Actor(people[t][3], Role.REPORTER);
                    } else {
                        String[] p = board.get(r.nextInt(board.size()));
                        c = new Command.Annotate(made[t] % 3 == 0 ? null : p[0], sentence(r, 40, 200));
                        a = new Actor(people[t][4], Role.OBSERVER);
                    }
                    long before = counts[0];
                    run.accept(t, new Object[]{c, a});
                    made[t] += counts[0] - before;
                    if (made[t] >= perTableRound) {
                        open.remove(slot);
                    }
                    if (pending.size() >= 5000) {
                        journal.append(id, new ArrayList<>(pending)).get();
                        pending.clear();
                    }
                }
                run.accept(null, new Object[]{new Command.EndRound(), Actor.facilitator()});
            }
            if (!pending.isEmpty()) {
                journal.append(id, new ArrayList<>(pending)).get();
            }
        }
        long bytes;
        try (var files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        return new JsonObject().put("events", counts[0]).put("records", counts[1]).put("rejectedWhileWriting", counts[2])
                .put("tables", tables).put("bytes", bytes);
    }
}
