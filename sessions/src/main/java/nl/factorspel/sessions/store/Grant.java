package nl.factorspel.sessions.store;

import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Role;

/** What a token opens: one workshop, as one actor (the facilitator, the projector, or a participant). */
public record Grant(String workshopId, Actor actor) {

    /** Whether the token still opens its workshop: a participant who left no longer holds a seat, and the token stops working with it. */
    public boolean stillOpens(WorkshopStore store) {
        if (actor.role() == Role.FACILITATOR || actor.role() == Role.PROJECTOR) {
            return true;
        }
        return store.read(workshopId, w -> w.state().participant(actor.participantId())
                .map(p -> !p.left()).orElse(false)).orElse(false);
    }
}
