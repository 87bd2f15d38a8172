package nl.factorspel.sessions.export;

import nl.factorspel.sessions.board.BoardState;
import nl.factorspel.sessions.plenary.PlenarySummary;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Participant;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.RoundRecord;
import nl.factorspel.sessions.workshop.Seat;
import nl.factorspel.sessions.workshop.Side;
import nl.factorspel.sessions.workshop.TableState;
import nl.factorspel.sessions.workshop.Workshop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One round at one table as the exports tell it: everything laid, linked and annotated in the round,
 * including what was taken off the board before the end, with who did it in which seat. The state keeps
 * only what lies on the board; this comes from the events.
 */
record RoundHistory(int table, RoundRecord record, BoardState finalBoard, List<Placed> placements, List<Linked> links,
                    List<Annotated> annotations, List<Written> notes, List<Asked> questions) {

    /** Who did something: a participant (with the seat they held then), the facilitator, or the server. */
    record Who(String participantId, Seat seat, String role) {

        /** The participant's current name, or with {@code pseudonymise} the seat they held then. */
        String shown(Map<String, Participant> participants, boolean pseudonymise) {
            Participant p = participants.get(participantId);
            if (p == null) {
                return role;
            }
            if (pseudonymise) {
                return seat == null ? role : seat.wire();
            }
            return p.name();
        }
    }

    /**
     * A placement as last seen: its final position and explanation, and when it left the board if it did;
     * also where it was first laid, how often it was moved and every explanation given, in order.
     */
    record Placed(String placementId, String cardId, int copy, Side side, double strength, double y, int order,
                  Instant placedAt, Who placedBy, String explanation, Instant removedAt, boolean undone,
                  Side firstSide, double firstStrength, int moves, List<Explained> explanations) {

        Placed moved(Side side, double strength, double y) {
            return new Placed(placementId, cardId, copy, side, strength, y, order, placedAt, placedBy, explanation,
                    removedAt, undone, firstSide, firstStrength, moves + 1, explanations);
        }

        Placed explained(String text, Instant at, Who by) {
            List<Explained> all = new ArrayList<>(explanations);
            all.add(new Explained(all.size() + 1, text, at, by));
            return new Placed(placementId, cardId, copy, side, strength, y, order, placedAt, placedBy, text,
                    removedAt, undone, firstSide, firstStrength, moves, List.copyOf(all));
        }

        Placed removed(Instant at, boolean undo) {
            return new Placed(placementId, cardId, copy, side, strength, y, order, placedAt, placedBy, explanation,
                    at, undo, firstSide, firstStrength, moves, explanations);
        }

        boolean hasExplanation() {
            return explanation != null && !explanation.isBlank();
        }
    }

    /** One version of a card's explanation: the how-manieth, its text, when and by whom. */
    record Explained(int version, String text, Instant at, Who by) {
    }

    /**
     * A reporter's note on one question ({@code kind} note) or the observer's reflection ({@code kind}
     * reflection, questionId null) as last written, with who wrote that last version, when, and how many
     * versions there were.
     */
    record Written(String kind, String questionId, String text, Instant at, Who by, int versions) {
    }

    /** The interviewer moved the interview to a question. */
    record Asked(String questionId, Instant at, Who by) {
    }

    /** A link as drawn, and when it went (unlinked, or with one of its cards). */
    record Linked(String linkId, String fromPlacementId, String toPlacementId, String label, Instant linkedAt, Who by,
                  Instant removedAt) {

        Linked removed(Instant at) {
            return new Linked(linkId, fromPlacementId, toPlacementId, label, linkedAt, by, at);
        }
    }

    /** The observer's remark, on a card or (placementId null) on the whole board. */
    record Annotated(String annotationId, String placementId, String text, Instant at, Who by) {
    }

    int round() {
        return record.round();
    }

    boolean onFinalBoard(Placed p) {
        return finalBoard.placement(p.placementId()).isPresent();
    }

    boolean onFinalBoard(Linked l) {
        return finalBoard.links().stream().anyMatch(x -> x.id().equals(l.linkId()));
    }

    Optional<Placed> placement(String placementId) {
        return placements.stream().filter(p -> p.placementId().equals(placementId)).findFirst();
    }

    /** Every round of every table, table by table and round by round, from the workshop's events. */
    static List<RoundHistory> of(Workshop w) {
        Map<String, Seat> seats = new HashMap<>();
        Map<Integer, List<Builder>> tables = new LinkedHashMap<>();
        for (Recorded r : w.allEvents()) {
            Event e = r.event();
            if (e instanceof Event.ParticipantJoined j) {
                seats.put(j.participantId(), j.seat());
            } else if (e instanceof Event.SeatAssigned s) {
                seats.put(s.participantId(), s.seat());
            } else if (r.table() != null) {
                List<Builder> rounds = tables.computeIfAbsent(r.table(), t -> new ArrayList<>());
                if (e instanceof Event.TableRoundStarted started) {
                    rounds.add(new Builder(started.round()));
                } else if (!rounds.isEmpty()) {
                    Who who = new Who(r.by().participantId(), seats.get(r.by().participantId()), r.by().role().wire());
                    Integer named = roundOf(e);
                    Builder target = rounds.get(rounds.size() - 1);
                    for (Builder b : rounds) {
                        if (named != null && b.round == named) {
                            target = b;
                        }
                    }
                    target.apply(r, who);
                }
            }
        }
        List<RoundHistory> histories = new ArrayList<>();
        for (int t = 1; t <= w.tableCount(); t++) {
            TableState table = w.table(t);
            List<Builder> builders = tables.getOrDefault(t, List.of());
            for (RoundRecord record : table.rounds()) {
                Builder b = builders.stream().filter(x -> x.round == record.round()).findFirst().orElse(new Builder(record.round()));
                List<Written> notes = new ArrayList<>(b.notes.values());
                if (b.reflection != null) {
                    notes.add(b.reflection);
                }
                histories.add(new RoundHistory(t, record, PlenarySummary.finalBoard(table, record),
                        List.copyOf(b.placements.values()), List.copyOf(b.links.values()), List.copyOf(b.annotations),
                        List.copyOf(notes), List.copyOf(b.questions)));
            }
        }
        return List.copyOf(histories);
    }

    /** The round a per-round event names; null for the others (and for those of older journals). */
    static Integer roundOf(Event e) {
        return e instanceof Event.OfRound o ? o.round() : null;
    }

    /** Folds one round's table events. */
    private static final class Builder {
        final int round;
        final Map<String, Placed> placements = new LinkedHashMap<>();
        final Map<String, Linked> links = new LinkedHashMap<>();
        final List<Annotated> annotations = new ArrayList<>();
        final Map<String, Written> notes = new LinkedHashMap<>();
        Written reflection;
        final List<Asked> questions = new ArrayList<>();

        Builder(int round) {
            this.round = round;
        }

        void apply(Recorded r, Who who) {
            Event e = r.event();
            if (e instanceof Event.CardPlaced c) {
                placements.put(c.placementId(), new Placed(c.placementId(), c.cardId(), c.copy(), c.side(), c.strength(),
                        c.y(), c.order(), r.at(), who, "", null, false, c.side(), c.strength(), 0, List.of()));
            } else if (e instanceof Event.CardMoved m) {
                placements.computeIfPresent(m.placementId(), (k, p) -> p.moved(m.side(), m.strength(), m.y()));
            } else if (e instanceof Event.CardExplained x) {
                placements.computeIfPresent(x.placementId(), (k, p) -> p.explained(x.text(), r.at(), who));
            } else if (e instanceof Event.CardRemoved removed) {
                placements.computeIfPresent(removed.placementId(), (k, p) -> p.removed(r.at(), removed.undo()));
                // The board drops the links that hang on a removed card; so does the history.
                links.replaceAll((k, l) -> l.removedAt() == null && (l.fromPlacementId().equals(removed.placementId())
                        || l.toPlacementId().equals(removed.placementId())) ? l.removed(r.at()) : l);
            } else if (e instanceof Event.CardsLinked l) {
                links.put(l.linkId(), new Linked(l.linkId(), l.fromPlacementId(), l.toPlacementId(), l.label(), r.at(), who, null));
            } else if (e instanceof Event.LinkRemoved l) {
                links.computeIfPresent(l.linkId(), (k, x) -> x.removedAt() == null ? x.removed(r.at()) : x);
            } else if (e instanceof Event.AnnotationAdded a) {
                annotations.add(new Annotated(a.annotationId(), a.placementId(), a.text(), r.at(), who));
            } else if (e instanceof Event.NoteWritten n) {
                Written before = notes.get(n.questionId());
                notes.put(n.questionId(), new Written("note", n.questionId(), n.text(), r.at(), who,
                        before == null ? 1 : before.versions() + 1));
            } else if (e instanceof Event.ReflectionWritten n) {
                reflection = new Written("reflection", null, n.text(), r.at(), who,
                        reflection == null ? 1 : reflection.versions() + 1);
            } else if (e instanceof Event.QuestionSet q) {
                questions.add(new Asked(q.questionId(), r.at(), who));
            } else if (!(e instanceof Event.ProfileSet || e instanceof Event.OutcomeMarked || e instanceof Event.DiscussionAnswered
                    || e instanceof Event.TableWhistleBlown || e instanceof Event.TableRoundEnded || e instanceof Event.AttributeSet
                    || e instanceof Event.TableRoundReopened)) {
                // Those are in the round's record (RoundRecord); a new table event must be placed on one side or the other.
                throw new IllegalStateException("the round history does not know " + e.getClass().getSimpleName());
            }
        }
    }
}
