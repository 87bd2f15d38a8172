package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import nl.factorspel.decks.Deck;

import java.time.Instant;
import java.util.List;

/**
 * What happened. Every event belongs to one stream: the workshop's or one table's. The envelope
 * ({@link Recorded}) adds its number in the stream, the time and who did it.
 */
public sealed interface Event permits Event.WorkshopEvent, Event.TableEvent {

    /** Events of the workshop stream {@code fs.workshop.<id>}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = WorkshopCreated.class, name = "workshopCreated"),
            @JsonSubTypes.Type(value = ParticipantJoined.class, name = "participantJoined"),
            @JsonSubTypes.Type(value = ParticipantRenamed.class, name = "participantRenamed"),
            @JsonSubTypes.Type(value = ParticipantLeft.class, name = "participantLeft"),
            @JsonSubTypes.Type(value = SeatAssigned.class, name = "seatAssigned"),
            @JsonSubTypes.Type(value = RoundStarted.class, name = "roundStarted"),
            @JsonSubTypes.Type(value = ClockPaused.class, name = "clockPaused"),
            @JsonSubTypes.Type(value = ClockResumed.class, name = "clockResumed"),
            @JsonSubTypes.Type(value = ClockExtended.class, name = "clockExtended"),
            @JsonSubTypes.Type(value = WhistleBlown.class, name = "whistleBlown"),
            @JsonSubTypes.Type(value = RoundEnded.class, name = "roundEnded"),
            @JsonSubTypes.Type(value = PhaseChanged.class, name = "phaseChanged"),
            @JsonSubTypes.Type(value = BroadcastSent.class, name = "broadcastSent"),
            @JsonSubTypes.Type(value = BroadcastCleared.class, name = "broadcastCleared"),
            @JsonSubTypes.Type(value = PlenaryShown.class, name = "plenaryShown"),
            @JsonSubTypes.Type(value = PhaseChangeUndone.class, name = "phaseChangeUndone"),
            @JsonSubTypes.Type(value = RoundReopened.class, name = "roundReopened"),
            @JsonSubTypes.Type(value = WorkshopKept.class, name = "workshopKept"),
    })
    sealed interface WorkshopEvent extends Event permits WorkshopCreated, ParticipantJoined, ParticipantRenamed,
            ParticipantLeft, SeatAssigned, RoundStarted, ClockPaused, ClockResumed, ClockExtended, WhistleBlown,
            RoundEnded, PhaseChanged, BroadcastSent, BroadcastCleared, PlenaryShown, PhaseChangeUndone, RoundReopened,
            WorkshopKept {
    }

    /** Events of a table stream {@code fs.table.<id>.<table>}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = TableRoundStarted.class, name = "roundStarted"),
            @JsonSubTypes.Type(value = CardPlaced.class, name = "cardPlaced"),
            @JsonSubTypes.Type(value = CardMoved.class, name = "cardMoved"),
            @JsonSubTypes.Type(value = CardRemoved.class, name = "cardRemoved"),
            @JsonSubTypes.Type(value = CardExplained.class, name = "cardExplained"),
            @JsonSubTypes.Type(value = CardsLinked.class, name = "cardsLinked"),
            @JsonSubTypes.Type(value = LinkRemoved.class, name = "linkRemoved"),
            @JsonSubTypes.Type(value = AnnotationAdded.class, name = "annotationAdded"),
            @JsonSubTypes.Type(value = NoteWritten.class, name = "noteWritten"),
            @JsonSubTypes.Type(value = ReflectionWritten.class, name = "reflectionWritten"),
            @JsonSubTypes.Type(value = QuestionSet.class, name = "questionSet"),
            @JsonSubTypes.Type(value = ProfileSet.class, name = "profileSet"),
            @JsonSubTypes.Type(value = OutcomeMarked.class, name = "outcomeMarked"),
            @JsonSubTypes.Type(value = DiscussionAnswered.class, name = "discussionAnswered"),
            @JsonSubTypes.Type(value = TableWhistleBlown.class, name = "whistleBlown"),
            @JsonSubTypes.Type(value = TableRoundEnded.class, name = "roundEnded"),
            @JsonSubTypes.Type(value = AttributeSet.class, name = "attributeSet"),
            @JsonSubTypes.Type(value = TableRoundReopened.class, name = "roundReopened"),
    })
    sealed interface TableEvent extends Event permits TableRoundStarted, CardPlaced, CardMoved, CardRemoved,
            CardExplained, CardsLinked, LinkRemoved, AnnotationAdded, NoteWritten, ReflectionWritten, QuestionSet,
            ProfileSet, OutcomeMarked, DiscussionAnswered, TableWhistleBlown, TableRoundEnded, AttributeSet, TableRoundReopened {
    }

    /** An event about one round's record that names its round (null in older journals: the round current then). */
    interface OfRound {
        Integer round();
    }

    // --- workshop stream ---
    /** The first event of every workshop; it carries the deck, so the workshop never depends on a later upload. */
    record WorkshopCreated(String workshopId, String title, Deck deck, int tables, int roundMinutes, String language,
                           Integer graceSeconds, String joinCode, String facilitatorTokenHash,
                           String projectorTokenHash) implements WorkshopEvent {
    }

    record ParticipantJoined(String participantId, String name, int table, Seat seat, String tokenHash)
            implements WorkshopEvent {
    }

    record ParticipantRenamed(String participantId, String name) implements WorkshopEvent {
    }

    record ParticipantLeft(String participantId) implements WorkshopEvent {
    }

    record SeatAssigned(String participantId, int table, Seat seat) implements WorkshopEvent {
    }

    record RoundStarted(int round, int durationSeconds, Instant endsAt) implements WorkshopEvent {
    }

    record ClockPaused(long remainingMs) implements WorkshopEvent {
    }

    record ClockResumed(Instant endsAt) implements WorkshopEvent {
    }

    /** The clock got {@code seconds} more (or less); {@code endsAt} when it runs, {@code remainingMs} when paused. */
    record ClockExtended(int seconds, Instant endsAt, Long remainingMs) implements WorkshopEvent {
    }

    record WhistleBlown(int round) implements WorkshopEvent {
    }

    record RoundEnded(int round) implements WorkshopEvent {
    }

    record PhaseChanged(Phase phase) implements WorkshopEvent {
    }

    record BroadcastSent(String text) implements WorkshopEvent {
    }

    /** The facilitator took the broadcasts sent before this off the screens. */
    record BroadcastCleared() implements WorkshopEvent {
    }

    /** The facilitator chose what the plenary screens show (see {@link WorkshopState.Plenary}). */
    record PlenaryShown(String view, String profileId, List<String> boards) implements WorkshopEvent {
    }

    /** The facilitator took back the last phase change: the workshop is in {@code phase} again. */
    record PhaseChangeUndone(Phase phase) implements WorkshopEvent {
    }

    /**
     * The facilitator took back the end of round {@code round}: it is open again with the clock it had
     * when it ended, running to {@code endsAt}, or paused with {@code remainingMs} left (0 when it had run out).
     */
    record RoundReopened(int round, long durationMs, Instant endsAt, Long remainingMs) implements WorkshopEvent {
    }

    /** The facilitator asked to keep the workshop longer; being written is what restarts the retention period. */
    record WorkshopKept() implements WorkshopEvent {
    }

    // --- table stream ---
    /** A round begins at this table with an empty board; {@code respondentId} is null when the seat is empty. */
    record TableRoundStarted(int round, Seat respondentSeat, String respondentId) implements TableEvent {
    }

    record CardPlaced(String placementId, String cardId, int copy, Side side, double strength, double y, int order)
            implements TableEvent {
    }

    record CardMoved(String placementId, Side side, double strength, double y) implements TableEvent {
    }

    /** A card went back to the tray; {@code undo} when it was its placer taking it back. */
    record CardRemoved(String placementId, boolean undo) implements TableEvent {
    }

    record CardExplained(String placementId, String text) implements TableEvent {
    }

    record CardsLinked(String linkId, String fromPlacementId, String toPlacementId, String label) implements TableEvent {
    }

    record LinkRemoved(String linkId) implements TableEvent {
    }

    record AnnotationAdded(String annotationId, String placementId, String text) implements TableEvent {
    }

    /**
     * Per-round texts and choices name the round they belong to; {@code round} is null only in journals
     * written before it existed, and then means the table's current round at that point.
     */
    record NoteWritten(String questionId, String text, Integer round) implements TableEvent, OfRound {
    }

    record ReflectionWritten(String text, Integer round) implements TableEvent, OfRound {
    }

    record QuestionSet(String questionId) implements TableEvent {
    }

    record ProfileSet(String profileId, Integer round) implements TableEvent, OfRound {
    }

    record OutcomeMarked(String outcomeId, boolean chosen, Integer round) implements TableEvent, OfRound {
    }

    record DiscussionAnswered(String promptId, String text) implements TableEvent {
    }

    record TableWhistleBlown(int round) implements TableEvent {
    }

    /** A respondent attribute of the deck recorded for {@code participantId}, the respondent of round {@code round}; value null clears it. */
    record AttributeSet(String participantId, String attributeId, String value, Integer round) implements TableEvent, OfRound {
    }

    /** The round is over: its board is frozen as the round's photo. */
    record TableRoundEnded(int round) implements TableEvent {
    }

    /** The end of the round was taken back: the same board is played on, no longer a photo. */
    record TableRoundReopened(int round) implements TableEvent {
    }
}
