package nl.factorspel.decks;

/** A factor card; {@code copies} is how many physical cards of it lie in the tray. */
public record Card(String id, String category, Text label, Text description, int copies) {
}
