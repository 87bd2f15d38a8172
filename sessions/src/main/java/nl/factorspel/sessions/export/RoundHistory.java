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
                    List<Annotated> annotations) {

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

    /** A placement as last seen: its final position and explanation, and when it left the board if it did. */
    record Placed(String placementId, String cardId, int copy, Side side, double strength, double y, int order,
                  Instant placedAt, Who placedBy, String explanation, Instant removedAt, boolean undone) {

        Placed moved(Side side, double strength, double y) {
            return new Placed(placementId, cardId, copy, side, strength, y, order, placedAt, placedBy, explanation,
                    removedAt, undone);
        }

        Placed explained(String text) {
            return new Placed(placementId, cardId, copy, side, strength, y, order, placedAt, placedBy, text,
                    removedAt, undone);
        }

        Placed removed(Instant at, boolean undo) {
            return new Placed(placementId, cardId, copy, side, strength, y, order, placedAt, placedBy, explanation,
                    at, undo);
        }

        boolean hasExplanation() {
            return explanation != null && !explanation.isBlank();
        }
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
                    rounds.get(rounds.size() - 1).apply(r, who);
                }
            }
        }
        List<RoundHistory> histories = new ArrayList<>();
        for (int t = 1; t <= w.tableCount(); t++) {
            TableState table = w.table(t);
            List<Builder> builders = tables.getOrDefault(t, List.of());
            for (RoundRecord record : table.rounds()) {
                Builder b = builders.stream().filter(x -> x.round == record.round()).findFirst().orElse(new Builder(record.round()));
                histories.add(new RoundHistory(t, record, PlenarySummary.finalBoard(table, record),
                        List.copyOf(b.placements.values()), List.copyOf(b.links.values()), List.copyOf(b.annotations)));
            }
        }
        return List.copyOf(histories);
    }

    /** Folds one round's table events. */
    private static final class Builder {
        final int round;
        final Map<String, Placed> placements = new LinkedHashMap<>();
        final Map<String, Linked> links = new LinkedHashMap<>();
        final List<Annotated> annotations = new ArrayList<>();

        Builder(int round) {
            this.round = round;
        }

        void apply(Recorded r, Who who) {
            Event e = r.event();
            if (e instanceof Event.CardPlaced c) {
                placements.put(c.placementId(), new Placed(c.placementId(), c.cardId(), c.copy(), c.side(), c.strength(),
                        c.y(), c.order(), r.at(), who, "", null, false));
            } else if (e instanceof Event.CardMoved m) {
                placements.computeIfPresent(m.placementId(), (k, p) -> p.moved(m.side(), m.strength(), m.y()));
            } else if (e instanceof Event.CardExplained x) {
                placements.computeIfPresent(x.placementId(), (k, p) -> p.explained(x.text()));
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
            }
        }
    }
}
