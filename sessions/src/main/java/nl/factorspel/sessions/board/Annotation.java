package nl.factorspel.sessions.board;

import java.time.Instant;

/** The observer's remark on a card ({@code placementId}) or on the board as a whole (null). */
public record Annotation(String id, String placementId, String text, String by, Instant at) {
}
