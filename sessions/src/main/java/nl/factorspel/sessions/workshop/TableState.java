package nl.factorspel.sessions.workshop;

import nl.factorspel.sessions.board.BoardState;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table: the board as it lies now, the question the interview is at, every round so far, the
 * answers of the table talk, counters that make placement, link and annotation ids, and the respondent
 * attributes recorded at this table (participant id to attribute id to value).
 */
public record TableState(int table, String questionId, BoardState board, List<RoundRecord> rounds,
                         Map<String, String> discussion, int placementsMade, int placedThisRound, int linksMade,
                         int annotationsMade, Map<String, Map<String, String>> respondentAttributes) {

    public TableState {
        // a snapshot from before respondent attributes were kept
        respondentAttributes = respondentAttributes == null ? Map.of() : respondentAttributes;
    }

    public static TableState empty(int table) {
        return new TableState(table, null, BoardState.EMPTY, List.of(), Map.of(), 0, 0, 0, 0, Map.of());
    }

    /** The round being played or, between rounds, the one just ended. */
    public Optional<RoundRecord> currentRound() {
        return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() - 1));
    }

    public boolean roundOpen() {
        return currentRound().map(RoundRecord::open).orElse(false);
    }

    public Optional<RoundRecord> round(int round) {
        return rounds.stream().filter(r -> r.round() == round).findFirst();
    }

    /** How many physical copies of a card lie on the board now. */
    public long copiesOnBoard(String cardId) {
        return board.placements().stream().filter(p -> p.cardId().equals(cardId)).count();
    }
}
