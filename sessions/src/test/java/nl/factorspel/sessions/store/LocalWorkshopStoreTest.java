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
    void aWorkshopTheFacilitatorKeepsIsNotExpiredEvenWhenClosed(@TempDir Path data) throws Exception {
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            create(store, "kept");
            submit(store, "kept", null, new Command.SetPhase(nl.factorspel.sessions.workshop.Phase.CLOSED), Actor.facilitator());
            Path log = data.resolve("workshops").resolve("kept").resolve("events.log");
            Files.setLastModifiedTime(log, FileTime.from(Instant.now().minus(Duration.ofDays(29))));
            assertFalse(submit(store, "kept", null, new Command.KeepWorkshop(), Actor.facilitator()).rejected());
            assertTrue(Files.getLastModifiedTime(log).toInstant().isAfter(Instant.now().minus(Duration.ofMinutes(1))));
            assertEquals(0, store.expire(Duration.ofDays(1)));
            assertEquals(List.of("kept"), store.workshopIds());
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

    @Test
    void aRestartFoldsOnlyTheRecordsAfterTheLastSnapshotAndAnswersExactlyAsAFullReplay(@TempDir Path data) throws Exception {
        Actor shared = new Actor("s", Role.SHARED);
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC(), 10)) {
            create(store, "w");
            submit(store, "w", null, new Command.Join("s", "Tafel", 1, "shared", "ts"), shared);
            submit(store, "w", null, new Command.StartRound(1), Actor.facilitator());
            for (int i = 0; i < 35; i++) {
                Command c = i % 6 == 0 ? new Command.PlaceCard("A" + (1 + i / 6), null, Side.STIMULATING, 0.1 * (i % 10), 0.5)
                        : new Command.SetQuestion("q" + (1 + i % 7));
                Workshop.Outcome outcome = submit(store, "w", 1, c, shared);
                assertFalse(outcome.rejected(), c + ": " + outcome.rejection());
            }
        } // 38 records: snapshots after 10, 20 and 30
        assertTrue(Files.readString(data.resolve("workshops/w/snapshot.json")).startsWith("{\"recordCount\":30,"));

        Workshop.Snapshot state;
        List<nl.factorspel.sessions.workshop.Recorded> history;
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC(), 10)) {
            int folded = store.recover();
            assertEquals(List.of(), store.loadProblems());
            assertEquals(8, folded, "only the 8 records after the snapshot are folded");
            state = store.read("w", Workshop::snapshot).orElseThrow();
            history = store.read("w", Workshop::allEvents).orElseThrow();
            long seq = state.tableSeqs().get(0);
            CatchUp fromStart = store.catchUp("w", 1, 0).orElseThrow();
            assertNotNull(fromStart.snapshot(), "a client from before the snapshot gets the table as it is");
            assertEquals(seq, fromStart.seq());
            CatchUp recent = store.catchUp("w", 1, seq - 2).orElseThrow();
            assertEquals(List.of(seq - 1, seq), recent.events().stream().map(r -> r.seq()).toList());
            assertTrue(store.grant("ts").isPresent() && store.grant("fhw").isPresent() && store.grant("phw").isPresent(),
                    "tokens are rebuilt from the snapshot");
            assertEquals(java.util.Optional.of("w"), store.workshopByJoinCode("CODEW"));
        }

        Files.delete(data.resolve("workshops/w/snapshot.json"));
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC(), 0)) {
            assertEquals(history.size(), store.recover(), "without the snapshot every event is folded");
            assertEquals(state, store.read("w", Workshop::snapshot).orElseThrow(), "the same state as from the snapshot");
            assertEquals(history, store.read("w", Workshop::allEvents).orElseThrow(), "the same events, also those before the snapshot");
            Workshop.Outcome next = submit(store, "w", 1, new Command.SetQuestion("q1"), shared);
            assertEquals(state.tableSeqs().get(0) + 1, next.lastSeq());
        }
    }

    @Test
    void aWorkshopWhoseJournalCannotBeWrittenRefusesCommandsUntilARestartAndKeepsWhatWasSaved(@TempDir Path data) throws Exception {
        Actor shared = new Actor("s", Role.SHARED);
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
        long saved;
        try (LocalWorkshopStore store = new LocalWorkshopStore(nl.factorspel.sessions.journal.FailingDisk.journal(data, failing),
                Limits.DEFAULT, Clock.systemUTC())) {
            create(store, "w");
            submit(store, "w", null, new Command.Join("s", "Tafel", 1, "shared", "ts"), shared);
            submit(store, "w", null, new Command.StartRound(1), Actor.facilitator());
            saved = store.read("w", w -> w.seq(1)).orElseThrow();
            failing.set(true);
            var lost = store.submit("w", 1, new Command.PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), shared).toCompletableFuture();
            assertThrows(java.util.concurrent.ExecutionException.class, () -> lost.get(10, TimeUnit.SECONDS), "not acknowledged");
            failing.set(false);
            Workshop.Outcome refused = submit(store, "w", 1, new Command.PlaceCard("A2", null, Side.STIMULATING, 0.5, 0.5), shared);
            assertEquals("storage_failed", refused.rejection().code(), "a command after the lost one would build on it");
            create(store, "other");
        }
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            store.recover();
            assertEquals(List.of(), store.loadProblems());
            assertEquals(saved, store.read("w", w -> w.seq(1)).orElseThrow(), "the unacknowledged card is not there");
            Workshop.Outcome next = submit(store, "w", 1, new Command.PlaceCard("A2", null, Side.STIMULATING, 0.5, 0.5), shared);
            assertEquals(saved + 1, next.lastSeq(), "after a restart the workshop goes on from what was saved");
            assertTrue(store.workshopIds().contains("other"), "other workshops were not affected");
        }
    }
}
