package nl.factorspel.decks;

/** One thing wrong with a deck file: where (a JSON path such as {@code cards[12].category}) and what. */
public record DeckProblem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
