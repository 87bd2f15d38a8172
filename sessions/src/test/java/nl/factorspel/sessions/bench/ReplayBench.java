package nl.factorspel.sessions.bench;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A benchmark, not a test: {@code write DIR EVENTS [snapshots]} writes a journal of about EVENTS events
 * of realistic play (placements, moves, removals, explanations, notes) over workshops of 50 tables, with
 * {@code snapshots} also the snapshot the store would have written last (every 1000 records);
 * {@code replay DIR} times recovering it in a fresh process and prints the figures.
 */
public final class ReplayBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("write")) {
            write(dir, Long.parseLong(args[2]), args.length > 3 && args[3].equals("snapshots"));
        } else {
            long start = System.nanoTime();
            try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(dir), Limits.DEFAULT, Clock.systemUTC())) {
                int events = store.recover();
                double seconds = (System.nanoTime() - start) / 1e9;
                Runtime rt = Runtime.getRuntime();
                System.gc();
                System.out.printf("replayed %d events of %d workshops in %.2f s (%.0f events/s), heap after GC %d MiB%n",
                        events, store.workshopIds().size(), seconds, events / seconds, (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
        }
    }

    private static void write(Path dir, long target, boolean snapshots) throws Exception {
        Files.createDirectories(dir);
        var deck = DeckLibrary.bundled().find("llo-factoren").orElseThrow();
        Random random = new Random(42);
        long written = 0;
        int n = 0;
        try (Journal journal = new Journal(dir)) {
            while (written < target) {
                String id = "bench" + (n++);
                Workshop w = new Workshop();
                Instant now = Instant.parse("2026-01-01T09:00:00Z");
                List<String> records = new ArrayList<>();
                Workshop.Snapshot snapshot = null;
                long snapshotAt = 0;
                java.util.function.BiConsumer<Integer, Command> run = (table, c) -> {
                    Actor actor = table == null ? Actor.facilitator() : new Actor("s" + table, Role.SHARED);
                    Workshop.Outcome o = w.handle(table, c, actor, now, Limits.DEFAULT);
                    if (!o.rejected()) {
                        records.add(WorkshopJson.toJournal(o.events()));
                    }
                };
                run.accept(null, new Command.Create(id, "Bench", deck, 50, 15, "nl", null, "B" + n, "f" + n, "p" + n));
                for (int t = 1; t <= 50; t++) {
                    Workshop.Outcome o = w.handle(null, new Command.Join("s" + t, "Tafel " + t, t, "shared", "t" + n + "-" + t),
                            new Actor("s" + t, Role.SHARED), now, Limits.DEFAULT);
                    records.add(WorkshopJson.toJournal(o.events()));
                }
                run.accept(null, new Command.StartRound(1));
                int perWorkshop = 0;
                while (perWorkshop < 100_000 && written + perWorkshop < target) {
                    int t = 1 + random.nextInt(50);
                    var board = w.table(t).board().placements();
                    int r = random.nextInt(10);
                    Command c;
                    if (board.size() < 8 || r < 3) {
                        c = new Command.PlaceCard(deck.cards().get(random.nextInt(deck.cards().size())).id(), null,
                                random.nextBoolean() ? Side.STIMULATING : Side.HINDERING, random.nextDouble(), random.nextDouble());
                    } else if (r < 6) {
                        c = new Command.MoveCard(board.get(random.nextInt(board.size())).id(), Side.HINDERING, random.nextDouble(), random.nextDouble());
                    } else if (r < 8) {
                        c = new Command.ExplainCard(board.get(random.nextInt(board.size())).id(), "Uitleg bij deze kaart, nummer " + random.nextInt(1000));
                    } else {
                        c = new Command.RemoveCard(board.get(random.nextInt(board.size())).id());
                    }
                    int before = records.size();
                    run.accept(t, c);
                    perWorkshop += records.size() - before;
                    if (records.size() > before && records.size() % LocalWorkshopStore.SNAPSHOT_EVERY == 0) {
                        snapshot = w.snapshot();
                        snapshotAt = records.size();
                    }
                }
                for (int i = 0; i < records.size(); i += 1000) {
                    journal.append(id, records.subList(i, Math.min(records.size(), i + 1000))).get();
                }
                if (snapshots && snapshot != null) {
                    journal.writeSnapshot(id, snapshotAt, snapshot.toJson());
                }
                written += perWorkshop + 52;
            }
        }
        System.out.printf("wrote about %d events in %d workshops%n", written, n);
    }
}
