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
        for (int step = 0; step < 600; step++) {
            s.now = s.now.plusMillis(random.nextInt(20_000));
            // The facilitator and the respondent of the first table act most, as in a real round.
            int pick = random.nextInt(people.size() + 6);
            Actor who = pick < people.size() ? people.get(pick) : pick % 2 == 0 ? Scenario.FACILITATOR : people.get(1);
            int table = 1 + random.nextInt(2);
            Command command = randomCommand(random, s, table, cards);
            Integer target = command instanceof TableCommand ? table : null;
            String before = s.fingerprint();
            Workshop.Outcome outcome = s.when(target, command, who);
            if (outcome.rejected()) {
                rejected++;
                assertEquals(before, s.fingerprint(), "rejected " + command + " (" + outcome.rejection() + ") changed the state");
            } else {
                accepted++;
            }
        }
        assertTrue(accepted > 30, "the sequence exercised the engine: " + accepted + " accepted");
        assertTrue(rejected > 20, "the sequence exercised rejections: " + rejected + " rejected");

        // Through the journal's own text form, as after a restart.
        List<Recorded> fromJournal = new ArrayList<>();
        for (Recorded r : s.journal) {
            fromJournal.addAll(WorkshopJson.fromJournal(WorkshopJson.toJournal(List.of(r))));
        }
        Workshop replayed = Workshop.replay(fromJournal);
        Scenario check = new Scenario();
        for (Recorded r : fromJournal) {
            check.workshop.apply(r);
        }
        assertEquals(s.fingerprint(), check.fingerprint());
        assertEquals(WorkshopJson.MAPPER.valueToTree(s.workshop.state()), WorkshopJson.MAPPER.valueToTree(replayed.state()));
    }

    private static Command randomCommand(Random random, Scenario s, int table, List<String> cards) {
        List<Placement> onBoard = s.workshop.table(table).board().placements();
        String placement = onBoard.isEmpty() || random.nextInt(10) == 0 ? "p" + random.nextInt(50)
                : onBoard.get(random.nextInt(onBoard.size())).id();
        String other = onBoard.isEmpty() ? "p0" : onBoard.get(random.nextInt(onBoard.size())).id();
        Side side = random.nextBoolean() ? Side.STIMULATING : Side.HINDERING;
        double strength = random.nextDouble() * 1.4 - 0.2;
        return switch (random.nextInt(22)) {
            case 0, 1, 2, 3, 4 -> new PlaceCard(cards.get(random.nextInt(cards.size())), random.nextInt(4) == 0 ? 1 + random.nextInt(3) : null, side, strength, random.nextDouble());
            case 5, 6 -> new MoveCard(placement, side, strength, random.nextDouble());
            case 7 -> new RemoveCard(placement);
            case 8 -> new UndoPlacement();
            case 9 -> new ExplainCard(placement, "uitleg " + random.nextInt(100));
            case 10 -> new LinkCards(placement, other, "hangt samen");
            case 11 -> new Annotate(random.nextBoolean() ? placement : null, "opmerking " + random.nextInt(9));
            case 12 -> new WriteNote("q" + (1 + random.nextInt(8)), "notitie " + random.nextInt(9));
            case 13 -> new SetQuestion("q" + (1 + random.nextInt(8)));
            case 14 -> new SetProfile(List.of("A", "B", "C", "D").get(random.nextInt(4)));
            case 15 -> new StartRound(1 + random.nextInt(3));
            case 16 -> new EndRound();
            case 17 -> new PauseClock();
            case 18 -> new ResumeClock();
            case 19 -> new ExtendClock(random.nextInt(240) - 120);
            case 20 -> new WriteReflection("reflectie " + random.nextInt(9));
            default -> new Broadcast(random.nextBoolean() ? "" : "bericht");
        };
    }
}
