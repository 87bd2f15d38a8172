package nl.factorspel.sessions.workshop;

import nl.factorspel.sessions.board.Placement;
import nl.factorspel.sessions.workshop.Command.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random command sequences, valid and not, by random people: whatever happens, folding the journal
 * gives the same state as living through it, and every rejected command left the state untouched.
 */
class ReplayPropertyTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void replayFromTheJournalGivesTheSameStateAndRejectionsChangeNothing(long seed) throws Exception {
        Scenario s = randomWorkshop(seed);
        List<Recorded> fromJournal = throughJournalText(s);
        Workshop replayed = Workshop.replay(fromJournal);
        Scenario check = new Scenario();
        for (Recorded r : fromJournal) {
            check.workshop.apply(r);
        }
        assertEquals(s.fingerprint(), check.fingerprint());
        assertEquals(WorkshopJson.MAPPER.valueToTree(s.workshop.state()), WorkshopJson.MAPPER.valueToTree(replayed.state()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void aWorkshopRestoredFromASnapshotAndTheEventsAfterItAnswersExactlyAsTheFullReplay(long seed) throws Exception {
        Scenario s = randomWorkshop(seed);
        List<Recorded> fromJournal = throughJournalText(s);
        Workshop replayed = Workshop.replay(fromJournal);
        // A snapshot taken anywhere along the way (through its JSON, as the journal stores it),
        // plus the events after it: the same workshop, answering the same about every stream.
        for (int cut : new int[] {1, 2, fromJournal.size() / 3, fromJournal.size() / 2, fromJournal.size() - 1, fromJournal.size()}) {
            List<Recorded> before = fromJournal.subList(0, cut);
            int[] loads = {0};
            Workshop.Snapshot snapshot = Workshop.Snapshot.fromJson(Workshop.replay(before).snapshot().toJson());
            Workshop restored = Workshop.restore(snapshot, () -> {
                loads[0]++;
                return before;
            });
            fromJournal.subList(cut, fromJournal.size()).forEach(restored::apply);
            Scenario fromSnapshot = new Scenario();
            fromSnapshot.workshop = restored;
            assertEquals(s.fingerprint(), fromSnapshot.fingerprint(), "restored from a snapshot after " + cut + " events");
            assertEquals(replayed.state(), restored.state(), "restored from a snapshot after " + cut + " events");
            for (int t = 1; t <= 2; t++) {
                assertEquals(replayed.table(t), restored.table(t), "table " + t + " restored from a snapshot after " + cut + " events");
            }
            assertEquals(0, loads[0], "folding the events after the snapshot needs none before it");
            for (Integer stream : new Integer[] {null, 1, 2}) {
                long seq = replayed.seq(stream);
                assertEquals(seq, restored.seq(stream));
                assertEquals(replayed.eventsSince(stream, seq), restored.eventsSince(stream, seq));
                assertTrue(restored.holdsSince(stream, seq));
            }
            assertEquals(0, loads[0], "the events since the snapshot are in memory");
            for (Integer stream : new Integer[] {null, 1, 2}) {
                for (long since : new long[] {0, 1, replayed.seq(stream) / 2}) {
                    assertEquals(replayed.eventsSince(stream, since), restored.eventsSince(stream, since),
                            "stream " + stream + " since " + since + ", restored after " + cut + " events");
                }
            }
            assertEquals(replayed.allEvents(), restored.allEvents());
            assertTrue(loads[0] <= 1, "the events before the snapshot are read once and kept: read " + loads[0] + " times");
        }
    }

    /**
     * 600 random commands, valid and not, by random people at two tables; every rejected one is
     * checked to have left the state untouched.
     */
    private static Scenario randomWorkshop(long seed) {
        Random random = new Random(seed);
        Scenario s = Scenario.workshopWithTables(2);
        List<Actor> people = new ArrayList<>(List.of(s.fullTable(1)));
        people.addAll(List.of(s.fullTable(2)));
        people.add(Scenario.FACILITATOR);
        people.add(Actor.projector());
        List<String> cards = Scenario.LLO.cards().stream().map(c -> c.id()).toList();
        s.ok(null, new StartRound(1), Scenario.FACILITATOR);
        int accepted = 0;
        int rejected = 0;
        java.util.Set<Class<?>> generated = new java.util.HashSet<>();
        java.util.Set<Class<?>> acceptedTypes = new java.util.HashSet<>();
        for (int step = 0; step < 600; step++) {
            s.now = s.now.plusMillis(random.nextInt(20_000));
            // The facilitator and the respondent of the first table act most, as in a real round.
            int pick = random.nextInt(people.size() + 6);
            Actor who = pick < people.size() ? people.get(pick) : pick % 2 == 0 ? Scenario.FACILITATOR : people.get(1);
            int table = 1 + random.nextInt(2);
            Command command = randomCommand(random, s, table, cards, people);
            generated.add(command.getClass());
            Integer target = command instanceof TableCommand ? table : null;
            String before = s.fingerprint();
            Workshop.Outcome outcome = s.when(target, command, who);
            if (outcome.rejected()) {
                rejected++;
                assertEquals(before, s.fingerprint(), "rejected " + command + " (" + outcome.rejection() + ") changed the state");
            } else {
                accepted++;
                acceptedTypes.add(command.getClass());
                List<Class<? extends Event>> declared = Catalogue.command(command).events();
                for (Recorded r : outcome.events()) {
                    assertTrue(declared.contains(r.event().getClass()), command + " produced " + r.event().getClass().getSimpleName()
                            + ", which the catalogue does not list for it");
                }
            }
        }
        java.util.Set<String> missing = new java.util.TreeSet<>();
        Catalogue.commands().stream().filter(c -> c.fromClient() && !generated.contains(c.type())).forEach(c -> missing.add(c.name()));
        assertEquals(java.util.Set.of(), missing, "the sequence generates every command a client can send");
        assertTrue(accepted > 30, "the sequence exercised the engine: " + accepted + " accepted");
        assertTrue(rejected > 20, "the sequence exercised rejections: " + rejected + " rejected");
        return s;
    }

    /** The events through the journal's own text form, as after a restart. */
    private static List<Recorded> throughJournalText(Scenario s) throws Exception {
        List<Recorded> fromJournal = new ArrayList<>();
        for (Recorded r : s.journal) {
            fromJournal.addAll(WorkshopJson.fromJournal(WorkshopJson.toJournal(List.of(r))));
        }
        return fromJournal;
    }

    private static Command randomCommand(Random random, Scenario s, int table, List<String> cards, List<Actor> people) {
        List<Placement> onBoard = s.workshop.table(table).board().placements();
        String placement = onBoard.isEmpty() || random.nextInt(10) == 0 ? "p" + random.nextInt(50)
                : onBoard.get(random.nextInt(onBoard.size())).id();
        String other = onBoard.isEmpty() ? "p0" : onBoard.get(random.nextInt(onBoard.size())).id();
        Side side = random.nextBoolean() ? Side.STIMULATING : Side.HINDERING;
        double strength = random.nextDouble() * 1.4 - 0.2;
        String participant = people.get(random.nextInt(people.size())).participantId();
        List<String> seats = List.of("interviewer", "respondent1", "respondent2", "reporter", "observer", "shared", "respondent", "x");
        List<String> links = s.workshop.table(table).board().links().stream().map(l -> l.id()).toList();
        return switch (random.nextInt(35)) {
            case 0, 1, 2, 3, 4 -> new PlaceCard(cards.get(random.nextInt(cards.size())), random.nextInt(4) == 0 ? 1 + random.nextInt(3) : null, side, strength, random.nextDouble());
            case 5, 6 -> new MoveCard(placement, side, strength, random.nextDouble());
            case 7 -> new RemoveCard(placement);
            case 8 -> new UndoPlacement();
            case 9 -> new ExplainCard(placement, "uitleg " + random.nextInt(100));
            case 10 -> new LinkCards(placement, other, "hangt samen");
            case 11 -> new Annotate(random.nextBoolean() ? placement : null, "opmerking " + random.nextInt(9));
            case 12 -> new WriteNote("q" + (1 + random.nextInt(8)), "notitie " + random.nextInt(9),
                    random.nextBoolean() ? null : random.nextInt(4));
            case 13 -> new SetQuestion("q" + (1 + random.nextInt(8)));
            case 14 -> new SetProfile(List.of("A", "B", "C", "D").get(random.nextInt(4)), null);
            case 15 -> new StartRound(1 + random.nextInt(3));
            case 16 -> new EndRound();
            case 17 -> new PauseClock();
            case 18 -> new ResumeClock();
            case 19 -> new ExtendClock(random.nextInt(240) - 120);
            case 20 -> new WriteReflection("reflectie " + random.nextInt(9), null);
            case 21 -> new ShowPlenary(List.of("factors", "notes", "boards", "x").get(random.nextInt(4)),
                    random.nextBoolean() ? null : List.of("A", "B", "C", "D").get(random.nextInt(4)),
                    List.of(1 + random.nextInt(3) + "." + (1 + random.nextInt(3))));
            case 22 -> new UnlinkCards(links.isEmpty() || random.nextInt(5) == 0 ? "l" + random.nextInt(9) : links.get(random.nextInt(links.size())));
            case 23 -> new MarkOutcome(List.of("O1", "O2", "O3", "X").get(random.nextInt(4)), random.nextBoolean(),
                    random.nextInt(3) == 0 ? 1 + random.nextInt(3) : null);
            case 24 -> new AnswerDiscussion(List.of("stop", "keep", "strengthen", "fund", "x").get(random.nextInt(5)), "antwoord " + random.nextInt(9));
            case 25 -> new SetPhase(Phase.values()[random.nextInt(Phase.values().length - 1)]);
            case 26 -> new AssignRole(participant, 1 + random.nextInt(3), seats.get(random.nextInt(seats.size())));
            case 27 -> new ClaimSeat(seats.get(random.nextInt(seats.size())));
            case 28 -> new Rename(random.nextBoolean() ? "" : "Naam " + random.nextInt(9));
            case 29 -> new Leave();
            case 30 -> new SetAttribute(List.of("gender", "age", "x").get(random.nextInt(3)), List.of("woman", "20-30", "?").get(random.nextInt(3)),
                    random.nextInt(3) == 0 ? 1 + random.nextInt(3) : null);
            case 31 -> new UndoLastChange(random.nextBoolean() ? "endRound" : "setPhase");
            case 32 -> new KeepWorkshop();
            case 33 -> new ClearBroadcast();
            default -> new Broadcast(random.nextBoolean() ? "" : "bericht");
        };
    }
}
