package nl.factorspel.decks;

/** A prompt for the table talk after the game (stop, keep, strengthen, ...). */
public record DiscussionPrompt(String id, Text text) {
}
