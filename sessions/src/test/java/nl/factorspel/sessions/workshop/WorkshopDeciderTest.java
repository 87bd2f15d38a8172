package nl.factorspel.sessions.workshop;

import nl.factorspel.sessions.workshop.Command.*;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Given a room, when the facilitator or a participant acts, then these events or this rejection. */
class WorkshopDeciderTest {

    @Test
    void newcomersFillTheSeatsOfATableInOrder() {
        Scenario s = Scenario.workshopWithTables(2);
        Actor[] five = s.fullTable(1);
        assertEquals(List.of(Role.INTERVIEWER, Role.RESPONDENT, Role.RESPONDENT, Role.REPORTER, Role.OBSERVER),
                List.of(five[0].role(), five[1].role(), five[2].role(), five[3].role(), five[4].role()));
        Scenario t = Scenario.workshopWithTables(1);
        Actor first = t.join("A", 1, null);
        Actor second = t.join("B", 1, null);
        assertEquals(Seat.INTERVIEWER, t.workshop.state().participant(first.participantId()).orElseThrow().seat());
        assertEquals(Seat.RESPONDENT_1, t.workshop.state().participant(second.participantId()).orElseThrow().seat());
    }

    @Test
    void joiningWithoutATableGoesToTheEmptiestTable() {
        Scenario s = Scenario.workshopWithTables(3);
        s.join("A", 1, null);
        s.join("B", 2, null);
        Actor c = s.join("C", null, null);
        assertEquals(3, s.workshop.state().participant(c.participantId()).orElseThrow().table());
    }

    @Test
    void aTakenSeatAFullTableAndAnUnknownTableAreRefused() {
        Scenario s = Scenario.workshopWithTables(1);
        s.fullTable(1);
        s.rejected("seat_taken", null, new Join("x", "Xavier", 1, "reporter", "tx"), new Actor("x", Role.INTERVIEWER));
        s.rejected("table_full", null, new Join("x", "Xavier", 1, null, "tx"), new Actor("x", Role.INTERVIEWER));
        s.rejected("unknown_table", null, new Join("x", "Xavier", 7, null, "tx"), new Actor("x", Role.INTERVIEWER));
        s.rejected("bad_value", null, new Join("y", " ", 1, "shared", "ty"), new Actor("y", Role.INTERVIEWER));
        s.rejected("text_too_long", null, new Join("y", "n".repeat(61), 1, "shared", "ty"), new Actor("y", Role.INTERVIEWER));
    }

    @Test
    void startingARoundStartsTheClockAndEveryTableWithItsRespondent() {
        Scenario s = Scenario.workshopWithTables(2);
        Actor[] five = s.fullTable(1);
        Workshop.Outcome started = s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        assertEquals(List.of("roundStarted", "roundStarted@1", "roundStarted@2"), Scenario.types(started));
        assertEquals(new Event.TableRoundStarted(1, Seat.RESPONDENT_1, five[1].participantId()), started.events().get(1).event());
        assertEquals(new Event.TableRoundStarted(1, Seat.RESPONDENT_1, null), started.events().get(2).event(), "an empty seat has no respondent");
        assertEquals(Clock.Status.RUNNING, s.workshop.state().clock().status());
        assertEquals(s.now.plus(Duration.ofMinutes(15)), s.workshop.state().clock().endsAt());
        assertEquals(Phase.ROUND, s.workshop.state().phase());
    }

    @Test
    void roundsComeInOrderOneAtATimeAndNoMoreThanTheScriptHas() {
        Scenario s = Scenario.workshopWithTables(1);
        s.rejected("bad_round", null, new StartRound(2), Scenario.FACILITATOR);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.rejected("round_open", null, new StartRound(2), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.rejected("round_not_open", null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new StartRound(2), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.rejected("bad_round", null, new StartRound(3), Scenario.FACILITATOR);
    }

    @Test
    void theClockPausesResumesAndIsExtendedForTheWholeRoom() {
        Scenario s = Scenario.workshopWithTables(1);
        s.rejected("clock_not_running", null, new PauseClock(), Scenario.FACILITATOR);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.rejected("clock_not_paused", null, new ResumeClock(), Scenario.FACILITATOR);
        s.now = s.now.plusSeconds(300);
        s.ok(null, new PauseClock(), Scenario.FACILITATOR);
        assertEquals(600_000, s.workshop.state().clock().remainingMs());
        s.rejected("clock_not_running", null, new PauseClock(), Scenario.FACILITATOR);
        s.ok(null, new ExtendClock(60), Scenario.FACILITATOR);
        assertEquals(660_000, s.workshop.state().clock().remainingMs());
        s.now = s.now.plusSeconds(1000);
        s.ok(null, new ResumeClock(), Scenario.FACILITATOR);
        assertEquals(s.now.plusSeconds(660), s.workshop.state().clock().endsAt());
        s.ok(null, new ExtendClock(-60), Scenario.FACILITATOR);
        assertEquals(s.now.plusSeconds(600), s.workshop.state().clock().endsAt());
        s.rejected("bad_value", null, new ExtendClock(0), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new ExtendClock(7200), Scenario.FACILITATOR);
    }

    @Test
    void theWhistleBlowsOnlyWhenTheClockHasRunOutAndReachesEveryTable() {
        Scenario s = Scenario.workshopWithTables(3);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.rejected("not_allowed", null, new ExpireClock(), Scenario.FACILITATOR);
        s.rejected("clock_not_expired", null, new ExpireClock(), Actor.SYSTEM);
        s.now = s.now.plusSeconds(15 * 60);
        Workshop.Outcome whistle = s.ok(null, new ExpireClock(), Actor.SYSTEM);
        assertEquals(List.of("whistleBlown", "whistleBlown@1", "whistleBlown@2", "whistleBlown@3"), Scenario.types(whistle));
        assertEquals(Clock.Status.EXPIRED, s.workshop.state().clock().status());
        assertTrue(s.workshop.state().roundOpen(), "the facilitator decides when the round ends");
        assertTrue(s.workshop.table(2).currentRound().orElseThrow().whistled());
        s.ok(null, new ExtendClock(120), Scenario.FACILITATOR);
        assertEquals(Clock.Status.RUNNING, s.workshop.state().clock().status(), "two more minutes after the whistle");
    }

    @Test
    void phasesMoveForwardAndNeverDuringARound() {
        Scenario s = Scenario.workshopWithTables(1);
        s.rejected("bad_phase", null, new SetPhase(Phase.ROUND), Scenario.FACILITATOR);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.rejected("round_open", null, new SetPhase(Phase.PLENARY), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.PLENARY), Scenario.FACILITATOR);
        s.rejected("bad_phase", null, new StartRound(2), Scenario.FACILITATOR);
        s.rejected("bad_phase", null, new SetPhase(Phase.LOBBY), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.DISCUSSION), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.CLOSED), Scenario.FACILITATOR);
        s.rejected("workshop_closed", null, new Broadcast("hallo"), Scenario.FACILITATOR);
        s.rejected("workshop_closed", 1, new SetQuestion("q1"), Scenario.FACILITATOR);
    }

    @Test
    void theFacilitatorKeepsTheWorkshopAlsoWhenItIsClosedAndNoOneElseDoes() {
        Scenario s = Scenario.workshopWithTables(1);
        Actor interviewer = s.fullTable(1)[0];
        assertEquals(new Event.WorkshopKept(), s.ok(null, new KeepWorkshop(), Scenario.FACILITATOR).events().get(0).event());
        s.rejected("not_allowed", null, new KeepWorkshop(), interviewer);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.PLENARY), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.CLOSED), Scenario.FACILITATOR);
        s.ok(null, new KeepWorkshop(), Scenario.FACILITATOR);
    }

    @Test
    void broadcastsAreBoundedAndOnlyTheFacilitatorRunsTheRoom() {
        Scenario s = Scenario.workshopWithTables(1);
        Actor[] five = s.fullTable(1);
        s.ok(null, new Broadcast("Nog vijf minuten"), Scenario.FACILITATOR);
        assertEquals("Nog vijf minuten", s.workshop.state().broadcasts().get(0).text());
        s.rejected("empty_text", null, new Broadcast(""), Scenario.FACILITATOR);
        s.rejected("text_too_long", null, new Broadcast("x".repeat(501)), Scenario.FACILITATOR);
        for (Actor participant : five) {
            s.rejected("not_allowed", null, new StartRound(1), participant);
            s.rejected("not_allowed", null, new Broadcast("hoi"), participant);
        }
        s.rejected("not_allowed", null, new PauseClock(), Actor.projector());
    }

    @Test
    void theFacilitatorTakesTheBroadcastOffTheScreensAndTheRoomRemembersWhen() {
        Scenario s = Scenario.workshopWithTables(1);
        Actor[] five = s.fullTable(1);
        assertNull(s.workshop.state().broadcastsClearedAt(), "nothing was taken off the screens yet");
        s.ok(null, new Broadcast("Nog vijf minuten"), Scenario.FACILITATOR);
        Workshop.Outcome cleared = s.ok(null, new ClearBroadcast(), Scenario.FACILITATOR);
        assertEquals(List.of("broadcastCleared"), Scenario.types(cleared));
        Instant at = cleared.events().get(0).at();
        assertEquals(at, s.workshop.state().broadcastsClearedAt());
        assertEquals(at.toString(), WorkshopViews.workshop(s.workshop, s.now).get("broadcastsClearedAt").asText(),
                "a client that reconnects reads when it was cleared");
        assertEquals(1, s.workshop.state().broadcasts().size(), "the message itself stays in the record");
        for (Actor participant : five) {
            s.rejected("not_allowed", null, new ClearBroadcast(), participant);
        }
        s.rejected("not_allowed", null, new ClearBroadcast(), Actor.projector());
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.PLENARY), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.CLOSED), Scenario.FACILITATOR);
        s.rejected("workshop_closed", null, new ClearBroadcast(), Scenario.FACILITATOR);
        assertEquals(at, s.workshop.state().broadcastsClearedAt(), "a refused clear changes nothing");
    }

    @Test
    void theFacilitatorChoosesWhatThePlenaryScreensShowAndEveryChoiceIsChecked() {
        Scenario s = Scenario.workshopWithTables(2);
        assertEquals(WorkshopState.Plenary.DEFAULT, s.workshop.state().plenary(), "the factor chart of every table round at first");
        Workshop.Outcome shown = s.ok(null, new ShowPlenary("boards", "B", List.of("2.1", "1.2")), Scenario.FACILITATOR);
        assertEquals(List.of("plenaryShown"), Scenario.types(shown));
        assertEquals(new WorkshopState.Plenary("boards", "B", List.of("2.1", "1.2")), s.workshop.state().plenary());
        s.rejected("bad_value", null, new ShowPlenary("photos", null, List.of()), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new ShowPlenary(null, null, List.of()), Scenario.FACILITATOR);
        s.rejected("unknown_profile", null, new ShowPlenary("factors", "Z", List.of()), Scenario.FACILITATOR);
        s.rejected("too_many", null, new ShowPlenary("boards", null, List.of("1.1", "1.2", "2.1", "2.2")), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new ShowPlenary("boards", null, List.of("3.1")), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new ShowPlenary("boards", null, List.of("1.3")), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new ShowPlenary("boards", null, List.of("0.1")), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new ShowPlenary("boards", null, List.of("1.1", "1.1")), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new ShowPlenary("boards", null, List.of("tafel 1")), Scenario.FACILITATOR);
        s.ok(null, new ShowPlenary("notes", null, null), Scenario.FACILITATOR);
        assertEquals(new WorkshopState.Plenary("notes", null, List.of()), s.workshop.state().plenary());
        for (Actor participant : s.fullTable(1)) {
            s.rejected("not_allowed", null, new ShowPlenary("factors", null, List.of()), participant);
        }
        s.rejected("not_allowed", null, new ShowPlenary("factors", null, List.of()), Actor.projector());
        // After the workshop is closed its plenary is still shown, and still chosen.
        s.ok(null, new SetPhase(Phase.PLENARY), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.CLOSED), Scenario.FACILITATOR);
        s.ok(null, new ShowPlenary("boards", null, List.of("1.1")), Scenario.FACILITATOR);
        s.rejected("workshop_closed", null, new Broadcast("hallo"), Scenario.FACILITATOR);
        s.rejected("not_allowed", null, new ShowPlenary("factors", null, List.of()), Actor.projector());
    }

    @Test
    void theFacilitatorReassignsSeatsAndSwapsTwoPeopleAtOneTable() {
        Scenario s = Scenario.workshopWithTables(2);
        Actor[] five = s.fullTable(1);
        Workshop.Outcome swap = s.ok(null, new AssignRole(five[1].participantId(), 1, "reporter"), Scenario.FACILITATOR);
        assertEquals(2, swap.events().size());
        assertEquals(Seat.REPORTER, s.workshop.state().participant(five[1].participantId()).orElseThrow().seat());
        assertEquals(Seat.RESPONDENT_1, s.workshop.state().participant(five[3].participantId()).orElseThrow().seat());
        s.ok(null, new AssignRole(five[4].participantId(), 2, "interviewer"), Scenario.FACILITATOR);
        assertEquals(2, s.workshop.state().participant(five[4].participantId()).orElseThrow().table());
        s.rejected("unknown_participant", null, new AssignRole("nobody", 1, "observer"), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new AssignRole(five[0].participantId(), 1, "captain"), Scenario.FACILITATOR);
        s.rejected("unknown_table", null, new AssignRole(five[0].participantId(), 9, "observer"), Scenario.FACILITATOR);
    }

    @Test
    void participantsClaimFreeSeatsRenameThemselvesAndLeave() {
        Scenario s = Scenario.workshopWithTables(1);
        Actor a = s.join("Anna", 1, "reporter");
        Actor b = s.join("Bert", 1, "observer");
        s.rejected("seat_taken", null, new ClaimSeat("observer"), a);
        s.ok(null, new ClaimSeat("respondent"), a);
        assertEquals(Seat.RESPONDENT_1, s.workshop.state().participant(a.participantId()).orElseThrow().seat());
        s.ok(null, new Rename("Anna K."), a);
        assertEquals("Anna K.", s.workshop.state().participant(a.participantId()).orElseThrow().name());
        s.ok(null, new Leave(), b);
        assertTrue(s.workshop.state().participant(b.participantId()).orElseThrow().left());
        s.rejected("unknown_participant", null, new Rename("weer terug"), b);
        s.ok(null, new Join("c", "Chris", 1, "observer", "tc"), new Actor("c", Role.INTERVIEWER));
    }

    @Test
    void everyEventCarriesItsStreamsNextSeqTheTimeAndWhoDidIt() {
        Scenario s = Scenario.workshopWithTables(2);
        Actor[] five = s.fullTable(1);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.ok(1, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), five[1]);
        long workshopSeq = 0;
        long[] tableSeq = new long[3];
        for (Recorded r : s.journal) {
            if (r.table() == null) {
                assertEquals(++workshopSeq, r.seq());
            } else {
                assertEquals(++tableSeq[r.table()], r.seq());
            }
            assertNotNull(r.at());
            assertNotNull(r.by());
        }
        Recorded placed = s.journal.get(s.journal.size() - 1);
        assertEquals(five[1], placed.by());
        assertEquals(2, placed.seq(), "table 1: roundStarted, then cardPlaced");
    }

    @Test
    void endingARoundCanBeTakenBackForAFewMinutesAndTheRoundGoesOnWithItsBoardAndClock() {
        Scenario s = Scenario.workshopWithTables(2);
        Actor[] five = s.fullTable(1);
        s.rejected("no_change_to_undo", null, new UndoLastChange("endRound"), Scenario.FACILITATOR);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.ok(1, new PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), five[1]);
        s.now = s.now.plusSeconds(300);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.rejected("round_not_open", 1, new PlaceCard("A2", null, Side.HINDERING, 0.5, 0.5), five[1]);
        s.now = s.now.plusSeconds(120);
        Workshop.Outcome reopened = s.ok(null, new UndoLastChange("endRound"), Scenario.FACILITATOR);
        assertEquals(List.of("roundReopened", "roundReopened@1", "roundReopened@2"), Scenario.types(reopened));
        WorkshopState room = s.workshop.state();
        assertTrue(room.roundOpen());
        assertEquals(1, room.round());
        assertEquals(Clock.Status.RUNNING, room.clock().status());
        assertEquals(s.now.plusSeconds(600), room.clock().endsAt(), "the ten minutes left when it ended, counted from now");
        assertTrue(s.workshop.table(1).roundOpen());
        assertNull(s.workshop.table(1).currentRound().orElseThrow().photo(), "no photo of a round that is still played");
        assertEquals(1, s.workshop.table(1).board().placements().size(), "the board as it was");
        s.ok(1, new PlaceCard("A2", null, Side.HINDERING, 0.5, 0.5), five[1]);
        s.rejected("no_change_to_undo", null, new UndoLastChange("endRound"), Scenario.FACILITATOR);
    }

    @Test
    void aPausedOrRunOutRoundIsReopenedPausedWithTheTimeItHadLeft() {
        Scenario s = Scenario.workshopWithTables(1);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.now = s.now.plusSeconds(60);
        s.ok(null, new PauseClock(), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new UndoLastChange("endRound"), Scenario.FACILITATOR);
        assertEquals(new Clock(Clock.Status.PAUSED, 15 * 60_000, null, 14 * 60_000), s.workshop.state().clock());
        s.ok(null, new ResumeClock(), Scenario.FACILITATOR);
        s.now = s.now.plusSeconds(14 * 60);
        s.ok(null, new ExpireClock(), Actor.SYSTEM);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new UndoLastChange("endRound"), Scenario.FACILITATOR);
        assertEquals(Clock.Status.PAUSED, s.workshop.state().clock().status(), "a clock that had run out waits for more time");
        assertEquals(0, s.workshop.state().clock().remainingMs());
    }

    @Test
    void anUndoIsRefusedAfterFiveMinutesForTheWrongChangeAndForAnyoneButTheFacilitator() {
        Scenario s = Scenario.workshopWithTables(1);
        Actor[] five = s.fullTable(1);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.rejected("no_change_to_undo", null, new UndoLastChange("setPhase"), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new UndoLastChange("startRound"), Scenario.FACILITATOR);
        s.rejected("bad_value", null, new UndoLastChange(null), Scenario.FACILITATOR);
        for (Actor participant : five) {
            s.rejected("not_allowed", null, new UndoLastChange("endRound"), participant);
        }
        s.rejected("not_allowed", null, new UndoLastChange("endRound"), Actor.projector());
        s.now = s.now.plus(WorkshopDecider.UNDO_WINDOW).plusSeconds(1);
        s.rejected("undo_expired", null, new UndoLastChange("endRound"), Scenario.FACILITATOR);
        s.ok(null, new StartRound(2), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.now = s.now.plus(WorkshopDecider.UNDO_WINDOW);
        s.ok(null, new UndoLastChange("endRound"), Scenario.FACILITATOR);
    }

    @Test
    void aPhaseChangeEvenClosingTheWorkshopCanBeTakenBackOnce() {
        Scenario s = Scenario.workshopWithTables(1);
        // Skipping the rounds by mistake: back to the lobby, and the first round can still start.
        s.ok(null, new SetPhase(Phase.PLENARY), Scenario.FACILITATOR);
        s.rejected("bad_phase", null, new StartRound(1), Scenario.FACILITATOR);
        Workshop.Outcome back = s.ok(null, new UndoLastChange("setPhase"), Scenario.FACILITATOR);
        assertEquals(List.of("phaseChangeUndone"), Scenario.types(back));
        assertEquals(Phase.LOBBY, s.workshop.state().phase());
        s.rejected("no_change_to_undo", null, new UndoLastChange("setPhase"), Scenario.FACILITATOR);
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.PLENARY), Scenario.FACILITATOR);
        s.rejected("no_change_to_undo", null, new UndoLastChange("endRound"), Scenario.FACILITATOR);
        s.ok(null, new UndoLastChange("setPhase"), Scenario.FACILITATOR);
        assertEquals(Phase.ROUND, s.workshop.state().phase());
        s.ok(null, new StartRound(2), Scenario.FACILITATOR);
        s.ok(null, new EndRound(), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.PLENARY), Scenario.FACILITATOR);
        s.ok(null, new SetPhase(Phase.CLOSED), Scenario.FACILITATOR);
        s.rejected("workshop_closed", null, new Broadcast("hallo"), Scenario.FACILITATOR);
        s.ok(null, new UndoLastChange("setPhase"), Scenario.FACILITATOR);
        assertEquals(Phase.PLENARY, s.workshop.state().phase());
        s.ok(null, new Broadcast("we gaan nog even door"), Scenario.FACILITATOR);
    }
}
