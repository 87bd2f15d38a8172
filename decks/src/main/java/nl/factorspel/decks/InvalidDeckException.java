package nl.factorspel.decks;

import java.util.List;
import java.util.stream.Collectors;

/** A deck that did not pass validation, with every problem found in it. */
public class InvalidDeckException extends Exception {

    private final List<DeckProblem> problems;

    public InvalidDeckException(String origin, List<DeckProblem> problems) {
        super(origin + " is not a valid deck (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<DeckProblem> problems() {
        return problems;
    }
}
