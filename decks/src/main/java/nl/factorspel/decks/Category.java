package nl.factorspel.decks;

/** A group of cards with a colour that is legible as a card background and in print. */
public record Category(String id, Text label, String colour) {
}
