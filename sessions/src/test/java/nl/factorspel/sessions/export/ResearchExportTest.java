package nl.factorspel.sessions.export;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Deck;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Side;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static nl.factorspel.sessions.export.CsvExportTest.records;
import static nl.factorspel.sessions.export.CsvExportTest.unzip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The research files of the CSV export checked against what the scripted workshop really did. */
class ResearchExportTest {

    static final ScriptedWorkshop SCRIPT = ScriptedWorkshop.played(true);

    static List<Map<String, String>> file(String name, boolean pseudonymise) throws IOException {
        return records(unzip(CsvExport.zip(SCRIPT.w, pseudonymise)).get(name));
    }

    /** The participant ids of the script, by key: P01 is the first to join. */
    static Map<String, String> keyOfName() throws IOException {
        return file("participants.csv", false).stream().collect(Collectors.toMap(r -> r.get("name"), r -> r.get("participant_key")));
    }

    @Test
    void everyFieldOfEveryEventTypeHasAColumnInEventsCsvOrIsLeftOutOnPurpose() {
        Set<String> columns = EventRows.COLUMNS.stream().map(CsvExport.Column::name).collect(Collectors.toSet());
        List<Class<?>> types = Stream.concat(Stream.of(Event.WorkshopEvent.class.getPermittedSubclasses()),
                Stream.of(Event.TableEvent.class.getPermittedSubclasses())).toList();
        // The event types whose fields were given columns here; a new one fails until it is looked at.
        Set<String> reviewed = Set.of("WorkshopCreated", "ParticipantJoined", "ParticipantRenamed", "ParticipantLeft", "SeatAssigned",
                "RoundStarted", "ClockPaused", "ClockResumed", "ClockExtended", "WhistleBlown", "RoundEnded", "PhaseChanged",
                "BroadcastSent", "BroadcastCleared", "PlenaryShown", "PhaseChangeUndone", "RoundReopened", "WorkshopKept", "TableRoundStarted", "CardPlaced", "CardMoved",
                "CardRemoved", "CardExplained", "CardsLinked", "LinkRemoved", "AnnotationAdded", "NoteWritten", "ReflectionWritten",
                "QuestionSet", "ProfileSet", "OutcomeMarked", "DiscussionAnswered", "TableWhistleBlown", "TableRoundEnded",
                "AttributeSet", "TableRoundReopened");
        assertEquals(reviewed, types.stream().map(Class::getSimpleName).collect(Collectors.toSet()),
                "a new event type: give it its columns in EventRows and its meaning in docs/exports.md");
        for (Class<?> type : types) {
            for (RecordComponent field : type.getRecordComponents()) {
                String column = EventRows.columnOf(field.getName());
                assertTrue(column == null || columns.contains(column), type.getSimpleName() + "." + field.getName() + " has no column");
            }
        }
        assertEquals(columns.size(), EventRows.COLUMNS.size(), "no column twice");
    }

    @Test
    void eventsCsvHasEveryEventInOrderWithItsContext() throws IOException {
        List<Recorded> events = SCRIPT.w.allEvents();
        List<Map<String, String>> rows = file("events.csv", false);

        assertEquals(events.size(), rows.size());
        for (int i = 0; i < events.size(); i++) {
            Recorded e = events.get(i);
            Map<String, String> row = rows.get(i);
            assertEquals(Integer.toString(i + 1), row.get("event"));
            assertEquals(Long.toString(e.seq()), row.get("seq"));
            assertEquals(e.table() == null ? "workshop" : "table", row.get("stream"));
            assertEquals(EventRows.typeOf(e.event()), row.get("type"));
            assertEquals(e.at().toString(), row.get("at"));
            if (e.event() instanceof Event.CardPlaced p) {
                assertEquals(List.of(p.placementId(), p.cardId(), p.side().wire(), CsvWriter.cell(p.strength()), Integer.toString(p.order())),
                        List.of(row.get("placement_id"), row.get("card_id"), row.get("side"), row.get("strength"), row.get("placement_order")));
            }
        }
        Map<String, String> keys = keyOfName();
        Map<String, String> late = rows.stream().filter(r -> r.get("type").equals("noteWritten") && r.get("question_id").equals("q5")
                && r.get("table").equals("1")).findFirst().orElseThrow();
        assertEquals("1", late.get("round"), "the late note belongs to round 1 although round 2 was being played");
        assertEquals(keys.get("Joëlle 1"), late.get("participant_key"));
        assertEquals("reporter", late.get("seat"));
        assertEquals("q1", late.get("question_in_force"), "round 2's interview was at question 1");
        Map<String, String> explained = rows.stream().filter(r -> r.get("type").equals("cardExplained")).findFirst().orElseThrow();
        assertEquals("q3", explained.get("question_in_force"));
        assertEquals("Vertrouwen.", explained.get("text"));
        assertTrue(rows.stream().allMatch(r -> r.get("role").equals("facilitator") || r.get("role").equals("system")
                || !r.get("participant_key").isEmpty()), "every participant's event names its key");
        String all = new String(unzip(CsvExport.zip(SCRIPT.w, false)).get("events.csv"), StandardCharsets.UTF_8);
        assertFalse(all.contains("hash-t1-int") || all.contains("facilitator-hash") || all.contains("ABC123"), "no secrets");
    }

    @Test
    void placementsTellWhereACardWasFirstLaidHowOftenItMovedAndHowOftenItWasExplained() throws IOException {
        List<Map<String, String>> rows = file("placements.csv", false);
        Map<String, String> p1 = rows.get(0);
        Map<String, String> p3 = rows.get(2);
        assertEquals(List.of("stimulating", "0.8", "0", "2", "stimulating", "0.8"), List.of(p1.get("first_side"),
                p1.get("first_strength"), p1.get("times_moved"), p1.get("explanation_count"), p1.get("side"), p1.get("strength")));
        assertEquals(List.of("hindering", "0.4", "3", "1", "hindering", "0.5"), List.of(p3.get("first_side"),
                p3.get("first_strength"), p3.get("times_moved"), p3.get("explanation_count"), p3.get("side"), p3.get("strength")));
        Map<String, String> keys = keyOfName();
        for (Map<String, String> r : rows) {
            assertEquals(keys.get(r.get("placed_by")), r.get("placed_by_key"));
        }
    }

    @Test
    void explanationsCsvHasEveryVersionAsGiven() throws IOException {
        List<Map<String, String>> rows = file("explanations.csv", false);
        Comparator<String> byTableRound = Comparator.naturalOrder();
        List<String> expected = SCRIPT.explained.stream()
                .map(x -> x.table() + "/" + x.round() + "/" + x.placementId() + "/" + CsvWriter.neutralise(x.text()) + "/" + x.by())
                .sorted(byTableRound).toList();
        List<String> actual = rows.stream()
                .map(r -> r.get("table") + "/" + r.get("round") + "/" + r.get("placement_id") + "/" + r.get("text") + "/" + r.get("explained_by"))
                .sorted(byTableRound).toList();
        assertEquals(expected, actual);
        List<Map<String, String>> p1 = rows.stream().filter(r -> r.get("table").equals("1") && r.get("placement_id").equals("p1")).toList();
        assertEquals(List.of("1", "2"), p1.stream().map(r -> r.get("version")).toList());
        assertEquals(List.of("false", "true"), p1.stream().map(r -> r.get("is_last")).toList());
        assertEquals("Vertrouwen.", p1.get(0).get("text"));
    }

    @Test
    void aLateNoteIsFiledUnderItsRoundWithAuthorAndTime() throws IOException {
        List<Map<String, String>> notes = file("notes.csv", false);
        Map<String, String> late = notes.stream().filter(r -> r.get("question_id").equals("q5")).findFirst().orElseThrow();
        assertEquals(List.of("1", "1", "note"), List.of(late.get("table"), late.get("round"), late.get("kind")));
        assertEquals(keyOfName().get("Joëlle 1"), late.get("written_by_key"));
        assertEquals("Joëlle 1", late.get("written_by"));
        Map<String, String> round2 = file("profiles.csv", false).stream()
                .filter(r -> r.get("table").equals("1") && r.get("round").equals("2")).findFirst().orElseThrow();
        assertTrue(late.get("written_at").compareTo(round2.get("started_at")) > 0, "written after round 2 started");
        for (ScriptedWorkshop.Noted n : SCRIPT.noted) {
            assertTrue(notes.stream().anyMatch(r -> r.get("table").equals(Integer.toString(n.table()))
                    && r.get("round").equals(Integer.toString(n.round())) && r.get("question_id").equals(n.questionId())
                    && r.get("note").equals(CsvWriter.neutralise(n.text()))), n.toString());
        }
    }

    @Test
    void questionsCsvHasTheInterviewsCourse() throws IOException {
        List<String> expected = SCRIPT.asked.stream().map(a -> a.table() + "/" + a.round() + "/" + a.questionId() + "/" + a.by()).toList();
        List<String> actual = file("questions.csv", false).stream()
                .map(r -> r.get("table") + "/" + r.get("round") + "/" + r.get("question_id") + "/" + r.get("asked_by")).toList();
        assertEquals(expected, actual);
        assertEquals("3", file("questions.csv", false).get(1).get("question_number"));
    }

    @Test
    void participantsHaveStableKeysInJoinOrderAndNoNamesWhenPseudonymised() throws IOException {
        List<Map<String, String>> people = file("participants.csv", false);
        assertEquals(SCRIPT.names.size(), people.size());
        List<String> ids = new ArrayList<>(SCRIPT.names.keySet());
        for (int i = 0; i < people.size(); i++) {
            assertEquals(String.format("P%02d", i + 1), people.get(i).get("participant_key"));
            assertEquals(SCRIPT.names.get(ids.get(i)), people.get(i).get("name"));
        }
        assertEquals("Ruud van Dijk", people.get(1).get("name"));
        assertEquals("respondent1", people.get(1).get("seat"));

        List<Map<String, String>> hidden = file("participants.csv", true);
        assertTrue(hidden.stream().allMatch(r -> r.get("name").isEmpty()));
        assertEquals(people.stream().map(r -> r.get("participant_key")).toList(), hidden.stream().map(r -> r.get("participant_key")).toList());
        assertTrue(file("events.csv", true).stream().allMatch(r -> r.get("name").isEmpty()));
        assertEquals(people.get(1).get("participant_key"), file("placements.csv", true).get(0).get("placed_by_key"),
                "the key is the same with and without names");
    }

    @Test
    void participantsCarryTheRespondentAttributesOfTheDeckAsColumns() throws IOException {
        Map<String, byte[]> files = unzip(CsvExport.zip(SCRIPT.w, true));
        List<List<String>> rows = CsvExportTest.parse(files.get("participants.csv"));
        assertEquals(List.of("attr_gender", "attr_age", "attr_job", "attr_municipality"), rows.get(0).subList(7, 11));
        Map<String, Map<String, String>> byKey = records(files.get("participants.csv")).stream()
                .collect(Collectors.toMap(r -> r.get("participant_key"), r -> r));
        assertEquals(List.of("", "40-50", "green", ""), List.of(byKey.get("P02").get("attr_gender"), byKey.get("P02").get("attr_age"),
                byKey.get("P02").get("attr_job"), byKey.get("P02").get("attr_municipality")));
        assertEquals(List.of("woman", "", "", "Den Haag"), List.of(byKey.get("P03").get("attr_gender"), byKey.get("P03").get("attr_age"),
                byKey.get("P03").get("attr_job"), byKey.get("P03").get("attr_municipality")));
        assertTrue(byKey.get("P07").get("attr_age").isEmpty(), "nothing recorded at table 2");
        List<Map<String, String>> codebook = records(files.get("codebook.csv"));
        String age = codebook.stream().filter(r -> r.get("column").equals("attr_age")).findFirst().orElseThrow().get("meaning");
        assertTrue(age.contains("40-50 (40-50 jaar)"), age);
    }

    @Test
    void outcomesCsvHasOneRowPerOutcomeChosenInTheOrderChosen() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int t = 1; t <= SCRIPT.w.tableCount(); t++) {
            for (var r : SCRIPT.w.table(t).rounds()) {
                for (String o : r.outcomes()) {
                    expected.add(t + "/" + r.round() + "/" + o);
                }
            }
        }
        assertEquals(List.of("1/1/O1", "1/2/O2", "1/2/O1"), expected);
        List<Map<String, String>> rows = file("outcomes.csv", false);
        assertEquals(expected, rows.stream().map(r -> r.get("table") + "/" + r.get("round") + "/" + r.get("outcome_id")).toList());
        assertEquals(List.of("1", "1", "2"), rows.stream().map(r -> r.get("position")).toList());
        assertEquals(keyOfName().get("Renée 1"), rows.get(1).get("respondent_key"));
        assertFalse(rows.get(0).get("outcome_label").isEmpty());
    }

    @Test
    void theMatrixHasEveryCardAndEveryInterviewWithSignedStrengthsAndZeroForACardNeverLaid() throws IOException {
        Deck deck = ScriptedWorkshop.deck();
        Map<String, byte[]> files = unzip(CsvExport.zip(SCRIPT.w, false));
        List<Map<String, String>> cards = records(files.get("cards.csv"));
        assertEquals(deck.cards().stream().map(Card::id).toList(), cards.stream().map(r -> r.get("card_id")).toList());
        assertEquals("2", cards.get(0).get("copies"));

        List<List<String>> matrix = CsvExportTest.parse(files.get("matrix.csv"));
        assertEquals(List.of("card_id", "t1r1", "t1r2", "t2r1", "t2r2", "t3r1", "t3r2"), matrix.get(0));
        assertEquals(deck.cards().size() + 1, matrix.size());
        Map<String, List<String>> byCard = matrix.subList(1, matrix.size()).stream()
                .collect(Collectors.toMap(r -> r.get(0), r -> r.subList(1, r.size())));
        Set<String> laid = SCRIPT.laid.stream().map(ScriptedWorkshop.Laid::cardId).collect(Collectors.toSet());
        String neverLaid = deck.cards().stream().map(Card::id).filter(id -> !laid.contains(id)).findFirst().orElseThrow();
        assertEquals(List.of("0", "0", "0", "0", "0", "0"), byCard.get(neverLaid));
        assertEquals("0.6", byCard.get("C1").get(0), "t1r1: C1 stimulating at 0.6");
        assertEquals("-0.7", byCard.get("C1").get(2), "t2r1: C1 hindering at 0.7");
        assertEquals("-0.5", byCard.get("B2").get(0), "t1r1: B2 hindering at its last position");
        assertEquals("0", byCard.get("E3").get(0), "t1r1: E3 was taken off again");
        assertEquals("0.6", byCard.get("A2").get(1), "t1r2: A2 on both sides, 0.9 - 0.3");
        // every laid card on a final board gives its signed strength
        for (ScriptedWorkshop.Laid l : SCRIPT.laid) {
            if (!l.removed() && SCRIPT.laid.stream().filter(x -> x.table() == l.table() && x.round() == l.round()
                    && x.cardId().equals(l.cardId()) && !x.removed()).count() == 1) {
                int column = matrix.get(0).indexOf("t" + l.table() + "r" + l.round()) - 1;
                double signed = l.side() == Side.STIMULATING ? l.strength() : -l.strength();
                assertEquals(signed, Double.parseDouble(byCard.get(l.cardId()).get(column)), 1e-9, l.toString());
            }
        }

        List<String> statements = List.of(new String(files.get("statements.txt"), StandardCharsets.UTF_8).split("\n"));
        assertEquals(deck.cards().stream().map(c -> c.label().in("nl")).toList(), statements);
        assertEquals(cards.stream().map(r -> r.get("card_label")).toList(), statements);
    }

    @Test
    void everyCsvColumnIsDocumentedInDocsExports() throws IOException {
        java.nio.file.Path docs = java.nio.file.Path.of("..", "docs", "exports.md");
        String text = java.nio.file.Files.readString(docs);
        for (CsvExport.FileSpec f : CsvExport.FILES) {
            int at = text.indexOf("### `" + f.name() + "`");
            assertTrue(at >= 0, f.name() + " has its section");
            int next = text.indexOf("\n### ", at + 1);
            String section = text.substring(at, next < 0 ? text.length() : next);
            for (CsvExport.Column c : f.columns()) {
                assertTrue(section.contains("| `" + c.name() + "` | " + c.type() + " |"), f.name() + ": " + c.name());
            }
        }
    }
}
