package nl.factorspel.sessions.store;

import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.WorkshopJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static nl.factorspel.sessions.store.LocalWorkshopStoreTest.create;
import static nl.factorspel.sessions.store.LocalWorkshopStoreTest.submit;
import static org.junit.jupiter.api.Assertions.*;

/** A workshop whose journal is damaged says so to its people, and salvage keeps everything before the damage. */
class SalvageTest {

    /** A workshop "w" with five records: created, then four broadcasts. */
    private static void fiveRecords(Path data) throws Exception {
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            create(store, "w");
            for (int i = 1; i <= 4; i++) {
                submit(store, "w", null, new Command.Broadcast("bericht " + i), Actor.facilitator());
            }
        }
    }

    private static Path log(Path data) {
        return data.resolve("workshops").resolve("w").resolve("events.log");
    }

    private static List<String> broadcasts(LocalWorkshopStore store) {
        return store.read("w", w -> w.state().broadcasts().stream().map(b -> b.text()).toList()).orElseThrow();
    }

    @Test
    void oneFlippedByteMidJournalCostsOnlyTheRecordsFromItOn(@TempDir Path data) throws Exception {
        fiveRecords(data);
        String original = Files.readString(log(data));
        Files.writeString(log(data), original.replaceFirst("bericht 3", "bericht X"));
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            store.recover();
            assertEquals(List.of(), store.workshopIds());
            String damage = store.damage("fhw").orElseThrow();
            assertTrue(damage.contains("bad checksum") && damage.contains("salvage w"), damage);
            assertTrue(store.damage("unknown").isEmpty());
            assertEquals("workshop_damaged", submit(store, "w", null, new Command.Broadcast("x"), Actor.facilitator()).rejection().code());
        }
        Salvage.Report report;
        try (Journal journal = new Journal(data)) {
            report = Salvage.run(journal, "w");
        }
        assertEquals(3, report.kept());
        assertEquals(2, report.dropped(), "the damaged record and the valid one after it: " + report.describe());
        assertTrue(report.damagedBytes() > 0);
        assertEquals(original.replaceFirst("bericht 3", "bericht X"), Files.readString(report.backup().resolve("events.log")),
                "the original is kept as it was");
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            store.recover();
            assertEquals(List.of("w"), store.workshopIds());
            assertEquals(List.of("bericht 1", "bericht 2"), broadcasts(store));
            assertFalse(submit(store, "w", null, new Command.Broadcast("weer verder"), Actor.facilitator()).rejected(),
                    "the salvaged workshop takes commands");
        }
    }

    @Test
    void aRecordThatDoesNotFollowItsStreamIsWhereSalvageCuts(@TempDir Path data) throws Exception {
        fiveRecords(data);
        try (Journal journal = new Journal(data)) {
            // As the journal of a server that applied a command it then failed to store: a seq gap.
            Recorded gap = new Recorded(null, 9, Instant.now(), Actor.facilitator(), new Event.BroadcastSent("na het gat"));
            journal.append("w", List.of(WorkshopJson.toJournal(List.of(gap)))).get();
        }
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            store.recover();
            assertTrue(store.damage("fhw").orElseThrow().contains("does not follow"), store.damage("fhw").orElseThrow());
        }
        try (Journal journal = new Journal(data)) {
            Salvage.Report report = Salvage.run(journal, "w");
            assertEquals(5, report.kept());
            assertEquals(1, report.dropped());
            assertTrue(report.problem().contains("record 6"), report.describe());
        }
        try (LocalWorkshopStore store = new LocalWorkshopStore(new Journal(data), Limits.DEFAULT, Clock.systemUTC())) {
            store.recover();
            assertEquals(List.of("bericht 1", "bericht 2", "bericht 3", "bericht 4"), broadcasts(store));
        }
    }

    @Test
    void aJournalDamagedInItsFirstRecordIsLeftAlone(@TempDir Path data) throws Exception {
        fiveRecords(data);
        byte[] bytes = Files.readAllBytes(log(data));
        bytes[20] ^= 1;
        Files.write(log(data), bytes);
        try (Journal journal = new Journal(data)) {
            assertThrows(java.io.IOException.class, () -> Salvage.run(journal, "w"));
        }
        assertArrayEquals(bytes, Files.readAllBytes(log(data)));
        assertEquals(new String(bytes, StandardCharsets.ISO_8859_1), Files.readString(log(data), StandardCharsets.ISO_8859_1));
    }
}
