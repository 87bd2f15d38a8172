package nl.factorspel.sessions.store;

import nl.factorspel.sessions.workshop.Recorded;

import java.util.List;

/** Events of one workshop that are durable now, in seq order: what gets published. */
public record Committed(String workshopId, List<Recorded> events) {
}
