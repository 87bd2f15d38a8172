package nl.factorspel.sessions.workshop;

import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DeckLibrary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Given/when/then for workshops: a workshop in memory, a settable clock, and readable assertions. */
final class Scenario {

    static final Deck LLO = DeckLibrary.bundled().find("llo-factoren").orElseThrow();
    static final Actor FACILITATOR = Actor.facilitator();

    Workshop workshop = new Workshop();
    Instant now = Instant.parse("2025-11-24T13:00:00Z");
    Limits limits = Limits.DEFAULT;
    private int joined;
    /** Every event committed so far, in order: what a journal would hold. */
    final List<Recorded> journal = new ArrayList<>();

    static Scenario workshopWithTables(int tables) {
        Scenario s = new Scenario();
        s.ok(null, new Command.Create("w1", "Buitendienst", LLO, tables, 15, "nl", null, "JOINCODE", "fh", "ph"), FACILITATOR);
        return s;
    }

    /** Seats a new participant and returns their actor (with the role the seat gives). */
    Actor join(String name, Integer table, String role) {
        String id = "p" + (++joined);
        ok(null, new Command.Join(id, name, table, role, "t" + id), new Actor(id, Role.INTERVIEWER));
        Participant p = workshop.state().participant(id).orElseThrow();
        return new Actor(id, p.seat().role());
    }

    /** A full table of five, in seat order: interviewer, respondent 1, respondent 2, reporter, observer. */
    Actor[] fullTable(int table) {
        return new Actor[]{join("Ilse", table, "interviewer"), join("Ruud", table, "respondent1"),
                join("Rosa", table, "respondent2"), join("Rik", table, "reporter"), join("Olga", table, "observer")};
    }

    Workshop.Outcome when(Integer table, Command command, Actor actor) {
        Workshop.Outcome outcome = workshop.handle(table, command, actor, now, limits);
        journal.addAll(outcome.events());
        return outcome;
    }

    Workshop.Outcome ok(Integer table, Command command, Actor actor) {
        Workshop.Outcome outcome = when(table, command, actor);
        if (outcome.rejected()) {
            fail("expected " + command + " to be accepted, but: " + outcome.rejection());
        }
        return outcome;
    }

    /** Asserts a rejection with this code, and that nothing changed. */
    Rejection rejected(String code, Integer table, Command command, Actor actor) {
        String before = fingerprint();
        Workshop.Outcome outcome = when(table, command, actor);
        assertNotNull(outcome.rejection(), "expected " + command + " to be rejected with " + code + ", but it was accepted");
        assertEquals(code, outcome.rejection().code(), outcome.rejection().message());
        assertFalse(outcome.rejection().message().isBlank(), "a rejection explains itself");
        assertEquals(before, fingerprint(), "a rejected command changes nothing");
        return outcome.rejection();
    }

    /** The whole observable state as text: the room, every table, every stream's seq. */
    String fingerprint() {
        StringBuilder sb = new StringBuilder(WorkshopJson.MAPPER.valueToTree(workshop.state()).toString());
        for (int t = 1; t <= workshop.tableCount(); t++) {
            sb.append('\n').append(WorkshopViews.table(workshop, t));
        }
        return sb.toString();
    }

    static List<String> types(Workshop.Outcome outcome) {
        return outcome.events().stream().map(r -> WorkshopJson.toWire(r).get("type").asText()
                + (r.table() == null ? "" : "@" + r.table())).toList();
    }
}
