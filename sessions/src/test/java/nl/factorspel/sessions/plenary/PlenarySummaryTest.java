package nl.factorspel.sessions.plenary;

import com.fasterxml.jackson.databind.JsonNode;
import nl.factorspel.sessions.export.ScriptedWorkshop;
import nl.factorspel.sessions.plenary.PlenarySummary.Factor;
import nl.factorspel.sessions.workshop.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlenarySummaryTest {

    private static final double EPS = 1e-9;

    private static Factor factor(PlenarySummary s, String cardId) {
        return s.factors().stream().filter(f -> f.cardId().equals(cardId)).findFirst().orElseThrow();
    }

    private static Factor factor(PlenarySummary.ProfileSplit p, String cardId) {
        return p.factors().stream().filter(f -> f.cardId().equals(cardId)).findFirst().orElseThrow();
    }

    private static PlenarySummary.ProfileSplit profile(PlenarySummary s, String id) {
        return s.byProfile().stream().filter(p -> p.profileId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void countsEachFactorPerSideWithItsMeanStrengthOverAllFinalBoards() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.played(true).w);

        Factor a2 = factor(s, "A2");
        assertEquals(5, a2.total());
        assertEquals(4, a2.stimulating().count());
        assertEquals(0.575, a2.stimulating().meanStrength(), EPS);
        assertEquals(1, a2.hindering().count());
        assertEquals(0.3, a2.hindering().meanStrength(), EPS);
        assertEquals("A", a2.categoryId());
        assertEquals("#F6D8AE", a2.colour());

        Factor c1 = factor(s, "C1");
        assertEquals(2, c1.stimulating().count());
        assertEquals(0.8, c1.stimulating().meanStrength(), EPS);
        assertEquals(1, c1.hindering().count());
        assertEquals(0.7, c1.hindering().meanStrength(), EPS);

        // B2 was moved from 0.4 to 0.5: the final position counts.
        assertEquals(0.5, factor(s, "B2").hindering().meanStrength(), EPS);
        assertEquals(1, factor(s, "B1").stimulating().count());
        assertNull(factor(s, "B1").hindering().meanStrength());

        assertEquals(10, s.placements());
        assertEquals(6, s.tableRounds());
        assertEquals(2, s.roundsPlayed());
    }

    @Test
    void cardsTakenOffTheBoardBeforeTheEndDoNotCount() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.played(true).w);

        assertEquals(0, factor(s, "E3").total(), "removed with removeCard");
        assertEquals(0, factor(s, "D2").total(), "taken back with undo");
    }

    @Test
    void factorsAreSortedByTotalWithTiesInDeckOrderAndEveryCardIsListed() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.played(true).w);

        assertEquals(List.of("A2", "C1", "B1", "B2"), s.factors().stream().limit(4).map(Factor::cardId).toList());
        assertEquals(ScriptedWorkshop.deck().cards().size(), s.factors().size());
    }

    @Test
    void outcomesAreCountedOverTheTableRoundsAndEveryOutcomeOfTheDeckIsListed() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.played(true).w);

        assertEquals(ScriptedWorkshop.deck().outcomes().size(), s.outcomes().size());
        assertEquals(List.of("O1=2", "O2=1"), s.outcomes().stream().filter(o -> o.count() > 0)
                .map(o -> o.outcomeId() + "=" + o.count()).toList());
        assertTrue(s.outcomes().subList(2, s.outcomes().size()).stream().allMatch(o -> o.count() == 0));
        assertEquals(2, s.toJson().get("outcomes").get(0).get("count").intValue());
    }

    @Test
    void laidFirstCountsTheOrderOneCardsOfTheFinalBoards() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.played(true).w);

        assertEquals(List.of("A2=3", "B1=1", "C1=1"),
                s.laidFirst().stream().map(f -> f.cardId() + "=" + f.count()).toList());
    }

    @Test
    void linksAreCountedAsUndirectedCardPairsWithTheirLabels() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.played(true).w);

        assertEquals(List.of("A2-C1=3", "A2-A2=1"),
                s.links().stream().map(l -> l.cardA() + "-" + l.cardB() + "=" + l.count()).toList());
        assertEquals(List.of("versterkt elkaar", "via de chef"), s.links().get(0).labels());
        // The link hanging on the removed E3 went with it.
        assertTrue(s.links().stream().noneMatch(l -> l.cardA().equals("E3") || l.cardB().equals("E3")));
    }

    @Test
    void theSplitByProfileCountsOnlyTheTableRoundsPlacedInThatProfile() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.played(true).w);

        PlenarySummary.ProfileSplit a = profile(s, "A");
        assertEquals(2, a.tableRounds());
        assertEquals(2, factor(a, "A2").stimulating().count());
        assertEquals(0.85, factor(a, "A2").stimulating().meanStrength(), EPS);
        assertEquals(1, factor(a, "A2").hindering().count());
        assertEquals(1, factor(a, "C1").stimulating().count());
        assertEquals(1, factor(a, "B2").hindering().count());

        PlenarySummary.ProfileSplit b = profile(s, "B");
        assertEquals(1, b.tableRounds());
        assertEquals(List.of("A2", "C1"), b.factors().stream().map(Factor::cardId).toList());
        assertEquals(1, factor(b, "A2").stimulating().count());
        assertEquals(1, factor(b, "C1").hindering().count());

        PlenarySummary.ProfileSplit c = profile(s, "C");
        assertEquals(1, c.tableRounds());
        assertTrue(c.factors().isEmpty());
        assertTrue(c.laidFirst().isEmpty() && c.links().isEmpty(), "nothing laid, nothing first, nothing linked");

        // The cards laid first and the links of a profile are those of its rounds, counted as for the room.
        int firstsInProfiles = 0;
        for (PlenarySummary.ProfileSplit p : s.byProfile()) {
            for (PlenarySummary.FirstLaid f : p.laidFirst()) {
                assertTrue(p.factors().stream().anyMatch(x -> x.cardId().equals(f.cardId())), f.cardId() + " lies in profile " + p.profileId());
                firstsInProfiles += f.count();
            }
            assertEquals(p.laidFirst().stream().mapToInt(PlenarySummary.FirstLaid::count).sum(),
                    Math.min(p.tableRounds(), p.laidFirst().stream().mapToInt(PlenarySummary.FirstLaid::count).sum()));
        }
        assertTrue(firstsInProfiles <= s.laidFirst().stream().mapToInt(PlenarySummary.FirstLaid::count).sum());
        assertFalse(a.laidFirst().isEmpty(), "profile A's rounds began with a card");

        assertEquals(2, s.tableRoundsWithoutProfile());
    }

    @Test
    void eachTableShowsEveryRoundsBoardWithTheRecommendationsAndLessons() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.played(true).w);

        assertEquals("q6", s.recommendationsQuestionId());
        assertEquals("q7", s.lessonsQuestionId());
        assertEquals(3, s.perTable().size());
        PlenarySummary.RoundSummary t1r1 = s.perTable().get(0).rounds().get(0);
        assertTrue(t1r1.ended());
        assertEquals(3, t1r1.board().placements().size());
        assertEquals("Geef ruimte om te experimenteren, en zorg voor een coach die meedenkt.", t1r1.recommendations());
        assertEquals("Vertrouwen is de sleutel; de rest volgt.", t1r1.reflection());
        PlenarySummary.RoundSummary t1r2 = s.perTable().get(0).rounds().get(1);
        assertEquals("Eén factor kan aan beide kanten liggen.", t1r2.lessonsNote());
        assertEquals("De interviewer stuurde te veel.", s.perTable().get(2).rounds().get(0).lessonsNote());
        assertEquals(0, s.perTable().get(2).rounds().get(1).board().placements().size());
    }

    @Test
    void anOpenRoundCountsItsLiveBoard() {
        ScriptedWorkshop script = ScriptedWorkshop.played(false);
        script.placeMore(2, "t2-r2", "E6", Side.HINDERING, 0.25, 0.5);

        PlenarySummary s = PlenarySummary.of(script.w);

        PlenarySummary.RoundSummary open = s.perTable().get(1).rounds().get(1);
        assertFalse(open.ended());
        assertEquals(2, open.board().placements().size());
        assertEquals(1, factor(s, "E6").hindering().count());
        assertEquals(0.25, factor(s, "E6").hindering().meanStrength(), EPS);
        assertEquals(11, s.placements());
    }

    @Test
    void theJsonCarriesTheCountsWithRoundedMeansAndLeavesOutMeansOfSidesNeverLaid() {
        JsonNode json = PlenarySummary.of(ScriptedWorkshop.played(true).w).toJson();

        JsonNode a2 = json.get("factors").get(0);
        assertEquals("A2", a2.get("cardId").textValue());
        assertEquals(4, a2.get("stimulating").get("count").intValue());
        assertEquals("0.575", a2.get("stimulating").get("meanStrength").asText(), "rounded to three decimals");
        assertEquals("Zelfvertrouwen", a2.get("label").get("nl").textValue());
        assertFalse(json.get("factors").get(2).get("hindering").has("meanStrength"));
        assertEquals("stimulating", json.get("perTable").get(0).get("rounds").get(0).get("board").get("placements").get(0).get("side").textValue());
        assertEquals(3, json.get("links").get(0).get("count").intValue());
        assertEquals(List.of("A", "B", "C", "D"), stream(json.get("byProfile")).map(p -> p.get("profileId").textValue()).toList());
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    @Test
    void aWorkshopWithoutRoundsCountsNothing() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.created().w);

        assertEquals(0, s.placements());
        assertEquals(0, s.tableRounds());
        assertTrue(s.factors().stream().allMatch(f -> f.total() == 0));
        assertTrue(s.laidFirst().isEmpty());
        assertTrue(s.links().isEmpty());
        assertEquals(2, s.perTable().size());
        assertTrue(s.perTable().get(0).rounds().isEmpty());
    }

    @Test
    void onlyPlayedTableRoundsAreCountedNotTheRoundsOfAnEmptyTable() {
        PlenarySummary s = PlenarySummary.of(ScriptedWorkshop.oneTableIdle().w);

        assertEquals(1, s.tableRounds(), "table 2 started round 1 with nobody there and nothing laid");
        assertEquals(1, s.tableRoundsWithoutProfile());
        assertEquals(1, s.placements());
    }
}
