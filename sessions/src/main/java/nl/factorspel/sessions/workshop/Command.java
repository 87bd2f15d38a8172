package nl.factorspel.sessions.workshop;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What someone asks the workshop to do. Table commands act on the board and record of one table;
 * workshop commands act on the room. Fields are boxed so that a missing field is seen, not defaulted.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Command.PlaceCard.class, name = "placeCard"),
        @JsonSubTypes.Type(value = Command.MoveCard.class, name = "moveCard"),
        @JsonSubTypes.Type(value = Command.RemoveCard.class, name = "removeCard"),
        @JsonSubTypes.Type(value = Command.UndoPlacement.class, name = "undoPlacement"),
        @JsonSubTypes.Type(value = Command.ExplainCard.class, name = "explainCard"),
        @JsonSubTypes.Type(value = Command.LinkCards.class, name = "linkCards"),
        @JsonSubTypes.Type(value = Command.UnlinkCards.class, name = "unlinkCards"),
        @JsonSubTypes.Type(value = Command.Annotate.class, name = "annotate"),
        @JsonSubTypes.Type(value = Command.WriteNote.class, name = "writeNote"),
        @JsonSubTypes.Type(value = Command.WriteReflection.class, name = "writeReflection"),
        @JsonSubTypes.Type(value = Command.SetQuestion.class, name = "setQuestion"),
        @JsonSubTypes.Type(value = Command.SetProfile.class, name = "setProfile"),
        @JsonSubTypes.Type(value = Command.MarkOutcome.class, name = "markOutcome"),
        @JsonSubTypes.Type(value = Command.AnswerDiscussion.class, name = "answerDiscussion"),
        @JsonSubTypes.Type(value = Command.SetAttribute.class, name = "setAttribute"),
        @JsonSubTypes.Type(value = Command.KeepWorkshop.class, name = "keepWorkshop"),
        @JsonSubTypes.Type(value = Command.StartRound.class, name = "startRound"),
        @JsonSubTypes.Type(value = Command.PauseClock.class, name = "pauseClock"),
        @JsonSubTypes.Type(value = Command.ResumeClock.class, name = "resumeClock"),
        @JsonSubTypes.Type(value = Command.ExtendClock.class, name = "extendClock"),
        @JsonSubTypes.Type(value = Command.EndRound.class, name = "endRound"),
        @JsonSubTypes.Type(value = Command.SetPhase.class, name = "setPhase"),
        @JsonSubTypes.Type(value = Command.Broadcast.class, name = "broadcast"),
        @JsonSubTypes.Type(value = Command.ClearBroadcast.class, name = "clearBroadcast"),
        @JsonSubTypes.Type(value = Command.ShowPlenary.class, name = "showPlenary"),
        @JsonSubTypes.Type(value = Command.AssignRole.class, name = "assignRole"),
        @JsonSubTypes.Type(value = Command.ClaimSeat.class, name = "claimSeat"),
        @JsonSubTypes.Type(value = Command.Rename.class, name = "rename"),
        @JsonSubTypes.Type(value = Command.Leave.class, name = "leave"),
        @JsonSubTypes.Type(value = Command.UndoLastChange.class, name = "undoLastChange"),
})
public sealed interface Command permits Command.TableCommand, Command.WorkshopCommand {

    /** A command for one table's board and record; the table number travels beside it. */
    sealed interface TableCommand extends Command permits PlaceCard, MoveCard, RemoveCard, UndoPlacement,
            ExplainCard, LinkCards, UnlinkCards, Annotate, WriteNote, WriteReflection, SetQuestion, SetProfile,
            MarkOutcome, AnswerDiscussion, SetAttribute {
    }

    /** A command for the room: the clock, the phases, the people. */
    sealed interface WorkshopCommand extends Command permits Create, Join, StartRound, PauseClock, ResumeClock,
            ExtendClock, ExpireClock, EndRound, SetPhase, Broadcast, ClearBroadcast, ShowPlenary, AssignRole, ClaimSeat, Rename, Leave,
            UndoLastChange, KeepWorkshop {
    }

    /** A command about one round's record (notes, reflection, profile, outcomes); {@code round} null means the current one. */
    interface OfRound {
        Integer round();
    }

    // --- table ---
    /** Lay a card on the board; {@code copy} may be left out to take the first copy still in the tray. */
    record PlaceCard(String cardId, Integer copy, Side side, Double strength, Double y) implements TableCommand {
    }

    record MoveCard(String placementId, Side side, Double strength, Double y) implements TableCommand {
    }

    /** Put a placed card back in the tray. */
    record RemoveCard(String placementId) implements TableCommand {
    }

    /** Take back the last card the sender placed that still lies on the board. */
    record UndoPlacement() implements TableCommand {
    }

    record ExplainCard(String placementId, String text) implements TableCommand {
    }

    record LinkCards(String fromPlacementId, String toPlacementId, String label) implements TableCommand {
    }

    record UnlinkCards(String linkId) implements TableCommand {
    }

    /** The observer's annotation, on a card or (placementId null) on the board. */
    record Annotate(String placementId, String text) implements TableCommand {
    }

    /**
     * The reporter's record of the answer to one question of round {@code round} (null: the current
     * round); a note may be finished after the next round started.
     */
    record WriteNote(String questionId, String text, Integer round) implements TableCommand, OfRound {
    }

    /** The observer's reflection: what can we learn from this interview (question 7); {@code round} as for notes. */
    record WriteReflection(String text, Integer round) implements TableCommand, OfRound {
    }

    record SetQuestion(String questionId) implements TableCommand {
    }

    /** Place the respondent of round {@code round} (null: the current one) in a self-direction profile; null clears it. */
    record SetProfile(String profileId, Integer round) implements TableCommand, OfRound {
    }

    /** Choose or drop an outcome card for round {@code round} (null: the current one). */
    record MarkOutcome(String outcomeId, Boolean chosen, Integer round) implements TableCommand, OfRound {
    }

    /** The table's answer to one discussion prompt of the table talk (stop, keep, strengthen, ...). */
    record AnswerDiscussion(String promptId, String text) implements TableCommand {
    }

    /**
     * Record one of the deck's respondent attributes for the respondent of round {@code round} (null: the
     * current one); {@code value} is a choice id or a short text, null clears it.
     */
    record SetAttribute(String attributeId, String value, Integer round) implements TableCommand, OfRound {
    }

    // --- workshop ---
    /** Opens a workshop; issued by the server with freshly made secrets, never sent by a client. */
    record Create(String workshopId, String title, nl.factorspel.decks.Deck deck, Integer tables, Integer roundMinutes,
                  String language, Integer graceSeconds, String joinCode, String facilitatorTokenHash,
                  String projectorTokenHash) implements WorkshopCommand {
    }

    /** A person joins; issued by the server on POST /api/join with a fresh id and token hash. */
    record Join(String participantId, String name, Integer table, String role, String tokenHash)
            implements WorkshopCommand {
    }

    record StartRound(Integer round) implements WorkshopCommand {
    }

    record PauseClock() implements WorkshopCommand {
    }

    record ResumeClock() implements WorkshopCommand {
    }

    /** Adds (or, negative, takes off) seconds; on a clock that ran out it runs again. */
    record ExtendClock(Integer seconds) implements WorkshopCommand {
    }

    /** The clock reached zero: the whistle. Sent by the server's timer only. */
    record ExpireClock() implements WorkshopCommand {
    }

    record EndRound() implements WorkshopCommand {
    }

    record SetPhase(Phase phase) implements WorkshopCommand {
    }

    record Broadcast(String text) implements WorkshopCommand {
    }

    /** The facilitator takes the broadcast that is shown off every screen. */
    record ClearBroadcast() implements WorkshopCommand {
    }

    /**
     * What the plenary screens show: the view ({@code factors}, {@code notes} or {@code boards}), the
     * profile the factor chart is split by (null: every table round), and up to three boards side by
     * side, each {@code "<table>.<round>"}.
     */
    record ShowPlenary(String view, String profileId, List<String> boards) implements WorkshopCommand {
    }

    /** The facilitator seats a participant; {@code role} is a seat name or "respondent". */
    record AssignRole(String participantId, Integer table, String role) implements WorkshopCommand {
    }

    /** A participant moves to a free seat at its own table. */
    record ClaimSeat(String role) implements WorkshopCommand {
    }

    record Rename(String name) implements WorkshopCommand {
    }

    record Leave() implements WorkshopCommand {
    }

    /**
     * Takes back the facilitator's last phase change ({@code change} "setPhase") or the end of the last
     * round ("endRound", which reopens it with its board and clock), within a few minutes; the client names
     * which one it means, so a second console cannot undo something else than its facilitator saw.
     */
    record UndoLastChange(String change) implements WorkshopCommand {
    }

    /** The facilitator keeps the workshop: the server's retention (days without a change) counts from now again. */
    record KeepWorkshop() implements WorkshopCommand {
    }
}
