package nl.factorspel.sessions.store;

import nl.factorspel.sessions.workshop.Actor;

/** What a token opens: one workshop, as one actor (the facilitator, the projector, or a participant). */
public record Grant(String workshopId, Actor actor) {
}
