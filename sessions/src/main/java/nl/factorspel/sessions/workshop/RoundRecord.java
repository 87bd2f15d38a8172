package nl.factorspel.sessions.workshop;

import nl.factorspel.sessions.board.BoardState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One round at one table: whose story it was, the reporter's notes per question, the observer's
 * reflection, the profile and outcomes chosen, and the photo of the board when the round ended.
 */
public record RoundRecord(int round, Seat respondentSeat, String respondentId, Instant startedAt, Instant endedAt,
                          boolean whistled, BoardState photo, Map<String, String> notes, String reflection,
                          String profileId, List<String> outcomes) {

    public boolean open() {
        return endedAt == null;
    }
}
