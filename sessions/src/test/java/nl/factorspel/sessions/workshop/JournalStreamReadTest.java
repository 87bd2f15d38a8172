package nl.factorspel.sessions.workshop;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay's streaming read of journal records ({@link WorkshopJson#streamJournal}) against the data
 * binding that defines the form ({@link WorkshopJson#bindJournal}): the same events for every event type of
 * the golden workshop, and the binding's answer for every record in another shape.
 */
class JournalStreamReadTest {

    @Test
    void theStreamingReadGivesTheBoundEventsForEveryEventTypeOfTheGoldenWorkshop() throws Exception {
        List<Recorded> journal = GoldenFoldTest.fullWorkshop().journal;
        Set<String> types = new TreeSet<>();
        Set<String> streamedTypes = new TreeSet<>();
        List<Recorded> streamedEvents = new java.util.ArrayList<>();
        for (Recorded r : journal) {
            String record = WorkshopJson.toJournal(List.of(r));
            List<Recorded> streamed = WorkshopJson.streamJournal(record);
            assertEquals(List.of(r), WorkshopJson.bindJournal(record), record);
            assertEquals(List.of(r), WorkshopJson.fromJournal(record), record);
            if (streamed != null) {
                assertEquals(List.of(r), streamed, record);
                streamedTypes.add(r.event().getClass().getSimpleName());
                streamedEvents.add(r);
            }
            types.add(r.event().getClass().getSimpleName() + (r.table() == null ? "@workshop" : "@table"));
        }
        // the events of play are read by the stream; a workshop's creation (with its deck) by the binding
        assertTrue(streamedTypes.containsAll(Set.of("CardPlaced", "CardMoved", "CardRemoved", "CardExplained", "CardsLinked",
                "AnnotationAdded", "NoteWritten", "QuestionSet", "ReflectionWritten", "TableRoundEnded")), streamedTypes.toString());
        assertTrue(!streamedTypes.contains("WorkshopCreated"));
        // many events in one record, as a command that touches every table writes them
        String whole = WorkshopJson.toJournal(journal);
        assertNull(WorkshopJson.streamJournal(whole), "the golden journal begins with the workshop's creation");
        assertEquals(streamedEvents, WorkshopJson.streamJournal(WorkshopJson.toJournal(streamedEvents)));
        assertEquals(WorkshopJson.bindJournal(whole), WorkshopJson.fromJournal(whole));
    }

    @Test
    void aRecordInAnotherShapeIsReadByTheBinding() throws Exception {
        String by = "\"by\":{\"participantId\":\"p1\",\"role\":\"respondent\"}";
        String table = "\"table\":{\"type\":\"questionSet\",\"questionId\":\"q1\"}";
        List<String> others = List.of(
                "{\"events\":[{" + table + ",\"stream\":1," + by + ",\"atNanos\":5,\"seq\":2,\"extra\":[1,{\"a\":2}]}],\"more\":3}",
                "{\"events\":[{\"seq\":\"2\",\"atNanos\":5," + by + ",\"stream\":1," + table + "}]}",
                "{\"events\":[{\"seq\":2,\"seq\":3,\"atNanos\":5," + by + ",\"stream\":1," + table + "}]}",
                "{\"events\":[{\"seq\":2,\"atNanos\":5.0," + by + ",\"stream\":1," + table + "}]}",
                "{\"events\":[{\"seq\":2,\"atNanos\":5,\"by\":{\"role\":\"respondent\",\"participantId\":\"p1\",\"x\":1},\"stream\":\"1\"," + table + "}]}");
        for (String record : others) {
            assertEquals(WorkshopJson.bindJournal(record), WorkshopJson.fromJournal(record), record);
        }
        // the first is only reordered and has unknown fields: the stream reads it too
        assertEquals(WorkshopJson.bindJournal(others.get(0)), WorkshopJson.streamJournal(others.get(0)));
        assertNull(WorkshopJson.streamJournal(others.get(1)));
        assertNull(WorkshopJson.streamJournal(others.get(2)));
    }

    @Test
    void aRecordThatDoesNotReadFailsAsTheBindingFails() {
        for (String record : List.of("{\"events\":[]}", "{}", "{\"events\":[{\"seq\":1,\"atNanos\":5,\"stream\":1,"
                + "\"table\":{\"type\":\"questionSet\",\"questionId\":\"q1\"}}]}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkshopJson.fromJournal(record));
            assertEquals(assertThrows(IllegalArgumentException.class, () -> WorkshopJson.bindJournal(record)).getMessage(), e.getMessage());
        }
        for (String record : List.of("{\"events\":[{\"seq\":1,\"table\":{\"type\":\"noSuchEvent\"},\"stream\":1}]}", "{\"events\":[", "[]")) {
            assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> WorkshopJson.fromJournal(record), record);
        }
    }
}
