package nl.factorspel.sessions.workshop;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Deck;
import nl.factorspel.sessions.board.Annotation;
import nl.factorspel.sessions.board.BoardState;
import nl.factorspel.sessions.board.Link;
import nl.factorspel.sessions.board.Placement;
import nl.factorspel.sessions.workshop.Command.*;
import nl.factorspel.sessions.workshop.Event.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The decider of one table: {@code decide(command, state)} gives events or a rejection; {@code evolve} folds them. Pure. */
public final class TableDecider {

    /** What a table command needs to know of the room around the table. */
    public record Context(Deck deck, Actor actor, Participant participant, Phase phase, Limits limits) {
    }

    private TableDecider() {
    }

    public static Decision<TableEvent> decide(TableCommand command, TableState table, Context ctx) {
        Integer named = roundNamedBy(command);
        Optional<Rejection> refused = refusal(Catalogue.command(command).action(), table, ctx, named);
        if (refused.isPresent()) {
            return Decision.reject(refused.get().code(), refused.get().message());
        }
        // A per-round command is about the round it names, else the table's current round.
        int round = named != null ? named : table.currentRound().map(RoundRecord::round).orElse(0);
        if (command instanceof PlaceCard c) {
            return place(c, table, ctx);
        }
        if (command instanceof MoveCard c) {
            return withOpenRound(table, () -> withPlacement(table, c.placementId(), p -> {
                if (c.side() == null || bad(c.strength()) || bad(c.y())) {
                    return badPosition();
                }
                return Decision.accept(new CardMoved(p.id(), c.side(), clamp(c.strength()), clamp(c.y())));
            }));
        }
        if (command instanceof RemoveCard c) {
            return withOpenRound(table, () -> withPlacement(table, c.placementId(),
                    p -> Decision.accept(new CardRemoved(p.id(), false))));
        }
        if (command instanceof UndoPlacement c) {
            return withOpenRound(table, () -> table.board().placements().stream()
                    .filter(p -> p.placedBy().equals(ctx.actor().participantId()))
                    .max(Comparator.comparingInt(Placement::order))
                    .<Decision<TableEvent>>map(p -> Decision.accept(new CardRemoved(p.id(), true)))
                    .orElseGet(() -> Decision.reject("nothing_to_undo", "none of the cards on the board was placed by you")));
        }
        if (command instanceof ExplainCard c) {
            return withOpenRound(table, () -> withPlacement(table, c.placementId(), p ->
                    text(c.text(), ctx.limits().maxExplanation(), true, "explanation")
                            .orElseGet(() -> Decision.accept(new CardExplained(p.id(), c.text())))));
        }
        if (command instanceof LinkCards c) {
            return withOpenRound(table, () -> link(c, table, ctx));
        }
        if (command instanceof UnlinkCards c) {
            return withOpenRound(table, () -> table.board().links().stream()
                    .filter(l -> l.id().equals(c.linkId())).findFirst()
                    .<Decision<TableEvent>>map(l -> Decision.accept(new LinkRemoved(l.id())))
                    .orElseGet(() -> Decision.reject("unknown_link", "there is no link \"" + c.linkId() + "\" on the board")));
        }
        if (command instanceof Annotate c) {
            return withRound(table, () -> annotate(c, table, ctx));
        }
        if (named != null && table.round(named).isEmpty()) {
            return Decision.reject("unknown_round", table.currentRound().isEmpty()
                    ? "no round has started at this table yet"
                    : "round " + named + " has not been played at this table; its rounds are 1 to " + table.currentRound().get().round());
        }
        if (command instanceof WriteNote c) {
            return withRound(table, () -> {
                if (c.questionId() == null || ctx.deck().script().question(c.questionId()).isEmpty()) {
                    return unknownQuestion(c.questionId());
                }
                return text(c.text(), ctx.limits().maxNote(), true, "note")
                        .orElseGet(() -> Decision.accept(new NoteWritten(c.questionId(), c.text(), round)));
            });
        }
        if (command instanceof WriteReflection c) {
            return withRound(table, () -> text(c.text(), ctx.limits().maxReflection(), true, "reflection")
                    .orElseGet(() -> Decision.accept(new ReflectionWritten(c.text(), round))));
        }
        if (command instanceof SetQuestion c) {
            return withRound(table, () -> {
                if (c.questionId() == null || ctx.deck().script().question(c.questionId()).isEmpty()) {
                    return unknownQuestion(c.questionId());
                }
                return Decision.accept(new QuestionSet(c.questionId()));
            });
        }
        if (command instanceof SetProfile c) {
            return withRound(table, () -> {
                if (c.profileId() != null && ctx.deck().profile(c.profileId()).isEmpty()) {
                    return Decision.reject("unknown_profile", "the deck has no profile \"" + c.profileId() + "\"");
                }
                return Decision.accept(new ProfileSet(c.profileId(), round));
            });
        }
        if (command instanceof MarkOutcome c) {
            return withRound(table, () -> {
                if (c.outcomeId() == null || ctx.deck().outcome(c.outcomeId()).isEmpty()) {
                    return Decision.reject("unknown_outcome", "the deck has no outcome card \"" + c.outcomeId() + "\"");
                }
                if (c.chosen() == null) {
                    return Decision.reject("bad_value", "chosen must be true or false");
                }
                return Decision.accept(new OutcomeMarked(c.outcomeId(), c.chosen(), round));
            });
        }
        if (command instanceof SetAttribute c) {
            return withRound(table, () -> attribute(c, table.round(round).orElseThrow(), ctx));
        }
        if (command instanceof AnswerDiscussion c) {
                if (ctx.phase() == Phase.LOBBY) {
                    return Decision.reject("bad_phase", "the table talk comes after the game; the workshop has not started yet");
                }
                if (c.promptId() == null || ctx.deck().prompt(c.promptId()).isEmpty()) {
                    return Decision.reject("unknown_prompt", "the deck has no discussion prompt \"" + c.promptId() + "\"");
                }
                return text(c.text(), ctx.limits().maxDiscussionAnswer(), true, "answer")
                        .orElseGet(() -> Decision.accept(new DiscussionAnswered(c.promptId(), c.text())));
        }
        throw new IllegalStateException("unhandled " + command);
    }

    /** The round a per-round command names (notes, reflection, profile, outcomes); null when it names none. */
    static Integer roundNamedBy(TableCommand command) {
        return command instanceof Command.OfRound c ? c.round() : null;
    }

    /**
     * Why the actor of {@code ctx} may not do {@code action} at this table now (the workshop is closed, it is
     * another table, or the permission matrix says no); empty when it may. Every table command passes this
     * first, and so does drag motion, which is never a command. A per-round command is judged by the round
     * it names ({@code namedRound}; null: the table's current round), as a respondent chooses the profile
     * of their own story.
     */
    public static Optional<Rejection> refusal(Action action, TableState table, Context ctx, Integer namedRound) {
        if (ctx.phase() == Phase.CLOSED) {
            return Optional.of(new Rejection("workshop_closed", "the workshop is closed; nothing can be changed any more"));
        }
        if (ctx.participant() != null && ctx.participant().table() != table.table()) {
            return Optional.of(new Rejection("wrong_table", "you sit at table " + ctx.participant().table() + ", not at table " + table.table()));
        }
        int round = namedRound != null ? namedRound : table.currentRound().map(RoundRecord::round).orElse(0);
        Seat seat = ctx.participant() == null ? null : ctx.participant().seat();
        if (!Permissions.allows(action, ctx.actor().role(), seat, round)) {
            return Optional.of(new Rejection("not_allowed", refusal(action, ctx.actor().role(), round)));
        }
        return Optional.empty();
    }

    private static String refusal(Action action, Role role, int round) {
        if (role == Role.RESPONDENT && Permissions.rolesFor(action).contains(Role.RESPONDENT)) {
            return round == 0 ? "no round has started yet"
                    : "in round " + round + " it is the story of " + Seat.respondentOfRound(round).wire() + "; only they (or the interviewer) may do this";
        }
        return "a participant in the role " + role.wire() + " may not do this (" + action.name().toLowerCase().replace('_', ' ') + ")";
    }

    private static Decision<TableEvent> place(PlaceCard c, TableState table, Context ctx) {
        if (!table.roundOpen()) {
            return roundNotOpen(table);
        }
        Optional<Card> card = c.cardId() == null ? Optional.empty() : ctx.deck().card(c.cardId());
        if (card.isEmpty()) {
            return Decision.reject("unknown_card", "the deck has no card \"" + c.cardId() + "\"");
        }
        if (c.side() == null || bad(c.strength()) || bad(c.y())) {
            return badPosition();
        }
        int copies = card.get().copies();
        int copy;
        if (c.copy() != null) {
            if (c.copy() < 1 || c.copy() > copies) {
                return Decision.reject("unknown_copy", "card \"" + c.cardId() + "\" has copies 1 to " + copies + ", not " + c.copy());
            }
            if (table.board().copyOnBoard(c.cardId(), c.copy())) {
                return Decision.reject("copy_on_board", "copy " + c.copy() + " of card \"" + c.cardId() + "\" already lies on the board");
            }
            copy = c.copy();
        } else {
            copy = 0;
            for (int i = 1; i <= copies; i++) {
                if (!table.board().copyOnBoard(c.cardId(), i)) {
                    copy = i;
                    break;
                }
            }
            if (copy == 0) {
                return Decision.reject("no_copy_left", "all " + copies + " copies of card \"" + c.cardId() + "\" already lie on the board");
            }
        }
        return Decision.accept(new CardPlaced("p" + (table.placementsMade() + 1), c.cardId(), copy, c.side(),
                clamp(c.strength()), clamp(c.y()), table.placedThisRound() + 1));
    }

    private static Decision<TableEvent> link(LinkCards c, TableState table, Context ctx) {
        BoardState board = table.board();
        if (c.fromPlacementId() == null || board.placement(c.fromPlacementId()).isEmpty()) {
            return unknownPlacement(c.fromPlacementId());
        }
        if (c.toPlacementId() == null || board.placement(c.toPlacementId()).isEmpty()) {
            return unknownPlacement(c.toPlacementId());
        }
        if (c.fromPlacementId().equals(c.toPlacementId())) {
            return Decision.reject("same_card", "a card cannot be linked to itself");
        }
        boolean linked = board.links().stream().anyMatch(l ->
                (l.fromPlacementId().equals(c.fromPlacementId()) && l.toPlacementId().equals(c.toPlacementId()))
                        || (l.fromPlacementId().equals(c.toPlacementId()) && l.toPlacementId().equals(c.fromPlacementId())));
        if (linked) {
            return Decision.reject("already_linked", "these two cards are linked already");
        }
        if (board.links().size() >= ctx.limits().maxLinksPerRound()) {
            return Decision.reject("too_many", "a board holds at most " + ctx.limits().maxLinksPerRound() + " links");
        }
        String label = c.label() == null ? "" : c.label();
        return text(label, ctx.limits().maxLinkLabel(), true, "link label")
                .orElseGet(() -> Decision.accept(new CardsLinked("l" + (table.linksMade() + 1), c.fromPlacementId(),
                        c.toPlacementId(), label)));
    }

    private static Decision<TableEvent> attribute(SetAttribute c, RoundRecord round, Context ctx) {
        Optional<nl.factorspel.decks.RespondentAttribute> attribute = c.attributeId() == null ? Optional.empty()
                : ctx.deck().respondentAttribute(c.attributeId());
        if (attribute.isEmpty()) {
            return Decision.reject("unknown_attribute", "the deck asks no respondent attribute \"" + c.attributeId() + "\"");
        }
        if (c.value() != null && !attribute.get().allows(c.value())) {
            return Decision.reject("bad_value", attribute.get().choices().isEmpty()
                    ? "the " + c.attributeId() + " is a text of 1 to " + nl.factorspel.decks.RespondentAttribute.MAX_VALUE + " characters"
                    : "the " + c.attributeId() + " is one of " + String.join(", ",
                    attribute.get().choices().stream().map(nl.factorspel.decks.RespondentAttribute.Choice::id).toList()));
        }
        if (round.respondentId() == null) {
            return Decision.reject("no_respondent", "round " + round.round() + " has no respondent: the seat "
                    + round.respondentSeat().wire() + " was empty");
        }
        return Decision.accept(new AttributeSet(round.respondentId(), c.attributeId(), c.value(), round.round()));
    }

    private static Decision<TableEvent> annotate(Annotate c, TableState table, Context ctx) {
        if (c.placementId() != null && table.board().placement(c.placementId()).isEmpty()) {
            return unknownPlacement(c.placementId());
        }
        if (table.board().annotations().size() >= ctx.limits().maxAnnotationsPerRound()) {
            return Decision.reject("too_many", "a round holds at most " + ctx.limits().maxAnnotationsPerRound() + " annotations");
        }
        return text(c.text(), ctx.limits().maxAnnotation(), false, "annotation")
                .orElseGet(() -> Decision.accept(new AnnotationAdded("a" + (table.annotationsMade() + 1), c.placementId(), c.text())));
    }

    /** A rejection for a text that is missing, empty where it may not be, or too long; empty when it is fine. */
    private static Optional<Decision<TableEvent>> text(String text, int max, boolean mayBeEmpty, String what) {
        if (text == null) {
            return Optional.of(Decision.reject("bad_value", "the " + what + " text is missing"));
        }
        if (!mayBeEmpty && text.isBlank()) {
            return Optional.of(Decision.reject("empty_text", "the " + what + " is empty"));
        }
        if (text.length() > max) {
            return Optional.of(Decision.reject("text_too_long", "the " + what + " is " + text.length()
                    + " characters long; at most " + max + " fit"));
        }
        return Optional.empty();
    }

    private static Decision<TableEvent> withOpenRound(TableState table, java.util.function.Supplier<Decision<TableEvent>> then) {
        return table.roundOpen() ? then.get() : roundNotOpen(table);
    }

    private static Decision<TableEvent> withRound(TableState table, java.util.function.Supplier<Decision<TableEvent>> then) {
        return table.currentRound().isPresent() ? then.get()
                : Decision.reject("no_round", "no round has started at this table yet");
    }

    private static Decision<TableEvent> withPlacement(TableState table, String placementId,
                                                      java.util.function.Function<Placement, Decision<TableEvent>> then) {
        return placementId == null ? unknownPlacement(null)
                : table.board().placement(placementId).map(then).orElseGet(() -> unknownPlacement(placementId));
    }

    private static Decision<TableEvent> roundNotOpen(TableState table) {
        return Decision.reject("round_not_open", table.currentRound().isEmpty()
                ? "no round has started yet; the facilitator starts the rounds"
                : "round " + table.currentRound().get().round() + " has ended; its board is kept as it was");
    }

    private static Decision<TableEvent> unknownPlacement(String placementId) {
        return Decision.reject("unknown_placement", "there is no card \"" + placementId + "\" on the board");
    }

    private static Decision<TableEvent> unknownQuestion(String questionId) {
        return Decision.reject("unknown_question", "the script has no question \"" + questionId + "\"");
    }

    private static Decision<TableEvent> badPosition() {
        return Decision.reject("bad_value", "side must be \"stimulating\" or \"hindering\", strength and y numbers from 0 to 1");
    }

    private static boolean bad(Double d) {
        return d == null || d.isNaN() || d.isInfinite();
    }

    /** Strength and position are clamped to the board rather than refused: a card dropped past the edge lies at the edge. */
    static double clamp(double d) {
        return Math.max(0.0, Math.min(1.0, d));
    }

    // --- evolve ---

    public static TableState evolve(TableState s, Recorded recorded) {
        TableEvent event = (TableEvent) recorded.event();
        BoardState board = s.board();
        if (event instanceof TableRoundStarted e) {
                List<RoundRecord> rounds = new ArrayList<>(s.rounds());
                rounds.add(new RoundRecord(e.round(), e.respondentSeat(), e.respondentId(), recorded.at(), null, false,
                        null, Map.of(), null, null, List.of()));
                return new TableState(s.table(), null, BoardState.EMPTY, List.copyOf(rounds), s.discussion(),
                        s.placementsMade(), 0, s.linksMade(), s.annotationsMade(), s.respondentAttributes());
        }
        if (event instanceof CardPlaced e) {
            return withBoard(s, board.with(new Placement(e.placementId(), e.cardId(), e.copy(), e.side(),
                    e.strength(), e.y(), e.order(), recorded.by().participantId(), recorded.at(), "")),
                    s.placementsMade() + 1, s.placedThisRound() + 1, s.linksMade(), s.annotationsMade());
        }
        if (event instanceof CardMoved e) {
            return withBoard(s, board.update(e.placementId(), p -> p.movedTo(e.side(), e.strength(), e.y())));
        }
        if (event instanceof CardRemoved e) {
            return withBoard(s, board.without(e.placementId()));
        }
        if (event instanceof CardExplained e) {
            return withBoard(s, board.update(e.placementId(), p -> p.explained(e.text())));
        }
        if (event instanceof CardsLinked e) {
            return withBoard(s, board.with(new Link(e.linkId(), e.fromPlacementId(), e.toPlacementId(),
                    e.label(), recorded.by().participantId(), recorded.at())),
                    s.placementsMade(), s.placedThisRound(), s.linksMade() + 1, s.annotationsMade());
        }
        if (event instanceof LinkRemoved e) {
            return withBoard(s, board.withoutLink(e.linkId()));
        }
        if (event instanceof AnnotationAdded e) {
            return withBoard(s, board.with(new Annotation(e.annotationId(), e.placementId(), e.text(),
                    recorded.by().participantId(), recorded.at())),
                    s.placementsMade(), s.placedThisRound(), s.linksMade(), s.annotationsMade() + 1);
        }
        if (event instanceof NoteWritten e) {
            return withRound(s, e.round(), r -> {
                Map<String, String> notes = new HashMap<>(r.notes());
                notes.put(e.questionId(), e.text());
                return new RoundRecord(r.round(), r.respondentSeat(), r.respondentId(), r.startedAt(), r.endedAt(),
                        r.whistled(), r.photo(), Map.copyOf(notes), r.reflection(), r.profileId(), r.outcomes());
            });
        }
        if (event instanceof ReflectionWritten e) {
            return withRound(s, e.round(), r -> new RoundRecord(r.round(), r.respondentSeat(), r.respondentId(),
                    r.startedAt(), r.endedAt(), r.whistled(), r.photo(), r.notes(), e.text(), r.profileId(), r.outcomes()));
        }
        if (event instanceof QuestionSet e) {
            return new TableState(s.table(), e.questionId(), board, s.rounds(), s.discussion(),
                    s.placementsMade(), s.placedThisRound(), s.linksMade(), s.annotationsMade(), s.respondentAttributes());
        }
        if (event instanceof ProfileSet e) {
            return withRound(s, e.round(), r -> new RoundRecord(r.round(), r.respondentSeat(), r.respondentId(),
                    r.startedAt(), r.endedAt(), r.whistled(), r.photo(), r.notes(), r.reflection(), e.profileId(), r.outcomes()));
        }
        if (event instanceof OutcomeMarked e) {
            return withRound(s, e.round(), r -> {
                List<String> outcomes = new ArrayList<>(r.outcomes());
                outcomes.remove(e.outcomeId());
                if (e.chosen()) {
                    outcomes.add(e.outcomeId());
                }
                return new RoundRecord(r.round(), r.respondentSeat(), r.respondentId(), r.startedAt(), r.endedAt(),
                        r.whistled(), r.photo(), r.notes(), r.reflection(), r.profileId(), List.copyOf(outcomes));
            });
        }
        if (event instanceof DiscussionAnswered e) {
                Map<String, String> answers = new HashMap<>(s.discussion());
                answers.put(e.promptId(), e.text());
                return new TableState(s.table(), s.questionId(), board, s.rounds(), Map.copyOf(answers),
                        s.placementsMade(), s.placedThisRound(), s.linksMade(), s.annotationsMade(), s.respondentAttributes());
        }
        if (event instanceof TableWhistleBlown e) {
            return withRound(s, r -> new RoundRecord(r.round(), r.respondentSeat(), r.respondentId(),
                    r.startedAt(), r.endedAt(), true, r.photo(), r.notes(), r.reflection(), r.profileId(), r.outcomes()));
        }
        if (event instanceof AttributeSet e) {
            Map<String, Map<String, String>> all = new HashMap<>(s.respondentAttributes());
            Map<String, String> mine = new HashMap<>(all.getOrDefault(e.participantId(), Map.of()));
            if (e.value() == null) {
                mine.remove(e.attributeId());
            } else {
                mine.put(e.attributeId(), e.value());
            }
            all.put(e.participantId(), Map.copyOf(mine));
            return new TableState(s.table(), s.questionId(), board, s.rounds(), s.discussion(), s.placementsMade(),
                    s.placedThisRound(), s.linksMade(), s.annotationsMade(), Map.copyOf(all));
        }
        if (event instanceof TableRoundEnded e) {
            return withRound(s, r -> new RoundRecord(r.round(), r.respondentSeat(), r.respondentId(),
                    r.startedAt(), recorded.at(), r.whistled(), board, r.notes(), r.reflection(), r.profileId(), r.outcomes()));
        }
        if (event instanceof TableRoundReopened e) {
            return withRound(s, r -> new RoundRecord(r.round(), r.respondentSeat(), r.respondentId(),
                    r.startedAt(), null, r.whistled(), null, r.notes(), r.reflection(), r.profileId(), r.outcomes()));
        }
        throw new IllegalStateException("unhandled " + event);
    }

    private static TableState withBoard(TableState s, BoardState board) {
        return withBoard(s, board, s.placementsMade(), s.placedThisRound(), s.linksMade(), s.annotationsMade());
    }

    private static TableState withBoard(TableState s, BoardState board, int placementsMade, int placedThisRound,
                                        int linksMade, int annotationsMade) {
        return new TableState(s.table(), s.questionId(), board, s.rounds(), s.discussion(), placementsMade,
                placedThisRound, linksMade, annotationsMade, s.respondentAttributes());
    }

    private static TableState withRound(TableState s, java.util.function.UnaryOperator<RoundRecord> change) {
        return withRound(s, null, change);
    }

    /** Changes round {@code round} of the table, or the current round when {@code round} is null (older journals). */
    private static TableState withRound(TableState s, Integer round, java.util.function.UnaryOperator<RoundRecord> change) {
        int index = s.rounds().size() - 1;
        if (round != null) {
            index = -1;
            for (int i = 0; i < s.rounds().size(); i++) {
                if (s.rounds().get(i).round() == round) {
                    index = i;
                }
            }
        }
        if (index < 0) {
            return s;
        }
        List<RoundRecord> rounds = new ArrayList<>(s.rounds());
        rounds.set(index, change.apply(rounds.get(index)));
        return new TableState(s.table(), s.questionId(), s.board(), List.copyOf(rounds), s.discussion(),
                s.placementsMade(), s.placedThisRound(), s.linksMade(), s.annotationsMade(), s.respondentAttributes());
    }
}
