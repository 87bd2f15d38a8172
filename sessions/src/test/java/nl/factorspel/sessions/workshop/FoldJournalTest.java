package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WorkshopJson#foldJournal}: records read in parts on several threads, their events folded in journal order. */
class FoldJournalTest {

    /** The golden workshop's events, one record each, repeated until the records fill several parts. */
    private static List<String> manyRecords(List<Recorded> expected) {
        List<Recorded> journal = GoldenFoldTest.fullWorkshop().journal;
        List<String> records = new ArrayList<>();
        while (records.size() < 5000) {
            for (Recorded r : journal) {
                records.add(WorkshopJson.toJournal(List.of(r)));
                expected.add(r);
            }
        }
        return records;
    }

    @Test
    void everyEventIsFoldedOnceInJournalOrder() throws Exception {
        List<Recorded> expected = new ArrayList<>();
        List<String> records = manyRecords(expected);
        List<Recorded> folded = Collections.synchronizedList(new ArrayList<>());
        List<Thread> folders = Collections.synchronizedList(new ArrayList<>());
        int count = WorkshopJson.foldJournal(records, r -> {
            folded.add(r);
            folders.add(Thread.currentThread());
        });
        assertEquals(expected.size(), count);
        assertEquals(expected, folded);
        assertEquals(List.of(Thread.currentThread()), folders.stream().distinct().toList(), "only the calling thread folds");
        assertEquals(0, WorkshopJson.foldJournal(List.of(), r -> folded.add(r)));
    }

    @Test
    void aRecordThatDoesNotReadStopsTheFoldWithTheReadersExceptionAfterTheEventsBeforeIt() throws Exception {
        List<Recorded> expected = new ArrayList<>();
        List<String> records = manyRecords(expected);
        int bad = 3000;
        records.set(bad, "{\"events\":[{\"seq\":1,\"table\":{\"type\":\"noSuchEvent\"},\"stream\":1}]}");
        List<Recorded> folded = new ArrayList<>();
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> WorkshopJson.foldJournal(records, folded::add));
        assertEquals(assertThrows(JsonProcessingException.class, () -> WorkshopJson.fromJournal(records.get(bad))).getMessage(), e.getMessage());
        assertTrue(folded.size() <= bad, "nothing from the bad record on was folded");
        assertEquals(expected.subList(0, folded.size()), folded);

        records.set(bad, "{\"events\":[]}");
        assertThrows(IllegalArgumentException.class, () -> WorkshopJson.foldJournal(records, r -> { }));
    }
}
