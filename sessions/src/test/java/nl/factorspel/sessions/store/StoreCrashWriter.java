package nl.factorspel.sessions.store;

import nl.factorspel.decks.DeckLibrary;
import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.Side;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Run in a child JVM by {@link StoreCrashTest}: plays a table in bursts of commands and prints
 * {@code ACK <table> <seq>} for every command the store acknowledged, until it is killed.
 */
public final class StoreCrashWriter {

    public static void main(String[] args) throws Exception {
        LocalWorkshopStore store = new LocalWorkshopStore(new Journal(Path.of(args[0])), Limits.DEFAULT, Clock.systemUTC());
        store.recover();
        String w = "crash";
        store.submit(w, null, new Command.Create(w, "Crash", DeckLibrary.bundled().find("llo-factoren").orElseThrow(),
                2, 15, "nl", null, "CRASHJ01", "fh", "ph"), Actor.facilitator()).toCompletableFuture().get();
        Actor shared1 = new Actor("s1", Role.SHARED);
        Actor shared2 = new Actor("s2", Role.SHARED);
        store.submit(w, null, new Command.Join("s1", "Tafel 1", 1, "shared", "t1"), shared1).toCompletableFuture().get();
        store.submit(w, null, new Command.Join("s2", "Tafel 2", 2, "shared", "t2"), shared2).toCompletableFuture().get();
        store.submit(w, null, new Command.StartRound(1), Actor.facilitator()).toCompletableFuture().get();
        System.out.println("READY");
        System.out.flush();
        for (int burst = 0; ; burst++) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int table = 1 + (i % 2);
                Actor who = table == 1 ? shared1 : shared2;
                // Place a card, then take it back: the board stays small and every command is accepted.
                Command c = (burst + i / 2) % 2 == 0
                        ? new Command.PlaceCard("A1", 1, Side.STIMULATING, 0.5, 0.5)
                        : new Command.RemoveCard(null);
                if (c instanceof Command.RemoveCard) {
                    String placement = store.read(w, ws -> ws.table(table).board().placements().isEmpty() ? null
                            : ws.table(table).board().placements().get(0).id()).orElse(null);
                    c = placement == null ? new Command.PlaceCard("A1", 1, Side.STIMULATING, 0.5, 0.5) : new Command.RemoveCard(placement);
                }
                acks.add(store.submit(w, table, c, who).toCompletableFuture().thenAccept(outcome -> {
                    if (!outcome.rejected()) {
                        synchronized (System.out) {
                            System.out.println("ACK " + table + " " + outcome.lastSeq());
                            System.out.flush();
                        }
                    }
                }));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        }
    }
}
