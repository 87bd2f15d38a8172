package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.factorspel.decks.Deck;

import java.time.Instant;

/**
 * What clients see of a workshop and its tables: the snapshots of catch-up and of
 * {@code GET /api/workshops/{id}}. Token hashes never appear here.
 */
public final class WorkshopViews {

    /** Above this many missed events, catch-up sends a snapshot instead. */
    public static final int SNAPSHOT_THRESHOLD = 500;

    private WorkshopViews() {
    }

    /** The room as everyone in it sees it, with the workshop stream's seq and each table's seq. */
    public static ObjectNode workshop(Workshop w, Instant now) {
        WorkshopState s = w.state();
        ObjectNode node = WorkshopJson.MAPPER.createObjectNode();
        node.put("workshopId", s.id());
        node.put("title", s.title());
        Deck deck = s.deck();
        node.putObject("deck").put("id", deck.id()).put("version", deck.version())
                .set("title", WorkshopJson.MAPPER.valueToTree(deck.title()));
        node.put("tables", s.tables());
        node.put("roundMinutes", s.roundMinutes());
        node.put("rounds", deck.script().rounds());
        // The script this workshop plays: the deck's own or the version chosen at creation.
        node.set("script", WorkshopJson.MAPPER.valueToTree(deck.script()));
        node.put("language", s.language());
        if (s.graceSeconds() != null) {
            node.put("graceSeconds", s.graceSeconds());
        }
        node.put("joinCode", s.joinCode());
        node.put("createdAt", s.createdAt().toString());
        node.put("phase", s.phase().wire());
        node.put("round", s.round());
        node.put("roundOpen", s.roundOpen());
        node.set("clock", clock(s.clock(), now));
        ArrayNode participants = node.putArray("participants");
        for (Participant p : s.participants().values()) {
            participants.add(participant(p));
        }
        node.set("broadcasts", WorkshopJson.MAPPER.valueToTree(s.broadcasts()));
        // When the facilitator last took the broadcasts off the screens (null: never).
        node.put("broadcastsClearedAt", s.broadcastsClearedAt() == null ? null : s.broadcastsClearedAt().toString());
        node.set("plenary", WorkshopJson.MAPPER.valueToTree(s.plenary()));
        if (s.undoable() != null) {
            // What the console's undo button offers, and until when (the decider checks it again).
            ObjectNode undo = node.putObject("undoable");
            undo.put("change", s.undoable().change());
            undo.put("at", s.undoable().at().toString());
            undo.put("until", s.undoable().at().plus(WorkshopDecider.UNDO_WINDOW).toString());
            undo.put("phaseBefore", s.undoable().phaseBefore().wire());
            undo.put("round", s.undoable().round());
        }
        node.put("seq", w.seq(null));
        ArrayNode seqs = node.putArray("tableSeqs");
        for (int t = 1; t <= w.tableCount(); t++) {
            seqs.add(w.seq(t));
        }
        return node;
    }

    public static ObjectNode participant(Participant p) {
        ObjectNode node = WorkshopJson.MAPPER.createObjectNode();
        node.put("participantId", p.id());
        node.put("name", p.name());
        node.put("table", p.table());
        node.put("seat", p.seat().wire());
        node.put("role", p.seat().role().wire());
        node.put("left", p.left());
        return node;
    }

    /** The clock with the server's own time, so a client can correct for its own clock's drift. */
    public static ObjectNode clock(Clock clock, Instant now) {
        ObjectNode node = WorkshopJson.MAPPER.createObjectNode();
        node.put("status", clock.status().wire());
        node.put("durationMs", clock.durationMs());
        if (clock.endsAt() != null) {
            node.put("endsAt", clock.endsAt().toString());
        }
        node.put("remainingMs", clock.remainingAt(now));
        node.put("serverTime", now.toString());
        return node;
    }

    /** One table: its board now, every round with notes and photo, the table talk, and the stream's seq. */
    public static ObjectNode table(Workshop w, int table) {
        TableState t = w.table(table);
        ObjectNode node = WorkshopJson.MAPPER.valueToTree(t);
        node.put("seq", w.seq(table));
        return node;
    }
}
