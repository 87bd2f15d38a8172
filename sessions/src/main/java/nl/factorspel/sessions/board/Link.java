package nl.factorspel.sessions.board;

import java.time.Instant;

/** A relation the table saw between two placed cards, with an optional label. */
public record Link(String id, String fromPlacementId, String toPlacementId, String label, String by, Instant at) {
}
