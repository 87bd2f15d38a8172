package nl.factorspel.decks;

/** The playing board: a stimulating half, a hindering half, and the labels of the strength axis. */
public record Board(Side stimulating, Side hindering, Strength strength) {

    /** One half of the board, with the question it answers. */
    public record Side(Text label, Text question) {
    }

    /** What the strength axis means near the middle ({@code limited}) and at the edge ({@code large}). */
    public record Strength(Text limited, Text large) {
    }
}
