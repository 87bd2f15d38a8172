package nl.factorspel.sessions.workshop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Drag motion is never a command, but it is allowed exactly when moving the card would be. */
class DragPermissionTest {

    /** For everyone in the room: the refusal of a drag at table 1 is the refusal of a moveCard there (none when it is accepted). */
    static void dragFollowsMove(Scenario s, List<Actor> everyone) {
        String placement = s.workshop.table(1).board().placements().get(0).id();
        for (Actor actor : everyone) {
            Optional<Rejection> drag = s.workshop.refusal(1, Action.LAY_CARDS, actor);
            Workshop.Outcome move = s.when(1, new Command.MoveCard(placement, Side.HINDERING, 0.3, 0.3), actor);
            assertEquals(move.rejected() ? move.rejection().code() : null, drag.map(Rejection::code).orElse(null), actor.toString());
        }
    }

    @Test
    void aDragIsAllowedExactlyWhenMovingACardIsInEverySeatAndPhase() {
        Scenario s = Scenario.workshopWithTables(2);
        List<Actor> everyone = new ArrayList<>(List.of(s.fullTable(1)));
        everyone.addAll(List.of(s.fullTable(2)));
        everyone.add(Scenario.FACILITATOR);
        everyone.add(Actor.projector());
        s.ok(null, new Command.StartRound(1), Scenario.FACILITATOR);
        s.ok(1, new Command.PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), Scenario.FACILITATOR);
        dragFollowsMove(s, everyone);
        Actor rosa = everyone.get(2);
        s.ok(null, new Command.Leave(), rosa);
        dragFollowsMove(s, List.of(rosa));
        s.ok(null, new Command.EndRound(), Scenario.FACILITATOR);
        s.ok(null, new Command.StartRound(2), Scenario.FACILITATOR);
        s.ok(1, new Command.PlaceCard("A1", null, Side.STIMULATING, 0.5, 0.5), Scenario.FACILITATOR);
        dragFollowsMove(s, everyone);
        s.ok(null, new Command.EndRound(), Scenario.FACILITATOR);
        s.ok(null, new Command.SetPhase(Phase.CLOSED), Scenario.FACILITATOR);
        dragFollowsMove(s, everyone);
    }
}
