package nl.factorspel.sessions.store;

import nl.factorspel.decks.DeckLibrary;
import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.Side;
import nl.factorspel.sessions.workshop.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The single-node store: commits in order, recovers, expires, and keeps a corrupt workshop from hurting others. */
class LocalWorkshopStoreTest {

    static Workshop.Outcome submit(LocalWorkshopStore store, String w, Integer table, Command c, Actor a) throws Exception {
        return store.submit(w, table, c, a).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static void create(LocalWorkshopStore store, String id) throws Exception {
        assertFalse(submit(store, id, null, new Command.Create(id, "W " + id, DeckLibrary.bundled().find("llo-factoren").orElseThrow(),
                1, 15, "nl", null, "CODE" + id.toUpperCase(), "fh" + id, "ph" + id), Actor.facilitator()).rejected());
    }

    @Test
    void listenersHearCommittedEventsInSeqOrderOnlyAfterTheyAreDurable(@TempDir Path data) throws Exception {
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            List<Long> heard = new ArrayList<>();
            store.onCommitted(c -> c.events().stream().filter(r -> r.table() != null).forEach(r -> heard.add(r.seq())));
            create(store, "w1");
            submit(store, "w1", null, new Command.Join("s", "Tafel", 1, "shared", "ts"), new Actor("s", Role.SHARED));
            submit(store, "w1", null, new Command.StartRound(1), Actor.facilitator());
            List<java.util.concurrent.CompletableFuture<Workshop.Outcome>> burst = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                burst.add(store.submit("w1", 1, new Command.SetQuestion("q" + (1 + i % 7)), new Actor("s", Role.SHARED)).toCompletableFuture());
            }
            for (var f : burst) {
                f.get(10, TimeUnit.SECONDS);
            }
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= 21; s++) {
                expected.add(s);
            }
            assertEquals(expected, heard);
            assertEquals(21, store.catchUp("w1", 1, 0).orElseThrow().seq());
        }
    }

    @Test
    void workshopsNotWrittenToForLongerThanTheRetentionAreDeletedWithTheirFiles(@TempDir Path data) throws Exception {
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            create(store, "old");
            create(store, "new");
            Path oldLog = data.resolve("workshops").resolve("old").resolve("events.log");
            Files.setLastModifiedTime(oldLog, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
            assertEquals(1, store.expire(Duration.ofDays(30)));
            assertEquals(List.of("new"), store.workshopIds());
            assertFalse(Files.exists(oldLog.getParent()));
            assertTrue(store.workshopByJoinCode("CODEOLD").isEmpty());
            assertTrue(store.grant("fhold").isEmpty(), "its tokens open nothing any more");
        }
    }

    @Test
    void aWorkshopWithACorruptJournalStaysUnloadedAndTheOthersLoad(@TempDir Path data) throws Exception {
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            create(store, "good");
            create(store, "bad");
            submit(store, "bad", null, new Command.Broadcast("een"), Actor.facilitator());
        }
        Path badLog = data.resolve("workshops").resolve("bad").resolve("events.log");
        String text = Files.readString(badLog);
        Files.writeString(badLog, text.replaceFirst("W bad", "W bAd"));
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            store.recover();
            assertEquals(List.of("good"), store.workshopIds());
            assertEquals(1, store.loadProblems().size());
            assertTrue(store.loadProblems().get(0).contains("events.log"), store.loadProblems().get(0));
        }
    }

    @Test
    void aRecoveredStoreAcceptsTheNextCommandWithTheNextSeq(@TempDir Path data) throws Exception {
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            create(store, "w");
            submit(store, "w", null, new Command.Join("s", "Tafel", 1, "shared", "ts"), new Actor("s", Role.SHARED));
            submit(store, "w", null, new Command.StartRound(1), Actor.facilitator());
            submit(store, "w", 1, new Command.PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), new Actor("s", Role.SHARED));
        }
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            store.recover();
            Workshop.Outcome next = submit(store, "w", 1, new Command.PlaceCard("A1", null, Side.STIMULATING, 0.7, 0.5), new Actor("s", Role.SHARED));
            assertEquals(3, next.lastSeq());
            assertEquals(2, ((nl.factorspel.sessions.workshop.Event.CardPlaced) next.events().get(0).event()).copy());
            assertTrue(store.grant("ts").isPresent(), "tokens are rebuilt from the journal");
        }
    }
}
