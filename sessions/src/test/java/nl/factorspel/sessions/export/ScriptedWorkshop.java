package nl.factorspel.sessions.export;

import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DeckLibrary;
import nl.factorspel.decks.DeckLoader;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Phase;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.Side;
import nl.factorspel.sessions.workshop.Workshop;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workshop played in memory through {@link Workshop#handle}: three tables, two rounds, cards laid,
 * moved, explained, linked, removed and taken back, notes, reflections, annotations, profiles, outcomes
 * and table talk. It remembers every placement it made and every text it wrote, so tests can check
 * the exports against what was really done.
 */
public final class ScriptedWorkshop {

    /** A placement as the script made it: final position and explanation, and whether it was taken off. */
    public record Laid(int table, int round, String placementId, String cardId, Side side, double strength, double y,
                       int order, String explanation, String placedBy, boolean removed, boolean undone) {
    }

    public static final String ID = "ws-scripted";
    public static final String TITLE = "Workshop buitendienst ‘LLO’ – test";

    public final Workshop w = new Workshop();
    /** Every placement made, in the order made. */
    public final List<Laid> laid = new ArrayList<>();
    /** Every explanation, note, reflection, annotation and answer written, as written. */
    public final List<String> texts = new ArrayList<>();
    /** Every explanation given, every version, in the order given. */
    public final List<Explained> explained = new ArrayList<>();
    /** Every note written, with the round it was written for, in the order written. */
    public final List<Noted> noted = new ArrayList<>();
    /** Every question the interview moved to, in order. */
    public final List<Asked> asked = new ArrayList<>();

    /** One explanation as given. */
    public record Explained(int table, int round, String placementId, String text, String by) {
    }

    /** One note as written: for which table, round and question. */
    public record Noted(int table, int round, String questionId, String text) {
    }

    /** The interview at a table moved to a question. */
    public record Asked(int table, int round, String questionId, String by) {
    }

    /** Every participant's name as it stands at the end. */
    public final Map<String, String> names = new LinkedHashMap<>();

    private Instant now = Instant.parse("2025-11-24T09:00:00Z");
    private int round;

    /** The deck the tests play with: the bundled LLO factor deck. */
    public static Deck deck() {
        ClassLoader loader = ScriptedWorkshop.class.getClassLoader();
        if (loader.getResource(DeckLibrary.BUNDLED_FOLDER + "index.txt") != null) {
            return DeckLibrary.bundled().find("llo-factoren").orElseThrow();
        }
        try (InputStream in = loader.getResourceAsStream(DeckLibrary.BUNDLED_FOLDER + "llo-factoren.json")) {
            return DeckLoader.load("llo-factoren.json", in);
        } catch (Exception e) {
            throw new IllegalStateException("the bundled deck does not load", e);
        }
    }

    /** The whole script; with {@code endSecondRound} false, round 2 is still being played at the end. */
    public static ScriptedWorkshop played(boolean endSecondRound) {
        return played(endSecondRound, ID);
    }

    /** The whole script in a workshop with the id given (a study puts several together). */
    public static ScriptedWorkshop played(boolean endSecondRound, String workshopId) {
        ScriptedWorkshop s = new ScriptedWorkshop();
        s.facilitator(new Command.Create(workshopId, TITLE, deck(), 3, 15, "nl", null, "ABC123", "facilitator-hash", "projector-hash"));
        String[][] people = {
                {"int", "interviewer", "Ingrid"}, {"r1", "respondent1", "Ruud"}, {"r2", "respondent2", "Renée"},
                {"rep", "reporter", "Joëlle"}, {"obs", "observer", "Zoë"}};
        for (int t = 1; t <= 3; t++) {
            for (String[] p : people) {
                String id = "t" + t + "-" + p[0];
                s.ok(null, new Command.Join(id, p[2] + " " + t, t, p[1], "hash-" + id), new Actor(id, Role.RESPONDENT));
                s.names.put(id, p[2] + " " + t);
            }
        }
        s.ok(null, new Command.Rename("Ruud van Dijk"), new Actor("t1-r1", Role.RESPONDENT));
        s.names.put("t1-r1", "Ruud van Dijk");

        // Round 1: respondent 1 tells the story at every table.
        s.startRound(1);
        s.ask(1, "t1-int", "q1");
        s.ask(1, "t1-int", "q3");
        String p1 = s.place(1, "t1-r1", "A2", Side.STIMULATING, 0.8, 0.2);
        s.explain(1, "t1-r1", p1, "Vertrouwen.");
        // "Kan je toelichten waarom?": the same card explained again
        s.explain(1, "t1-r1", p1, "Hij kreeg vertrouwen doordat zijn leidinggevende hem liet experimenteren.");
        String p2 = s.place(1, "t1-r1", "C1", Side.STIMULATING, 0.6, 0.5);
        s.explain(1, "t1-r1", p2, "=HYPERLINK(\"x\")");
        String p3 = s.place(1, "t1-int", "B2", Side.HINDERING, 0.4, 0.3);
        s.explain(1, "t1-r1", p3, "Thuis was er weinig ruimte; zijn vrouw werkte ’s avonds, dus leren ging niet.");
        s.move(1, "t1-r1", p3, Side.HINDERING, 0.5, 0.35);
        s.move(1, "t1-r1", p3, Side.STIMULATING, 0.2, 0.35);
        s.move(1, "t1-r1", p3, Side.HINDERING, 0.5, 0.35);
        s.ask(1, "t1-int", "q4");
        String p4 = s.place(1, "t1-r1", "E3", Side.HINDERING, 0.9, 0.8);
        s.explain(1, "t1-r1", p4, "Deze kaart hoort er toch niet bij.");
        s.link(1, "t1-r1", p1, p2, "versterkt elkaar");
        s.link(1, "t1-r1", p4, p3, "weg met de kaart");
        s.remove(1, "t1-int", p4);
        s.note(1, "q3", "Zelfvertrouwen en een leidinggevende die ruimte gaf.");
        s.note(1, "q6", "Geef ruimte om te experimenteren, en zorg voor een coach die meedenkt.");
        s.reflect(1, "Vertrouwen is de sleutel; de rest volgt.");
        s.annotate(1, p1, "Mooi voorbeeld van zelfregie.");
        s.annotate(1, null, "De respondent aarzelde lang bij de rechterkant.");
        s.profile(1, "t1-int", "A");
        s.attribute(1, "t1-int", "age", "40-50");
        s.attribute(1, "t1-int", "job", "green");
        s.outcome(1, "t1-int", "O1", true);
        s.outcome(1, "t1-int", "O2", true);
        s.outcome(1, "t1-int", "O2", false);

        String q1 = s.place(2, "t2-r1", "A2", Side.STIMULATING, 0.4, 0.1);
        s.explain(2, "t2-r1", q1, "Ze durfde het eindelijk te vragen.");
        String q2 = s.place(2, "t2-r1", "C1", Side.HINDERING, 0.7, 0.6);
        s.explain(2, "t2-r1", q2, "+31 procent minder budget voor opleiding.");
        s.link(2, "t2-r1", q1, q2, "");
        s.note(2, "q6", "@werkgevers: maak budget vrij.");
        s.reflect(2, "-Tegenstrijdige signalen van de leiding.");
        s.profile(2, "t2-r1", "B");

        String u1 = s.place(3, "t3-int", "C1", Side.STIMULATING, 1.0, 0.4);
        String u2 = s.place(3, "t3-r1", "A2", Side.STIMULATING, 0.2, 0.7);
        s.link(3, "t3-int", u1, u2, "via de chef");
        s.place(3, "t3-r1", "D2", Side.HINDERING, 0.3, 0.3);
        s.undo(3, "t3-r1");
        s.note(3, "q7", "De interviewer stuurde te veel.");
        s.endRound();

        // Round 2: respondent 2.
        s.startRound(2);
        s.ask(1, "t1-int", "q1");
        // the reporter finishes round 1's record after round 2 started
        s.note(1, 1, "q5", "Nagekomen: alle kaarten samen laten een leidinggevende zien die ruimte geeft.");
        String v1 = s.place(1, "t1-r2", "A2", Side.HINDERING, 0.3, 0.5);
        s.explain(1, "t1-r2", v1, "Té veel zelfvertrouwen maakte hem eigenwijs.");
        String v2 = s.place(1, "t1-r2", "A2", Side.STIMULATING, 0.9, 0.5);
        s.explain(1, "t1-r2", v2, "Maar het hielp hem ook om door te zetten.");
        s.link(1, "t1-r2", v1, v2, "twee kanten");
        s.note(1, "q6", "Werkgevers: bied keuzevrijheid in opleidingen.");
        s.note(1, "q7", "Eén factor kan aan beide kanten liggen.");
        s.profile(1, "t1-r2", "A");
        s.outcome(1, "t1-r2", "O2", true);
        s.attribute(1, "t1-r2", "gender", "woman");
        s.attribute(1, "t1-r2", "municipality", "Den Haag");
        s.outcome(1, "t1-r2", "O1", true);

        String w1 = s.place(2, "t2-r2", "B1", Side.STIMULATING, 0.5, 0.5);
        s.explain(2, "t2-r2", w1, "Collega’s van de voetbalclub motiveerden haar.");

        s.profile(3, "t3-int", "C");
        if (endSecondRound) {
            s.endRound();
            s.facilitator(new Command.SetPhase(Phase.DISCUSSION));
            s.answer(1, "stop", "Stoppen met verplichte e-learning zonder begeleiding.");
            s.answer(1, "keep", "Behouden: de werkplaatsleerlijnen.");
        }
        return s;
    }

    /** A workshop just created: no one has joined, no round was played. */
    public static ScriptedWorkshop created() {
        ScriptedWorkshop s = new ScriptedWorkshop();
        s.facilitator(new Command.Create(ID, TITLE, deck(), 2, 15, "nl", null, "ABC123", "facilitator-hash", "projector-hash"));
        return s;
    }

    /** Two tables, one round: table 1 (a shared laptop) lays a card, table 2 sits empty and plays nothing. */
    public static ScriptedWorkshop oneTableIdle() {
        ScriptedWorkshop s = created();
        s.ok(null, new Command.Join("laptop", "Tafel één", 1, "shared", "hash-laptop"), new Actor("laptop", Role.SHARED));
        s.names.put("laptop", "Tafel één");
        s.startRound(1);
        s.place(1, "laptop", "A2", Side.STIMULATING, 0.5, 0.5);
        s.endRound();
        return s;
    }

    /** One table on a shared laptop that lays every copy of every card, explains each at length and links them in a chain. */
    public static ScriptedWorkshop fullBoard() {
        ScriptedWorkshop s = new ScriptedWorkshop();
        Deck deck = deck();
        s.facilitator(new Command.Create(ID, TITLE, deck, 1, 15, "en", null, "ABC123", "facilitator-hash", "projector-hash"));
        s.ok(null, new Command.Join("laptop", "Tafel één", 1, "shared", "hash-laptop"), new Actor("laptop", Role.SHARED));
        s.names.put("laptop", "Tafel één");
        s.startRound(1);
        String previous = null;
        int i = 0;
        for (nl.factorspel.decks.Card card : deck.cards()) {
            for (int copy = 1; copy <= card.copies(); copy++) {
                Side side = copy == 1 ? Side.STIMULATING : Side.HINDERING;
                String p = s.place(1, "laptop", card.id(), side, (i % 11) / 10.0, (i % 7) / 6.0);
                s.explain(1, "laptop", p, "Uitleg " + i + ": " + "waarom deze kaart hier ligt en niet elders. ".repeat(4));
                if (previous != null) {
                    s.link(1, "laptop", previous, p, "verband " + i);
                }
                previous = p;
                i++;
            }
        }
        s.note(1, "q5", "Alles ligt op tafel.");
        s.endRound();
        return s;
    }

    // --- moves ---

    private void startRound(int r) {
        round = r;
        facilitator(new Command.StartRound(r));
    }

    private void endRound() {
        facilitator(new Command.EndRound());
    }

    String place(int table, String who, String cardId, Side side, double strength, double y) {
        Workshop.Outcome o = ok(table, new Command.PlaceCard(cardId, null, side, strength, y), actor(who));
        Event.CardPlaced placed = (Event.CardPlaced) o.events().get(0).event();
        laid.add(new Laid(table, round, placed.placementId(), cardId, side, strength, y, placed.order(), "", names.get(who), false, false));
        return placed.placementId();
    }

    private void explain(int table, String who, String placementId, String text) {
        ok(table, new Command.ExplainCard(placementId, text), actor(who));
        explained.add(new Explained(table, round, placementId, text, names.get(who)));
        laid.stream().filter(l -> l.table() == table && l.placementId().equals(placementId)).findFirst()
                .ifPresent(l -> texts.remove(l.explanation())); // only the last version stands
        update(table, placementId, l -> new Laid(l.table(), l.round(), l.placementId(), l.cardId(), l.side(), l.strength(),
                l.y(), l.order(), text, l.placedBy(), l.removed(), l.undone()));
        texts.add(text);
    }

    private void move(int table, String who, String placementId, Side side, double strength, double y) {
        ok(table, new Command.MoveCard(placementId, side, strength, y), actor(who));
        update(table, placementId, l -> new Laid(l.table(), l.round(), l.placementId(), l.cardId(), side, strength, y,
                l.order(), l.explanation(), l.placedBy(), l.removed(), l.undone()));
    }

    private void remove(int table, String who, String placementId) {
        ok(table, new Command.RemoveCard(placementId), actor(who));
        update(table, placementId, l -> new Laid(l.table(), l.round(), l.placementId(), l.cardId(), l.side(), l.strength(),
                l.y(), l.order(), l.explanation(), l.placedBy(), true, false));
    }

    private void undo(int table, String who) {
        Workshop.Outcome o = ok(table, new Command.UndoPlacement(), actor(who));
        String placementId = ((Event.CardRemoved) o.events().get(0).event()).placementId();
        update(table, placementId, l -> new Laid(l.table(), l.round(), l.placementId(), l.cardId(), l.side(), l.strength(),
                l.y(), l.order(), l.explanation(), l.placedBy(), true, true));
    }

    private void link(int table, String who, String from, String to, String label) {
        ok(table, new Command.LinkCards(from, to, label), actor(who));
    }

    private void note(int table, String questionId, String text) {
        ok(table, new Command.WriteNote(questionId, text, null), actor(names.containsKey("laptop") ? "laptop" : "t" + table + "-rep"));
        texts.add(text);
        noted.add(new Noted(table, round, questionId, text));
    }

    /** A note for an earlier round, written later. */
    private void note(int table, int forRound, String questionId, String text) {
        ok(table, new Command.WriteNote(questionId, text, forRound), actor("t" + table + "-rep"));
        texts.add(text);
        noted.add(new Noted(table, forRound, questionId, text));
    }

    private void ask(int table, String who, String questionId) {
        ok(table, new Command.SetQuestion(questionId), actor(who));
        asked.add(new Asked(table, round, questionId, names.get(who)));
    }

    private void reflect(int table, String text) {
        ok(table, new Command.WriteReflection(text, null), actor("t" + table + "-obs"));
        texts.add(text);
    }

    private void annotate(int table, String placementId, String text) {
        ok(table, new Command.Annotate(placementId, text), actor("t" + table + "-obs"));
        texts.add(text);
    }

    private void profile(int table, String who, String profileId) {
        ok(table, new Command.SetProfile(profileId, null), actor(who));
    }

    private void outcome(int table, String who, String outcomeId, boolean chosen) {
        ok(table, new Command.MarkOutcome(outcomeId, chosen, null), actor(who));
    }

    private void attribute(int table, String who, String attributeId, String value) {
        ok(table, new Command.SetAttribute(attributeId, value, null), actor(who));
    }

    private void answer(int table, String promptId, String text) {
        ok(table, new Command.AnswerDiscussion(promptId, text), actor("t" + table + "-rep"));
        texts.add(text);
    }

    private void facilitator(Command c) {
        ok(null, c, Actor.facilitator());
    }

    private static Actor actor(String participantId) {
        return new Actor(participantId, Role.RESPONDENT);
    }

    private void update(int table, String placementId, java.util.function.UnaryOperator<Laid> change) {
        for (int i = 0; i < laid.size(); i++) {
            Laid l = laid.get(i);
            if (l.table() == table && l.placementId().equals(placementId)) {
                laid.set(i, change.apply(l));
            }
        }
    }

    private Workshop.Outcome ok(Integer table, Command c, Actor actor) {
        now = now.plusSeconds(20);
        Workshop.Outcome o = w.handle(table, c, actor, now, Limits.DEFAULT);
        if (o.rejected()) {
            throw new AssertionError("the script's command " + c + " was rejected: " + o.rejection());
        }
        return o;
    }

    /** Another move in an open round, for tests that go on playing. */
    public String placeMore(int table, String who, String cardId, Side side, double strength, double y) {
        return place(table, who, cardId, side, strength, y);
    }
}
