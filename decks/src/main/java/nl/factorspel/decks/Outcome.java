package nl.factorspel.decks;

/** An outcome card: what the learning yielded. */
public record Outcome(String id, Text label, Text description) {
}
