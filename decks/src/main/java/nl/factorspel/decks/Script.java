package nl.factorspel.decks;

import java.util.List;
import java.util.Optional;

/**
 * The interview as it is played: how many rounds, how long, and the questions in order. A deck's
 * other scripts (a research version of the interview) have an {@code id} and a {@code label} the
 * facilitator chooses by; the deck's own script may leave both out (null).
 */
public record Script(String id, Text label, int rounds, int roundMinutes, List<Question> questions) {

    /** One interview question; {@code side} is the board half it fills, or null. */
    public record Question(String id, String askedBy, String side, Text text, List<Text> steps) {
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }
}
