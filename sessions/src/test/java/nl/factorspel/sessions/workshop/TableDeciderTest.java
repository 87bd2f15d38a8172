package nl.factorspel.sessions.workshop;

import nl.factorspel.sessions.board.Placement;
import nl.factorspel.sessions.workshop.Command.*;
import nl.factorspel.sessions.workshop.Event.CardPlaced;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Given a table in round 1, when a command arrives, then these events or this rejection. */
class TableDeciderTest {

    Scenario s;
    Actor interviewer, respondent1, respondent2, reporter, observer;

    @BeforeEach
    void tableOfFiveInRoundOne() {
        s = Scenario.workshopWithTables(2);
        Actor[] seats = s.fullTable(1);
        interviewer = seats[0];
        respondent1 = seats[1];
        respondent2 = seats[2];
        reporter = seats[3];
        observer = seats[4];
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
    }

    CardPlaced place(Actor who, String card, Side side, double strength) {
        return (CardPlaced) s.ok(1, new PlaceCard(card, null, side, strength, 0.5), who).events().get(0).event();
    }

    @Test
    void respondentOfTheRoundPlacesACardAsTheFirstOfTheRound() {
        CardPlaced placed = place(respondent1, "A2", Side.STIMULATING, 0.8);
        assertEquals(new CardPlaced("p1", "A2", 1, Side.STIMULATING, 0.8, 0.5, 1), placed);
        Placement onBoard = s.workshop.table(1).board().placement("p1").orElseThrow();
        assertEquals(respondent1.participantId(), onBoard.placedBy());
        assertEquals(s.now, onBoard.placedAt());
    }

    @Test
    void theSecondCopyOfAFactorCanLieOnTheOtherSideButNotAThird() {
        place(respondent1, "A2", Side.STIMULATING, 0.8);
        CardPlaced second = place(respondent1, "A2", Side.HINDERING, 0.3);
        assertEquals(2, second.copy());
        assertEquals(2, second.order());
        s.rejected("no_copy_left", 1, new PlaceCard("A2", null, Side.HINDERING, 0.1, 0.1), respondent1);
    }

    @Test
    void aNamedCopyThatIsOnTheBoardAlreadyIsRefused() {
        s.ok(1, new PlaceCard("B1", 2, Side.STIMULATING, 0.5, 0.5), respondent1);
        s.rejected("copy_on_board", 1, new PlaceCard("B1", 2, Side.HINDERING, 0.5, 0.5), respondent1);
        s.rejected("unknown_copy", 1, new PlaceCard("B1", 3, Side.HINDERING, 0.5, 0.5), respondent1);
    }

    @Test
    void unknownCardsAndBadNumbersAreRefused() {
        s.rejected("unknown_card", 1, new PlaceCard("Z9", null, Side.STIMULATING, 0.5, 0.5), respondent1);
        s.rejected("bad_value", 1, new PlaceCard("A1", null, Side.STIMULATING, Double.NaN, 0.5), respondent1);
        s.rejected("bad_value", 1, new PlaceCard("A1", null, null, 0.5, 0.5), respondent1);
        s.rejected("bad_value", 1, new PlaceCard("A1", null, Side.STIMULATING, 0.5, null), respondent1);
        s.rejected("bad_value", 1, new PlaceCard("A1", null, Side.STIMULATING, Double.POSITIVE_INFINITY, 0.5), respondent1);
    }

    @Test
    void strengthAndPositionBeyondTheBoardAreClampedToItsEdges() {
        CardPlaced placed = (CardPlaced) s.ok(1, new PlaceCard("C1", null, Side.HINDERING, 1.7, -3.0), respondent1)
                .events().get(0).event();
        assertEquals(1.0, placed.strength());
        assertEquals(0.0, placed.y());
    }

    @Test
    void onlyTheRespondentOfTheRoundTheInterviewerAndTheFacilitatorLayCards() {
        s.rejected("not_allowed", 1, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), respondent2);
        s.rejected("not_allowed", 1, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), reporter);
        s.rejected("not_allowed", 1, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), observer);
        place(interviewer, "A1", Side.STIMULATING, 0.5);
        place(Scenario.FACILITATOR, "A3", Side.STIMULATING, 0.5);
    }

    @Test
    void aParticipantActsOnlyAtTheirOwnTable() {
        s.rejected("wrong_table", 2, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), respondent1);
        s.rejected("unknown_table", 3, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), Scenario.FACILITATOR);
    }

    @Test
    void movingRemovingAndExplainingAPlacement() {
        place(respondent1, "D2", Side.STIMULATING, 0.2);
        s.ok(1, new MoveCard("p1", Side.HINDERING, 0.9, 0.1), respondent1);
        Placement moved = s.workshop.table(1).board().placement("p1").orElseThrow();
        assertEquals(Side.HINDERING, moved.side());
        assertEquals(0.9, moved.strength());
        s.ok(1, new ExplainCard("p1", "Zijn leidinggevende gaf hem de ruimte."), interviewer);
        assertEquals("Zijn leidinggevende gaf hem de ruimte.", s.workshop.table(1).board().placement("p1").orElseThrow().explanation());
        s.ok(1, new RemoveCard("p1"), respondent1);
        assertTrue(s.workshop.table(1).board().placements().isEmpty());
        s.rejected("unknown_placement", 1, new MoveCard("p1", Side.HINDERING, 0.5, 0.5), respondent1);
    }

    @Test
    void anExplanationLongerThanTheLimitIsRefused() {
        place(respondent1, "D2", Side.STIMULATING, 0.2);
        Rejection r = s.rejected("text_too_long", 1, new ExplainCard("p1", "x".repeat(Limits.DEFAULT.maxExplanation() + 1)), respondent1);
        assertTrue(r.message().contains(Integer.toString(Limits.DEFAULT.maxExplanation())));
    }

    @Test
    void undoTakesBackTheSendersOwnLastPlacementOnly() {
        place(respondent1, "A1", Side.STIMULATING, 0.5);
        place(interviewer, "A2", Side.STIMULATING, 0.5);
        place(respondent1, "A3", Side.STIMULATING, 0.5);
        Workshop.Outcome undone = s.ok(1, new UndoPlacement(), respondent1);
        assertEquals(new Event.CardRemoved("p3", true), undone.events().get(0).event());
        s.ok(1, new UndoPlacement(), respondent1);
        assertEquals(List.of("p2"), s.workshop.table(1).board().placements().stream().map(Placement::id).toList());
        s.rejected("nothing_to_undo", 1, new UndoPlacement(), respondent1);
    }

    @Test
    void linksJoinTwoDifferentPlacedCardsOnceAndGoWithTheirCard() {
        place(respondent1, "A1", Side.STIMULATING, 0.5);
        place(respondent1, "C1", Side.STIMULATING, 0.7);
        s.ok(1, new LinkCards("p1", "p2", "versterkt"), respondent1);
        s.rejected("already_linked", 1, new LinkCards("p2", "p1", "nogmaals"), respondent1);
        s.rejected("same_card", 1, new LinkCards("p1", "p1", ""), respondent1);
        s.rejected("unknown_placement", 1, new LinkCards("p1", "p9", ""), respondent1);
        s.ok(1, new RemoveCard("p2"), respondent1);
        assertTrue(s.workshop.table(1).board().links().isEmpty());
        s.rejected("unknown_link", 1, new UnlinkCards("l1"), respondent1);
    }

    @Test
    void theObserverAnnotatesTheReporterWritesNotesTheInterviewerMovesTheScript() {
        place(respondent1, "A1", Side.STIMULATING, 0.5);
        s.ok(1, new Annotate("p1", "Twijfelde lang"), observer);
        s.ok(1, new Annotate(null, "Veel over de leidinggevende"), observer);
        s.rejected("empty_text", 1, new Annotate(null, "  "), observer);
        s.rejected("not_allowed", 1, new Annotate(null, "mag niet"), reporter);
        s.ok(1, new WriteNote("q2", "Hij volgde een cursus snoeien.", null), reporter);
        s.rejected("unknown_question", 1, new WriteNote("q99", "?", null), reporter);
        s.rejected("not_allowed", 1, new WriteNote("q2", "?", null), observer);
        s.ok(1, new SetQuestion("q3"), interviewer);
        s.rejected("not_allowed", 1, new SetQuestion("q4"), respondent1);
        s.ok(1, new WriteReflection("Let op de rol van collega's.", null), observer);
        TableState table = s.workshop.table(1);
        assertEquals("q3", table.questionId());
        assertEquals(2, table.board().annotations().size());
        RoundRecord round = table.currentRound().orElseThrow();
        assertEquals("Hij volgde een cursus snoeien.", round.notes().get("q2"));
        assertEquals("Let op de rol van collega's.", round.reflection());
    }

    @Test
    void endingTheRoundFreezesTheBoardAsItsPhotoAndTheNextRoundStartsEmpty() {
        place(respondent1, "A1", Side.STIMULATING, 0.5);
        place(respondent1, "E3", Side.HINDERING, 0.9);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.rejected("round_not_open", 1, new PlaceCard("A2", null, Side.STIMULATING, 0.5, 0.5), respondent1);
        s.ok(1, new SetProfile("B", null), interviewer);
        s.ok(1, new WriteNote("q6", "Meer tijd voor leren.", null), reporter);
        RoundRecord first = s.workshop.table(1).round(1).orElseThrow();
        assertEquals(2, first.photo().placements().size());
        assertEquals("B", first.profileId());

        s.ok(null, new StartRound(2), Scenario.FACILITATOR);
        assertTrue(s.workshop.table(1).board().placements().isEmpty(), "the cards are back in the tray");
        s.rejected("not_allowed", 1, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), respondent1);
        CardPlaced placed = place(respondent2, "A1", Side.STIMULATING, 0.5);
        assertEquals(1, placed.order(), "the order counts within the round");
        assertEquals("p3", placed.placementId(), "placement ids stay unique across rounds");
        assertEquals(2, s.workshop.table(1).round(1).orElseThrow().photo().placements().size(), "the photo of round 1 is kept");
    }

    @Test
    void aNoteNamingRoundOneIsFiledUnderRoundOneAfterRoundTwoStarted() {
        // given round 1 ended and round 2 started
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new StartRound(2), Scenario.FACILITATOR);
        // when the reporter finishes round 1's note, and the observer round 1's reflection
        Workshop.Outcome late = s.ok(1, new WriteNote("q2", "Nagekomen: hij volgde een cursus.", 1), reporter);
        s.ok(1, new WriteReflection("Achteraf: vertrouwen.", 1), observer);
        Workshop.Outcome now = s.ok(1, new WriteNote("q2", "Ronde twee.", null), reporter);
        // then the events name their round, and each text lies in its own round
        assertEquals(new Event.NoteWritten("q2", "Nagekomen: hij volgde een cursus.", 1), late.events().get(0).event());
        assertEquals(new Event.NoteWritten("q2", "Ronde twee.", 2), now.events().get(0).event());
        RoundRecord first = s.workshop.table(1).round(1).orElseThrow();
        RoundRecord second = s.workshop.table(1).round(2).orElseThrow();
        assertEquals("Nagekomen: hij volgde een cursus.", first.notes().get("q2"));
        assertEquals("Achteraf: vertrouwen.", first.reflection());
        assertEquals("Ronde twee.", second.notes().get("q2"));
        assertNull(second.reflection());
    }

    @Test
    void aRoundThatDoesNotExistYetIsRefusedAndChangesNothing() {
        long before = s.workshop.seq(1);
        s.rejected("unknown_round", 1, new WriteNote("q2", "te vroeg", 2), reporter);
        s.rejected("unknown_round", 1, new WriteNote("q2", "nul", 0), reporter);
        s.rejected("unknown_round", 1, new WriteReflection("later", 5), observer);
        s.rejected("unknown_round", 1, new SetProfile("A", 2), interviewer);
        s.rejected("unknown_round", 1, new MarkOutcome(Scenario.LLO.outcomes().get(0).id(), true, 3), interviewer);
        assertEquals(before, s.workshop.seq(1));
        assertTrue(s.workshop.table(1).round(1).orElseThrow().notes().isEmpty());
    }

    @Test
    void aRespondentChoosesTheProfileOfTheirOwnRoundOnlyEvenLater() {
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new StartRound(2), Scenario.FACILITATOR);
        s.ok(1, new SetProfile("B", 1), respondent1);
        s.ok(1, new MarkOutcome(Scenario.LLO.outcomes().get(0).id(), true, 1), respondent1);
        s.rejected("not_allowed", 1, new SetProfile("A", 1), respondent2);
        s.rejected("not_allowed", 1, new SetProfile("A", 2), respondent1);
        assertEquals("B", s.workshop.table(1).round(1).orElseThrow().profileId());
        assertEquals(List.of(Scenario.LLO.outcomes().get(0).id()), s.workshop.table(1).round(1).orElseThrow().outcomes());
        assertNull(s.workshop.table(1).round(2).orElseThrow().profileId());
    }

    @Test
    void anOldJournalWithoutRoundsFilesTextsUnderTheRoundCurrentThen() throws Exception {
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new StartRound(2), Scenario.FACILITATOR);
        s.ok(1, new WriteNote("q3", "oud", null), reporter);
        s.ok(1, new SetProfile("C", null), interviewer);
        // the journal as it was written before events named their round
        List<Recorded> old = s.journal.stream().map(r -> {
            Event e = r.event();
            if (e instanceof Event.NoteWritten n) {
                e = new Event.NoteWritten(n.questionId(), n.text(), null);
            } else if (e instanceof Event.ProfileSet p) {
                e = new Event.ProfileSet(p.profileId(), null);
            }
            return new Recorded(r.table(), r.seq(), r.at(), r.by(), e);
        }).toList();
        String profileRecord = WorkshopJson.toJournal(List.of(old.get(old.size() - 1)));
        assertFalse(profileRecord.contains("\"round\""), "an old record has no round: " + profileRecord);
        List<Recorded> read = new java.util.ArrayList<>();
        for (Recorded r : old) {
            read.addAll(WorkshopJson.fromJournal(WorkshopJson.toJournal(List.of(r))));
        }
        Workshop replayed = Workshop.replay(read);
        assertEquals("oud", replayed.table(1).round(2).orElseThrow().notes().get("q3"));
        assertEquals("C", replayed.table(1).round(2).orElseThrow().profileId());
        assertTrue(replayed.table(1).round(1).orElseThrow().notes().isEmpty());
        assertNull(replayed.table(1).round(1).orElseThrow().profileId());
    }

    @Test
    void theInterviewerRecordsTheRespondentsAttributesFromTheDeckForTheRoundsRespondent() {
        Workshop.Outcome set = s.ok(1, new SetAttribute("age", "40-50", null), interviewer);
        assertEquals(new Event.AttributeSet(respondent1.participantId(), "age", "40-50", 1), set.events().get(0).event());
        s.ok(1, new SetAttribute("municipality", "Vlissingen", 1), respondent1);
        assertEquals(java.util.Map.of("age", "40-50", "municipality", "Vlissingen"),
                s.workshop.table(1).respondentAttributes().get(respondent1.participantId()));

        s.ok(1, new SetAttribute("age", null, 1), interviewer);
        assertEquals(java.util.Map.of("municipality", "Vlissingen"), s.workshop.table(1).respondentAttributes().get(respondent1.participantId()));
    }

    @Test
    void attributesOutsideTheDeckOrItsChoicesAndOtherPeoplesAttributesAreRefused() {
        long before = s.workshop.seq(1);
        s.rejected("unknown_attribute", 1, new SetAttribute("salary", "1000", null), interviewer);
        s.rejected("bad_value", 1, new SetAttribute("age", "41", null), interviewer);
        s.rejected("bad_value", 1, new SetAttribute("municipality", "x".repeat(81), null), interviewer);
        s.rejected("not_allowed", 1, new SetAttribute("age", "40-50", null), respondent2);
        s.rejected("not_allowed", 1, new SetAttribute("age", "40-50", null), reporter);
        s.rejected("unknown_round", 1, new SetAttribute("age", "40-50", 2), interviewer);
        assertEquals(before, s.workshop.seq(1));
        assertTrue(s.workshop.table(1).respondentAttributes().isEmpty());
    }

    @Test
    void theProfileAndOutcomesMustComeFromTheDeck() {
        s.rejected("unknown_profile", 1, new SetProfile("Z", null), interviewer);
        s.ok(1, new SetProfile(null, null), interviewer);
        s.ok(1, new MarkOutcome(Scenario.LLO.outcomes().get(0).id(), true, null), respondent1);
        s.rejected("unknown_outcome", 1, new MarkOutcome("nope", true, null), respondent1);
        assertEquals(List.of(Scenario.LLO.outcomes().get(0).id()), s.workshop.table(1).currentRound().orElseThrow().outcomes());
    }

    @Test
    void aSharedLaptopHoldsEverySeatOfItsTable() {
        Actor shared = s.join("Tafel 2", 2, "shared");
        s.ok(2, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), shared);
        s.ok(2, new WriteNote("q1", "notitie", null), shared);
        s.ok(2, new Annotate(null, "opmerking"), shared);
        s.ok(2, new SetQuestion("q2"), shared);
        s.rejected("wrong_table", 1, new SetQuestion("q2"), shared);
    }

    @Test
    void theDiscussionIsAnsweredByTheReporterOnceTheGameHasStarted() {
        String prompt = Scenario.LLO.discussion().get(0).id();
        s.ok(1, new AnswerDiscussion(prompt, "Stoppen met verplichte standaardtrainingen"), reporter);
        s.rejected("unknown_prompt", 1, new AnswerDiscussion("nope", "x"), reporter);
        s.rejected("not_allowed", 1, new AnswerDiscussion(prompt, "x"), respondent1);
        assertEquals("Stoppen met verplichte standaardtrainingen", s.workshop.table(1).discussion().get(prompt));
    }

    @Test
    void theProjectorOnlyWatches() {
        s.rejected("not_allowed", 1, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), Actor.projector());
    }
}
