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
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static nl.factorspel.sessions.store.LocalWorkshopStoreTest.create;
import static nl.factorspel.sessions.store.LocalWorkshopStoreTest.submit;
import static org.junit.jupiter.api.Assertions.*;

/** The state never runs ahead of the journal: a command the journal does not take changes nothing, now or after a restart. */
class RecordBeforeStateTest {

    private static final Actor SHARED = new Actor("s", Role.SHARED);
    private static final String LONE_SURROGATE = "x \ud83d y";

    private static void seatAndPlace(LocalWorkshopStore store) throws Exception {
        create(store, "w");
        submit(store, "w", null, new Command.Join("s", "Tafel", 1, "shared", "ts"), SHARED);
        submit(store, "w", null, new Command.StartRound(1), Actor.facilitator());
        submit(store, "w", 1, new Command.PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), SHARED);
    }

    private static String everything(LocalWorkshopStore store) {
        return store.read("w", w -> w.snapshot().toJson() + w.allEvents()).orElseThrow();
    }

    @Test
    void aCommandWhoseTextTheJournalCannotStoreIsRefusedAndTheNextOneFollowsWithoutAGap(@TempDir Path data) throws Exception {
        String before;
        long expectedSeq;
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            seatAndPlace(store);
            before = everything(store);
            long tableSeq = store.read("w", w -> w.seq(1)).orElseThrow();
            Workshop.Outcome refused = submit(store, "w", 1, new Command.ExplainCard("p1", LONE_SURROGATE), SHARED);
            assertEquals("not_recordable", refused.rejection().code());
            assertEquals(before, everything(store), "nothing in memory moved");
            Workshop.Outcome named = submit(store, "w", null, new Command.Rename("Eve \ud83d"), SHARED);
            assertTrue(named.rejected(), "a name the journal cannot store is refused too");
            assertEquals(before, everything(store));
            Workshop.Outcome next = submit(store, "w", 1, new Command.ExplainCard("p1", "gewoon 🙂"), SHARED);
            assertFalse(next.rejected());
            assertEquals(tableSeq + 1, next.lastSeq(), "the next command takes the next seq: no gap");
            expectedSeq = next.lastSeq();
        }
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            store.recover();
            assertEquals(List.of(), store.loadProblems());
            assertEquals("gewoon 🙂", store.read("w", w -> w.table(1).board().placement("p1").orElseThrow().explanation()).orElseThrow());
            assertEquals(expectedSeq, store.read("w", w -> w.seq(1)).orElseThrow());
        }
    }

    @Test
    void aJoinOrCreateTheJournalCannotStoreLeavesNoParticipantNoTokenAndNoWorkshop(@TempDir Path data) throws Exception {
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            create(store, "w");
            String before = everything(store);
            Workshop.Outcome join = submit(store, "w", null, new Command.Join("e", "Eve \ud83d", 1, "shared", "te"), new Actor("e", Role.SHARED));
            assertEquals("not_recordable", join.rejection().code());
            assertEquals(before, everything(store));
            assertTrue(store.grant("te").isEmpty(), "the refused participant's token opens nothing");

            Workshop.Outcome made = submit(store, "x", null, new Command.Create("x", "Titel \udc00", DeckLibrary.bundled().find("llo-factoren").orElseThrow(),
                    1, 15, "nl", null, "CODEX", "fhx", "phx"), Actor.facilitator());
            assertEquals("not_recordable", made.rejection().code());
            assertEquals(List.of("w"), store.workshopIds());
            assertTrue(store.workshopByJoinCode("CODEX").isEmpty());
            assertFalse(Files.exists(data.resolve("workshops").resolve("x")), "no files for a workshop that was never made");
        }
    }

    @Test
    void aJournalThatRefusesTheAppendLeavesTheWorkshopAsItWasAndSaysSo(@TempDir Path data) throws Exception {
        Journal journal = new Journal(data);
        try (LocalWorkshopStore store = new LocalWorkshopStore(journal, Limits.DEFAULT, Clock.systemUTC())) {
            seatAndPlace(store);
            String before = everything(store);
            journal.close();
            Workshop.Outcome refused = submit(store, "w", 1, new Command.ExplainCard("p1", "te laat"), SHARED);
            assertEquals("storage_failed", refused.rejection().code());
            assertEquals(before, everything(store));
        }
    }

    @Test
    void decidingACommandChangesNothingUntilItIsCommitted() {
        Workshop w = new Workshop();
        w.handle(null, new Command.Create("w", "W", DeckLibrary.bundled().find("llo-factoren").orElseThrow(), 2, 15, "nl", null,
                "CODE", "fh", "ph"), Actor.facilitator(), Instant.now(), Limits.DEFAULT);
        String before = w.snapshot().toJson();
        Workshop.Change change = w.decide(null, new Command.StartRound(1), Actor.facilitator(), Instant.now(), Limits.DEFAULT);
        assertFalse(change.rejected());
        assertEquals(before, w.snapshot().toJson());
        assertEquals(1, w.seq(null));
        w.commit(change);
        assertNotEquals(before, w.snapshot().toJson());
        assertEquals(change.outcome().events().stream().filter(r -> r.table() == null).count() + 1, w.seq(null));
        assertThrows(IllegalStateException.class, () -> w.commit(change), "a change is committed once, on the state it was decided on");
    }
}
