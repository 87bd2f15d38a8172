package nl.factorspel.sessions.plenary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.factorspel.decks.Card;
import nl.factorspel.decks.Category;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.Profile;
import nl.factorspel.decks.Script;
import nl.factorspel.decks.Text;
import nl.factorspel.sessions.board.BoardState;
import nl.factorspel.sessions.board.Link;
import nl.factorspel.sessions.board.Placement;
import nl.factorspel.sessions.workshop.RoundRecord;
import nl.factorspel.sessions.workshop.Seat;
import nl.factorspel.sessions.workshop.Side;
import nl.factorspel.sessions.workshop.TableState;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the room looks at in the plenary feedback: every table's rounds summed up. Only what lies on a
 * round's final board counts (the photo of an ended round, the live board of an open one); a card taken
 * off before the end does not.
 *
 * @param tableRounds   how many table-rounds were counted (rounds started, summed over the tables)
 * @param placements    how many placements were counted
 * @param factors       every card of the deck, most laid first (ties in deck order)
 * @param laidFirst     cards laid as the first card of a round (order 1) and still on its final board, most often first
 * @param links         pairs of cards linked on final boards, undirected, most often first
 * @param byProfile     the factor counts again, once per profile of the deck, over the table-rounds placed in it
 *                      (only the cards laid there)
 * @param tableRoundsWithoutProfile table-rounds for which no profile was chosen (they are in no profile's split)
 * @param perTable      every table's rounds: the board, the recommendations (question 6) and the lessons (question 7)
 * @param outcomes      every outcome card of the deck with how many table-rounds chose it, most chosen first (ties in deck order)
 */
public record PlenarySummary(String workshopId, String title, String deckId, int tables, int roundsPlayed,
                             int tableRounds, int placements, List<Factor> factors, List<FirstLaid> laidFirst,
                             List<LinkPair> links, List<ProfileSplit> byProfile, int tableRoundsWithoutProfile,
                             String recommendationsQuestionId, String lessonsQuestionId, List<TableSummary> perTable,
                             List<OutcomeCount> outcomes) {

    /** An outcome card (what the learning yielded) and in how many table-rounds it was chosen. */
    public record OutcomeCount(String outcomeId, Text label, int count) {
    }

    /** How often a card lay on one side of the board, and how strongly on average (to 3 decimals; null when never). */
    public record SideCount(int count, Double meanStrength) {
    }

    /** One card with its category and how it was laid on each side. */
    public record Factor(String cardId, String categoryId, Text label, Text categoryLabel, String colour, int total,
                         SideCount stimulating, SideCount hindering) {
    }

    /** A card and how many rounds began with it. */
    public record FirstLaid(String cardId, Text label, String colour, int count) {
    }

    /** Two cards (in deck order) the tables linked, how often, and the labels they gave the link. */
    public record LinkPair(String cardA, Text labelA, String cardB, Text labelB, int count, List<String> labels) {
    }

    /**
     * The factor counts over the table-rounds whose respondent was placed in one profile, with the cards
     * laid first and the links drawn in those rounds.
     */
    public record ProfileSplit(String profileId, Text label, int tableRounds, List<Factor> factors,
                               List<FirstLaid> laidFirst, List<LinkPair> links) {
    }

    /** One table and each of its rounds. */
    public record TableSummary(int table, List<RoundSummary> rounds) {
    }

    /**
     * One round at one table: its final board, the reporter's note to question 6 (recommendations to
     * employers), and the observer's reflection and the note to question 7 (what can we learn).
     */
    public record RoundSummary(int round, Seat respondentSeat, boolean ended, String profileId, BoardState board,
                               String recommendations, String reflection, String lessonsNote) {
    }

    /** Sums up the workshop as it is now. */
    public static PlenarySummary of(Workshop w) {
        Deck deck = w.state().deck();
        String recommendationsId = recommendationsQuestion(deck.script()).map(Script.Question::id).orElse(null);
        String lessonsId = lessonsQuestion(deck.script()).map(Script.Question::id).orElse(null);

        Tally all = new Tally(deck);
        Map<String, Tally> perProfile = new LinkedHashMap<>();
        Map<String, Integer> profileRounds = new HashMap<>();
        for (Profile p : deck.profiles()) {
            perProfile.put(p.id(), new Tally(deck));
        }
        List<BoardState> boards = new ArrayList<>();
        Map<String, List<BoardState>> profileBoards = new HashMap<>();
        int tableRounds = 0;
        int withoutProfile = 0;
        Map<String, Integer> outcomeCounts = new HashMap<>();
        List<TableSummary> perTable = new ArrayList<>();

        for (int t = 1; t <= w.tableCount(); t++) {
            TableState table = w.table(t);
            List<RoundSummary> rounds = new ArrayList<>();
            for (RoundRecord r : table.rounds()) {
                BoardState board = finalBoard(table, r);
                r.outcomes().forEach(o -> outcomeCounts.merge(o, 1, Integer::sum));
                Tally profileTally = r.profileId() == null ? null : perProfile.get(r.profileId());
                boards.add(board);
                // A round that a table started but never played (no card, note, reflection or profile) is no table-round.
                if (played(r, board)) {
                    tableRounds++;
                    if (profileTally == null) {
                        withoutProfile++;
                    } else {
                        profileRounds.merge(r.profileId(), 1, Integer::sum);
                        profileBoards.computeIfAbsent(r.profileId(), k -> new ArrayList<>()).add(board);
                    }
                }
                for (Placement p : board.placements()) {
                    if (deck.card(p.cardId()).isEmpty()) {
                        continue;
                    }
                    all.add(p);
                    if (profileTally != null) {
                        profileTally.add(p);
                    }
                }
                rounds.add(new RoundSummary(r.round(), r.respondentSeat(), !r.open(), r.profileId(), board,
                        note(r, recommendationsId), r.reflection(), note(r, lessonsId)));
            }
            perTable.add(new TableSummary(t, List.copyOf(rounds)));
        }

        List<ProfileSplit> byProfile = deck.profiles().stream()
                .map(p -> {
                    List<BoardState> inProfile = profileBoards.getOrDefault(p.id(), List.of());
                    return new ProfileSplit(p.id(), p.label(), profileRounds.getOrDefault(p.id(), 0),
                            perProfile.get(p.id()).factors().stream().filter(f -> f.total() > 0).toList(),
                            laidFirst(deck, inProfile), links(deck, inProfile));
                })
                .toList();

        return new PlenarySummary(w.state().id(), w.state().title(), deck.id(), w.state().tables(),
                w.state().round(), tableRounds, all.placements, all.factors(), laidFirst(deck, boards), links(deck, boards), byProfile,
                withoutProfile, recommendationsId, lessonsId, List.copyOf(perTable),
                deck.outcomes().stream().map(o -> new OutcomeCount(o.id(), o.label(), outcomeCounts.getOrDefault(o.id(), 0)))
                        .sorted(Comparator.comparingInt(OutcomeCount::count).reversed()).toList());
    }

    /** The deck's cards that began a round (order 1) on these final boards, most often first, ties in deck order. */
    static List<FirstLaid> laidFirst(Deck deck, List<BoardState> boards) {
        Map<String, Integer> first = new HashMap<>();
        for (BoardState board : boards) {
            for (Placement p : board.placements()) {
                if (p.order() == 1 && deck.card(p.cardId()).isPresent()) {
                    first.merge(p.cardId(), 1, Integer::sum);
                }
            }
        }
        return first.entrySet().stream()
                .map(e -> {
                    Card c = deck.card(e.getKey()).orElseThrow();
                    return new FirstLaid(c.id(), c.label(), colour(deck, c), e.getValue());
                })
                .sorted(Comparator.comparingInt(FirstLaid::count).reversed()
                        .thenComparingInt(f -> deckIndex(deck, f.cardId())))
                .toList();
    }

    /** The links drawn on these final boards as undirected card pairs with their distinct labels, most often first. */
    static List<LinkPair> links(Deck deck, List<BoardState> boards) {
        Map<List<String>, Integer> linkCounts = new HashMap<>();
        Map<List<String>, Set<String>> linkLabels = new HashMap<>();
        for (BoardState board : boards) {
            for (Link l : board.links()) {
                Optional<Placement> from = board.placement(l.fromPlacementId());
                Optional<Placement> to = board.placement(l.toPlacementId());
                if (from.isEmpty() || to.isEmpty() || deck.card(from.get().cardId()).isEmpty() || deck.card(to.get().cardId()).isEmpty()) {
                    continue;
                }
                List<String> pair = pair(deck, from.get().cardId(), to.get().cardId());
                linkCounts.merge(pair, 1, Integer::sum);
                if (l.label() != null && !l.label().isBlank()) {
                    linkLabels.computeIfAbsent(pair, k -> new LinkedHashSet<>()).add(l.label().strip());
                }
            }
        }
        return linkCounts.entrySet().stream()
                .map(e -> {
                    Card a = deck.card(e.getKey().get(0)).orElseThrow();
                    Card b = deck.card(e.getKey().get(1)).orElseThrow();
                    return new LinkPair(a.id(), a.label(), b.id(), b.label(), e.getValue(),
                            List.copyOf(linkLabels.getOrDefault(e.getKey(), Set.of())));
                })
                .sorted(Comparator.comparingInt(LinkPair::count).reversed()
                        .thenComparingInt(l -> deckIndex(deck, l.cardA()))
                        .thenComparingInt(l -> deckIndex(deck, l.cardB())))
                .toList();
    }

    /** The JSON of {@code GET /api/workshops/{id}/plenary}; see {@code docs/exports.md}. */
    public ObjectNode toJson() {
        return WorkshopJson.MAPPER.valueToTree(this);
    }

    /** Whether a table played a round: something was laid, noted, reflected on or chosen in it. */
    public static boolean played(RoundRecord round, BoardState board) {
        return !board.placements().isEmpty()
                || round.notes().values().stream().anyMatch(n -> n != null && !n.isBlank())
                || (round.reflection() != null && !round.reflection().isBlank())
                || round.profileId() != null;
    }

    /** The board a round ended with, or the board as it lies now when the round is still being played. */
    public static BoardState finalBoard(TableState table, RoundRecord round) {
        if (round.open()) {
            return table.board();
        }
        return round.photo() == null ? BoardState.EMPTY : round.photo();
    }

    /** Question 6, the recommendations to employers: the question with id "q6", else the sixth question. */
    public static Optional<Script.Question> recommendationsQuestion(Script script) {
        return questionByIdOrPosition(script, "q6", 6);
    }

    /** Question 7, to the observer (what can we learn from this interview): id "q7", else the seventh question. */
    public static Optional<Script.Question> lessonsQuestion(Script script) {
        return questionByIdOrPosition(script, "q7", 7);
    }

    private static Optional<Script.Question> questionByIdOrPosition(Script script, String id, int position) {
        Optional<Script.Question> byId = script.question(id);
        if (byId.isPresent() || script.questions().size() < position) {
            return byId;
        }
        return Optional.of(script.questions().get(position - 1));
    }

    private static String note(RoundRecord r, String questionId) {
        return questionId == null ? null : r.notes().get(questionId);
    }

    /** An undirected pair of cards, the one earlier in the deck first. */
    private static List<String> pair(Deck deck, String a, String b) {
        return deckIndex(deck, a) <= deckIndex(deck, b) ? List.of(a, b) : List.of(b, a);
    }

    private static int deckIndex(Deck deck, String cardId) {
        for (int i = 0; i < deck.cards().size(); i++) {
            if (deck.cards().get(i).id().equals(cardId)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String colour(Deck deck, Card card) {
        return deck.category(card.category()).map(Category::colour).orElse(null);
    }

    /** Counts and strength sums per card and side over a set of boards. */
    private static final class Tally {
        private final Deck deck;
        private final Map<String, int[]> counts = new HashMap<>();
        private final Map<String, double[]> sums = new HashMap<>();
        private int placements;

        Tally(Deck deck) {
            this.deck = deck;
        }

        void add(Placement p) {
            int side = p.side() == Side.STIMULATING ? 0 : 1;
            counts.computeIfAbsent(p.cardId(), k -> new int[2])[side]++;
            sums.computeIfAbsent(p.cardId(), k -> new double[2])[side] += p.strength();
            placements++;
        }

        /** The mean to three decimals, which is finer than anyone can lay a card; null for no placements. */
        private static Double mean(double sum, int count) {
            return count == 0 ? null : Math.round(sum / count * 1000) / 1000.0;
        }

        List<Factor> factors() {
            List<Factor> factors = new ArrayList<>();
            for (Card c : deck.cards()) {
                int[] n = counts.getOrDefault(c.id(), new int[2]);
                double[] s = sums.getOrDefault(c.id(), new double[2]);
                Optional<Category> category = deck.category(c.category());
                factors.add(new Factor(c.id(), c.category(), c.label(), category.map(Category::label).orElse(null),
                        category.map(Category::colour).orElse(null), n[0] + n[1],
                        new SideCount(n[0], mean(s[0], n[0])), new SideCount(n[1], mean(s[1], n[1]))));
            }
            // A stable sort keeps deck order among equal totals.
            factors.sort(Comparator.comparingInt(Factor::total).reversed());
            return List.copyOf(factors);
        }
    }
}
