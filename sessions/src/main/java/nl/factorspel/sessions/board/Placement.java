package nl.factorspel.sessions.board;

import nl.factorspel.sessions.workshop.Side;

import java.time.Instant;

/**
 * One card lying on the board: which card and copy, on which side, how strongly (0 = middle,
 * 1 = outer edge), where vertically, why, who laid it, when, and as the how-manieth in the round.
 */
public record Placement(String id, String cardId, int copy, Side side, double strength, double y, int order,
                        String placedBy, Instant placedAt, String explanation) {

    public Placement movedTo(Side side, double strength, double y) {
        return new Placement(id, cardId, copy, side, strength, y, order, placedBy, placedAt, explanation);
    }

    public Placement explained(String text) {
        return new Placement(id, cardId, copy, side, strength, y, order, placedBy, placedAt, text);
    }
}
