package nl.factorspel.sessions.export;

import nl.factorspel.sessions.export.CsvExport.Column;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Phase;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.Seat;
import nl.factorspel.sessions.workshop.Side;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code events.csv}: every event of a workshop, in the order committed, one row each, with the context
 * it happened in (table, round, question in force, who in which seat) and the event's own fields. The
 * fields come from the event records themselves, so every field of every event type has its column or is
 * named in {@link #LEFT_OUT} (secrets and the deck); a field that is neither is a bug the tests catch.
 */
final class EventRows {

    private static Column c(String name, String type, String meaning) {
        return new Column(name, type, meaning);
    }

    /** Event fields that are not exported: secrets (token hashes, join code), the deck (see cards.csv), the id. */
    static final Set<String> LEFT_OUT = Set.of("deck", "joinCode", "tokenHash", "facilitatorTokenHash",
            "projectorTokenHash", "workshopId");

    /** Event fields whose column is not their snake_case name. */
    static final Map<String, String> RENAMED = Map.of(
            "participantId", "subject_key", "seat", "subject_seat", "respondentId", "respondent_key",
            "order", "placement_order");

    static final List<Column> CONTEXT = List.of(
            c("workshop_id", "text", "the workshop's id"),
            c("event", "integer", "the event's place in the whole workshop's history, from 1 (the order committed)"),
            c("stream", "text", "workshop (the room: people, clock, phases) or table (one table's board and record)"),
            c("seq", "integer", "the event's number within its stream (1, 2, 3, ... per stream)"),
            c("at", "timestamp", "when it happened (ISO-8601, UTC)"),
            c("table", "integer", "the table of a table event, or the table a workshop event is about (join, seat); empty otherwise"),
            c("round", "integer", "the round the event belongs to: a note, reflection, profile or outcome names its round; other table events belong to the table's current round; workshop events to the workshop's current round (empty before the first)"),
            c("question_in_force", "text", "the script question the table's interview was at when the event happened (table events only)"),
            c("participant_key", "text", "who did it: the participant's key (participants.csv); empty for the facilitator and the server"),
            c("seat", "text", "the seat that participant held then"),
            c("role", "text", "the role it was done in: facilitator, system (the server: clock, whistle), or the participant's role"),
            c("type", "text", "the event type (docs/events.md)"));

    static final List<Column> FIELDS = List.of(
            c("title", "text", "workshopCreated: the workshop's title"),
            c("tables", "integer", "workshopCreated: the number of tables"),
            c("round_minutes", "integer", "workshopCreated: the length of a round"),
            c("language", "text", "workshopCreated: the workshop's language"),
            c("grace_seconds", "integer", "workshopCreated: seconds a round runs on after the whistle before it ends by itself"),
            c("subject_key", "text", "participantJoined, participantRenamed, participantLeft, seatAssigned, attributeSet: the participant it is about"),
            c("name", "text", "participantJoined, participantRenamed: the name given; empty when pseudonymised"),
            c("subject_seat", "text", "participantJoined, seatAssigned: the seat the participant got"),
            c("duration_seconds", "integer", "roundStarted (workshop): the round's length"),
            c("ends_at", "timestamp", "roundStarted, clockResumed, clockExtended, roundReopened: when the clock runs out"),
            c("remaining_ms", "integer", "clockPaused, clockExtended, roundReopened: milliseconds left on a paused clock"),
            c("duration_ms", "integer", "roundReopened: the reopened round's length in milliseconds"),
            c("seconds", "integer", "clockExtended: seconds added (negative: taken off)"),
            c("phase", "text", "phaseChanged: the new phase (lobby, round, plenary, discussion, closed); phaseChangeUndone: the phase gone back to"),
            c("view", "text", "plenaryShown: what the plenary screens show (factors, notes, boards)"),
            c("boards", "text", "plenaryShown: the boards shown side by side, as table.round, separated by semicolons"),
            c("respondent_seat", "text", "roundStarted (table): the seat whose story the round tells"),
            c("respondent_key", "text", "roundStarted (table): that respondent's key; empty when the seat was empty"),
            c("placement_id", "text", "the placement the event is about (cardPlaced, cardMoved, cardRemoved, cardExplained, annotationAdded)"),
            c("card_id", "text", "cardPlaced: the card's id in the deck"),
            c("copy", "integer", "cardPlaced: which physical copy of the card"),
            c("side", "text", "cardPlaced, cardMoved: stimulating or hindering"),
            c("strength", "decimal", "cardPlaced, cardMoved: 0 (in beperkte mate, middle) to 1 (in grote mate, outer edge)"),
            c("y", "decimal", "cardPlaced, cardMoved: vertical position, 0 top to 1 bottom"),
            c("placement_order", "integer", "cardPlaced: the how-manieth card laid in the round"),
            c("undo", "boolean", "cardRemoved: true when its placer took it back with undo"),
            c("link_id", "text", "cardsLinked, linkRemoved: the link"),
            c("from_placement_id", "text", "cardsLinked: the placement the link was drawn from"),
            c("to_placement_id", "text", "cardsLinked: the placement the link was drawn to"),
            c("label", "text", "cardsLinked: the link's label"),
            c("annotation_id", "text", "annotationAdded: the annotation"),
            c("question_id", "text", "noteWritten: the question the note records; questionSet: the question the interview moved to"),
            c("profile_id", "text", "profileSet: the profile chosen (empty: cleared); plenaryShown: the profile the chart is split by"),
            c("outcome_id", "text", "outcomeMarked: the outcome card"),
            c("chosen", "boolean", "outcomeMarked: true when chosen, false when dropped"),
            c("prompt_id", "text", "discussionAnswered: the discussion prompt"),
            c("attribute_id", "text", "attributeSet: the respondent attribute of the deck (participants.csv has its column attr_<id>)"),
            c("value", "text", "attributeSet: the value recorded, a choice id or a short text; empty: cleared"),
            c("text", "text", "the text written: cardExplained (explanation), annotationAdded, noteWritten, reflectionWritten, discussionAnswered (answer), broadcastSent (message)"));

    static final List<Column> COLUMNS = concat(CONTEXT, FIELDS);

    private EventRows() {
    }

    private static List<Column> concat(List<Column> a, List<Column> b) {
        List<Column> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The column an event field goes to; null for a field left out. */
    static String columnOf(String field) {
        if (LEFT_OUT.contains(field)) {
            return null;
        }
        if (field.equals("table") || field.equals("round")) {
            return field;
        }
        return RENAMED.getOrDefault(field, Arrays.stream(field.split("(?=[A-Z])")).map(String::toLowerCase)
                .collect(Collectors.joining("_")));
    }

    /** Writes every event as a row of {@link #COLUMNS}. */
    static void write(CsvTable out, String workshopId, List<Recorded> events, ParticipantKeys keys, boolean pseudonymise) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            index.put(COLUMNS.get(i).name(), i);
        }
        Map<String, Seat> seats = new HashMap<>();
        Map<Integer, Integer> tableRound = new HashMap<>();
        Map<Integer, String> tableQuestion = new HashMap<>();
        Integer workshopRound = null;
        long n = 0;
        for (Recorded r : events) {
            Event e = r.event();
            if (e instanceof Event.ParticipantJoined j) {
                seats.put(j.participantId(), j.seat());
            } else if (e instanceof Event.SeatAssigned a) {
                seats.put(a.participantId(), a.seat());
            } else if (e instanceof Event.RoundStarted s) {
                workshopRound = s.round();
            } else if (e instanceof Event.TableRoundStarted s) {
                tableRound.put(r.table(), s.round());
                tableQuestion.remove(r.table());
            }
            Object[] row = new Object[COLUMNS.size()];
            String actor = r.by().participantId();
            row[index.get("workshop_id")] = workshopId;
            row[index.get("event")] = ++n;
            row[index.get("stream")] = r.table() == null ? "workshop" : "table";
            row[index.get("seq")] = r.seq();
            row[index.get("at")] = r.at();
            row[index.get("table")] = r.table();
            row[index.get("round")] = r.table() == null ? workshopRound : tableRound.get(r.table());
            row[index.get("question_in_force")] = r.table() == null ? null : tableQuestion.get(r.table());
            row[index.get("participant_key")] = keys.key(actor);
            row[index.get("seat")] = keys.key(actor) == null || seats.get(actor) == null ? null : seats.get(actor).wire();
            row[index.get("role")] = r.by().role().wire();
            row[index.get("type")] = typeOf(e);
            for (RecordComponent field : e.getClass().getRecordComponents()) {
                String column = columnOf(field.getName());
                if (column == null) {
                    continue;
                }
                Integer at = index.get(column);
                if (at == null) {
                    throw new IllegalStateException("events.csv has no column for " + e.getClass().getSimpleName() + "." + field.getName());
                }
                Object value = value(read(field, e), field.getName(), keys);
                if (value == null && (column.equals("table") || column.equals("round"))) {
                    continue; // an old event without its round keeps the round in force
                }
                if (pseudonymise && column.equals("name")) {
                    value = null;
                }
                row[at] = value;
            }
            if (e instanceof Event.QuestionSet q) {
                tableQuestion.put(r.table(), q.questionId());
            }
            out.row(Arrays.asList(row));
        }
    }

    /** The wire name of an event type, as the journal and docs/events.md have it. */
    static String typeOf(Event e) {
        com.fasterxml.jackson.annotation.JsonSubTypes types = (e instanceof Event.TableEvent ? Event.TableEvent.class
                : Event.WorkshopEvent.class).getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class);
        for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t : types.value()) {
            if (t.value() == e.getClass()) {
                return t.name();
            }
        }
        throw new IllegalStateException("no wire name for " + e.getClass());
    }

    private static Object read(RecordComponent field, Event e) {
        try {
            return field.getAccessor().invoke(e);
        } catch (IllegalAccessException | InvocationTargetException x) {
            throw new IllegalStateException("cannot read " + field, x);
        }
    }

    private static Object value(Object v, String field, ParticipantKeys keys) {
        if (field.equals("participantId") || field.equals("respondentId")) {
            return keys.key((String) v);
        }
        if (v instanceof Seat s) {
            return s.wire();
        }
        if (v instanceof Side s) {
            return s.wire();
        }
        if (v instanceof Phase p) {
            return p.wire();
        }
        if (v instanceof Role r) {
            return r.wire();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(";"));
        }
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Instant) {
            return v;
        }
        throw new IllegalStateException("events.csv cannot write a " + v.getClass().getSimpleName() + " (" + field + ")");
    }
}
