package nl.factorspel.sessions.workshop;

import nl.factorspel.sessions.workshop.Command.ExplainCard;
import nl.factorspel.sessions.workshop.Command.PlaceCard;
import nl.factorspel.sessions.workshop.Command.StartRound;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client's command id travels on every event the command produced, and makes a resend harmless. */
class CommandIdsTest {

    private final Scenario s = Scenario.workshopWithTables(2);
    private final Actor[] table1 = s.fullTable(1);
    private final Actor interviewer = table1[0];

    private Workshop.Outcome send(Workshop w, Command command, Actor by, String commandId) {
        Integer table = command instanceof Command.TableCommand ? 1 : null;
        return w.handle(table, command, by, s.now, s.limits, commandId);
    }

    @Test
    void everyEventOfACommandCarriesItsIdAndTheWireAndJournalFormsKeepIt() throws Exception {
        Workshop.Outcome start = send(s.workshop, new StartRound(1), Scenario.FACILITATOR, "console-1");
        assertTrue(start.events().size() > 1, "a round start touches the workshop and every table");
        start.events().forEach(r -> assertEquals("console-1", r.commandId()));
        assertEquals("console-1", WorkshopJson.toWire(start.events().get(0)).get("commandId").asText());
        List<Recorded> back = WorkshopJson.fromJournal(WorkshopJson.toJournal(start.events()));
        assertEquals(start.events(), back);
        assertFalse(WorkshopJson.toWire(s.workshop.allEvents().get(0)).has("commandId"), "a command without an id leaves none");
    }

    @Test
    void theSameIdFromTheSameSenderAgainIsAnsweredWithTheFirstOutcomeAndChangesNothing() {
        send(s.workshop, new StartRound(1), Scenario.FACILITATOR, "c-1");
        Workshop.Outcome first = send(s.workshop, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), interviewer, "laptop-7");
        String before = s.fingerprint();
        Workshop.Outcome again = send(s.workshop, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), interviewer, "laptop-7");
        assertTrue(again.repeated());
        assertFalse(again.rejected());
        assertTrue(again.events().isEmpty(), "nothing new to store");
        assertEquals(first.lastSeq(), again.lastSeq(), "the reply repeats the first seq");
        assertEquals(before, s.fingerprint(), "the card lies once");
    }

    @Test
    void anotherSendersCommandWithTheSameIdIsItsOwnCommand() {
        send(s.workshop, new StartRound(1), Scenario.FACILITATOR, "shared-1");
        Workshop.Outcome placed = send(s.workshop, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), interviewer, "shared-1");
        assertFalse(placed.repeated(), "an id learnt from the stream does not let someone else's command count as done");
        assertEquals(1, s.workshop.table(1).board().placements().size());
    }

    @Test
    void aRepeatIsRecognisedAfterAReplayOfTheJournalAndAfterARestoreFromASnapshot() throws Exception {
        List<Recorded> journal = new ArrayList<>(s.workshop.allEvents());
        Workshop.Outcome start = send(s.workshop, new StartRound(1), Scenario.FACILITATOR, "c-1");
        journal.addAll(start.events());
        Workshop.Outcome placed = send(s.workshop, new PlaceCard("B2", null, Side.HINDERING, 0.3, 0.4), interviewer, "i-1");
        journal.addAll(placed.events());
        Workshop.Outcome explained = send(s.workshop, new ExplainCard(placed.events().get(0).event() instanceof Event.CardPlaced p ? p.placementId() : "?", "omdat"), interviewer, "i-2");
        journal.addAll(explained.events());
        List<Recorded> fromText = new ArrayList<>();
        for (Recorded r : journal) {
            fromText.addAll(WorkshopJson.fromJournal(WorkshopJson.toJournal(List.of(r))));
        }
        Workshop replayed = Workshop.replay(fromText);
        Workshop.Outcome again = send(replayed, new PlaceCard("B2", null, Side.HINDERING, 0.3, 0.4), interviewer, "i-1");
        assertTrue(again.repeated(), "after a replay");
        assertEquals(placed.lastSeq(), again.lastSeq());

        Workshop.Snapshot snapshot = Workshop.Snapshot.fromJson(replayed.snapshot().toJson());
        Workshop restored = Workshop.restore(snapshot, () -> fromText);
        Workshop.Outcome afterRestore = send(restored, new PlaceCard("B2", null, Side.HINDERING, 0.3, 0.4), interviewer, "i-1");
        assertTrue(afterRestore.repeated(), "after a restore from a snapshot taken behind it");
        assertEquals(placed.lastSeq(), afterRestore.lastSeq());
        assertEquals(1, restored.table(1).board().placements().size());
    }

    @Test
    void aMalformedIdIsRefusedAndChangesNothing() {
        String before = s.fingerprint();
        for (String bad : new String[] {"", "x".repeat(65), "a b", "../x", "é"}) {
            Workshop.Outcome o = send(s.workshop, new StartRound(1), Scenario.FACILITATOR, bad);
            assertTrue(o.rejected(), "refused: '" + bad + "'");
            assertEquals("bad_value", o.rejection().code());
        }
        assertEquals(before, s.fingerprint());
    }
}
