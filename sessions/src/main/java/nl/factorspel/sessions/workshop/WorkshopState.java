package nl.factorspel.sessions.workshop;

import nl.factorspel.decks.Deck;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The room: what was set up (title, deck, tables, round length), where it is (phase, round, clock),
 * who is there, and what the facilitator has broadcast. Tables are kept apart in {@link TableState}.
 */
public record WorkshopState(String id, String title, Deck deck, int tables, int roundMinutes, String language,
                            Integer graceSeconds, String joinCode, String facilitatorTokenHash,
                            String projectorTokenHash, Instant createdAt, Phase phase, int round, boolean roundOpen,
                            Clock clock, Map<String, Participant> participants, List<Broadcast> broadcasts,
                            Plenary plenary, Undoable undoable, Instant broadcastsClearedAt) {

    public WorkshopState {
        plenary = plenary == null ? Plenary.DEFAULT : plenary; // a snapshot from before plenary choices were kept
    }

    /**
     * The facilitator's last change that may still be taken back ({@code change} "setPhase" or "endRound"):
     * when it happened, and the phase, round and clock (its time left at that moment) it replaced.
     */
    public record Undoable(String change, Instant at, Phase phaseBefore, int round, Clock clockBefore) {
        public static final String SET_PHASE = "setPhase";
        public static final String END_ROUND = "endRound";
    }

    /** What the plenary screens show, as the facilitator chose it last: every screen follows it. */
    public record Plenary(String view, String profileId, List<String> boards) {
        public static final Plenary DEFAULT = new Plenary("factors", null, List.of());
        public static final List<String> VIEWS = List.of("factors", "notes", "boards");
        public static final int MAX_BOARDS = 3;
    }

    /**
     * A message from the facilitator to the whole room. The screens show none sent at or before
     * {@code broadcastsClearedAt}: when the facilitator last took them off the screens (null: never).
     */
    public record Broadcast(String text, Instant at) {
    }

    public Optional<Participant> participant(String participantId) {
        return participantId == null ? Optional.empty() : Optional.ofNullable(participants.get(participantId));
    }

    /** The participant present in a seat at a table, if any (shared seats hold many, so they are not asked for). */
    public Optional<Participant> inSeat(int table, Seat seat) {
        return participants.values().stream()
                .filter(p -> !p.left() && p.table() == table && p.seat() == seat)
                .findFirst();
    }

    public long presentAt(int table) {
        return participants.values().stream().filter(p -> !p.left() && p.table() == table).count();
    }
}
