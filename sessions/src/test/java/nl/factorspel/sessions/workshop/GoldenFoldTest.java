package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.factorspel.sessions.workshop.Command.*;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One fold, proved twice: a full workshop (two tables, two rounds, every event type) is recorded as
 * the wire events a client receives, with the views the server's fold gives. This test holds the
 * recording and the views in {@code src/test/resources/golden/} to the Java fold; the web client's
 * {@code state.test.mjs} folds the same events with {@code state.js} and must reach the same views.
 * After a deliberate change, run with {@code -Dgolden.update=true} to write the files anew.
 */
class GoldenFoldTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectWriter PRETTY = WorkshopJson.MAPPER.writerWithDefaultPrettyPrinter();

    @Test
    void theRecordedWorkshopCoversEveryEventTypeAndTheJavaFoldGivesTheExpectedViews() throws Exception {
        Scenario s = fullWorkshop();
        ArrayNode events = WorkshopJson.MAPPER.createArrayNode();
        s.journal.forEach(r -> events.add(WorkshopJson.toWire(r)));
        ObjectNode expected = WorkshopJson.MAPPER.createObjectNode();
        ArrayNode tables = expected.putArray("tables");
        for (int t = 1; t <= s.workshop.tableCount(); t++) {
            tables.add(WorkshopViews.table(s.workshop, t));
        }
        ObjectNode room = WorkshopViews.workshop(s.workshop, s.now);
        ObjectNode foldedRoom = expected.putObject("workshop");
        for (String field : List.of("title", "tables", "roundMinutes", "language", "joinCode", "phase", "round", "roundOpen",
                "participants", "broadcasts", "broadcastsClearedAt", "plenary")) {
            foldedRoom.set(field, room.get(field));
        }
        foldedRoom.set("clockStatus", room.get("clock").get("status"));

        Set<String> seen = new TreeSet<>();
        events.forEach(e -> seen.add(e.get("type").asText() + "@" + (e.has("stream") ? "table" : "workshop")));
        Set<String> all = new TreeSet<>();
        Catalogue.events().forEach(e -> all.add(e.name() + "@" + e.stream().wire()));
        all.removeAll(seen);
        assertEquals(Set.of(), all, "the golden workshop lacks these event types: add them to fullWorkshop()");

        compareOrWrite("events.json", events);
        compareOrWrite("views.json", expected);
        compareOrWrite("catalogue.json", Catalogue.toJson());

        // Every view and export reads every event type without a gap: a view that does not know an event fails here.
        assertTrue(nl.factorspel.sessions.plenary.PlenarySummary.of(s.workshop).tableRounds() > 0);
        for (String file : nl.factorspel.sessions.export.CsvExport.FILE_NAMES) {
            assertTrue(nl.factorspel.sessions.export.CsvExport.file(s.workshop, file, false).length > 0, file);
        }
        assertTrue(nl.factorspel.sessions.export.PdfExport.workshop(s.workshop, "nl", true).length > 0);

        // And the journal's text form of the same events folds back into the same tables.
        List<Recorded> back = new ArrayList<>();
        for (Recorded r : s.journal) {
            back.addAll(WorkshopJson.fromJournal(WorkshopJson.toJournal(List.of(r))));
        }
        Workshop replayed = Workshop.replay(back);
        for (int t = 1; t <= s.workshop.tableCount(); t++) {
            assertEquals(tables.get(t - 1), WorkshopViews.table(replayed, t));
        }
    }

    private static void compareOrWrite(String name, JsonNode actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        String text = PRETTY.writeValueAsString(actual) + "\n";
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, text);
            return;
        }
        // Both through the text, so that number node types (int or long) do not count as a difference.
        assertEquals(WorkshopJson.MAPPER.readTree(Files.readString(file)), WorkshopJson.MAPPER.readTree(text),
                "golden/" + name + " differs from what the server's fold gives; if the change is meant, run with -Dgolden.update=true");
    }

    /** Two tables, two rounds: every command a client can send, the whistle, and every way a person moves. */
    static Scenario fullWorkshop() {
        Scenario s = Scenario.workshopWithTables(2);
        Actor[] t1 = s.fullTable(1);
        Actor ilse = t1[0], ruud = t1[1], rosa = t1[2], rik = t1[3], olga = t1[4];
        Actor shared = s.join("Tafel twee", 2, "shared");
        Actor f = Scenario.FACILITATOR;
        s.ok(null, new Broadcast("Welkom bij het Factorspel"), f);
        s.ok(null, new ClearBroadcast(), f);
        s.ok(null, new StartRound(1), f);
        tick(s, 20);
        s.ok(1, new SetQuestion("q3"), ilse);
        s.ok(1, new PlaceCard("A1", null, Side.STIMULATING, 0.8, 0.2), ruud);
        s.ok(1, new ExplainCard("p1", "Hij wilde verder groeien."), ruud);
        s.ok(1, new ExplainCard("p1", "Hij wilde echt verder groeien."), ilse);
        s.ok(1, new PlaceCard("C2", null, Side.STIMULATING, 0.5, 0.6), ruud);
        s.ok(1, new MoveCard("p2", Side.HINDERING, 0.3, 0.5), ruud);
        s.ok(1, new LinkCards("p1", "p2", "hangt samen"), ruud);
        s.ok(1, new PlaceCard("E1", null, Side.HINDERING, 0.9, 0.9), ruud);
        s.ok(1, new UndoPlacement(), ruud);
        s.ok(1, new PlaceCard("B3", 2, Side.STIMULATING, 0.1, 0.4), ilse);
        s.ok(1, new RemoveCard("p4"), ilse);
        s.ok(1, new UnlinkCards("l1"), ruud);
        s.ok(1, new LinkCards("p2", "p1", "versterkt"), ruud);
        s.ok(1, new Annotate("p1", "Let op zijn toon."), olga);
        s.ok(1, new Annotate(null, "Het bord is vol."), olga);
        s.ok(1, new WriteNote("q3", "Ambitie en ruimte.", null), rik);
        s.ok(1, new WriteNote("q3", "Ambitie, ruimte en een goede leidinggevende.", 1), rik);
        s.ok(null, new PauseClock(), f);
        tick(s, 30);
        s.ok(null, new ResumeClock(), f);
        s.ok(null, new ExtendClock(60), f);
        s.ok(2, new PlaceCard("D1", null, Side.HINDERING, 0.6, 0.3), shared);
        s.ok(2, new WriteNote("q1", "Een collega van de buitendienst.", null), shared);
        tick(s, 16 * 60);
        s.ok(null, new ExpireClock(), Actor.SYSTEM);
        s.ok(1, new WriteReflection("Collega's doen ertoe.", null), olga);
        s.ok(1, new SetProfile("A", null), ilse);
        s.ok(1, new MarkOutcome("O1", true, null), ruud);
        s.ok(1, new MarkOutcome("O2", true, 1), ilse);
        s.ok(1, new MarkOutcome("O1", false, null), ilse);
        s.ok(null, new EndRound(), f);
        // ended a moment too early: taken back, played on, ended again
        s.ok(null, new UndoLastChange("endRound"), f);
        s.ok(1, new PlaceCard("D2", null, Side.HINDERING, 0.2, 0.7), ruud);
        s.ok(null, new EndRound(), f);
        s.ok(null, new AssignRole(rik.participantId(), 1, "observer"), f);
        s.ok(null, new AssignRole(olga.participantId(), 2, "observer"), f);
        s.ok(null, new ClaimSeat("reporter"), rik);
        s.ok(null, new Rename("Rik de Vries"), rik);
        s.ok(null, new StartRound(2), f);
        tick(s, 10);
        s.ok(1, new PlaceCard("A2", null, Side.STIMULATING, 0.4, 0.5), rosa);
        s.ok(1, new ExplainCard("p6", "Zij zocht richting."), rosa);
        s.ok(1, new SetProfile("B", 2), rosa);
        s.ok(1, new SetProfile(null, null), ilse);
        s.ok(1, new SetAttribute("gender", "woman", null), ilse);
        // the reporter finishes round 1's note while round 2 runs: it stays with round 1
        s.ok(1, new WriteNote("q6", "Meer tijd voor leren.", 1), rik);
        s.ok(null, new Leave(), rosa);
        s.ok(null, new EndRound(), f);
        s.ok(null, new SetPhase(Phase.PLENARY), f);
        s.ok(null, new UndoLastChange("setPhase"), f);
        s.ok(null, new SetPhase(Phase.PLENARY), f);
        s.ok(null, new ShowPlenary("boards", "A", List.of("1.1", "2.1")), f);
        s.ok(null, new SetPhase(Phase.DISCUSSION), f);
        s.ok(1, new AnswerDiscussion("stop", "Minder papierwerk."), rik);
        s.ok(2, new AnswerDiscussion("keep", "De buddy."), shared);
        s.ok(null, new SetPhase(Phase.CLOSED), f);
        s.ok(null, new KeepWorkshop(), f);
        return s;
    }

    private static void tick(Scenario s, int seconds) {
        s.now = s.now.plusSeconds(seconds);
    }
}
