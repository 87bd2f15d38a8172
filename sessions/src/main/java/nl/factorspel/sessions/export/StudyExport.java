package nl.factorspel.sessions.export;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Deck;
import nl.factorspel.sessions.export.CsvExport.Column;
import nl.factorspel.sessions.export.CsvExport.FileSpec;
import nl.factorspel.sessions.workshop.Workshop;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study across workshops: the same files as one workshop's CSV zip, each holding the rows of every
 * workshop with its {@code workshop_id}, one codebook, and one matrix whose columns are every workshop's
 * interviews ({@code <workshop>_t1r1}, ...). Participant keys stay per workshop: join on
 * ({@code workshop_id}, {@code participant_key}). See {@code docs/exports.md}.
 */
public final class StudyExport {

    private static final Column WORKSHOP_ID = new Column("workshop_id", "text", "the workshop's id");

    private StudyExport() {
    }

    /** The study's zip; the workshops must be different ones. */
    public static byte[] zip(List<Workshop> workshops, boolean pseudonymise) {
        if (workshops.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one workshop");
        }
        Set<String> ids = new HashSet<>();
        List<Map<String, CsvTable>> all = new ArrayList<>();
        Instant latest = Instant.EPOCH;
        for (Workshop w : workshops) {
            if (!ids.add(w.state().id())) {
                throw new IllegalArgumentException("workshop " + w.state().id() + " is in the study twice");
            }
            all.add(CsvExport.tables(w, pseudonymise));
            latest = latest.isAfter(w.state().createdAt()) ? latest : w.state().createdAt();
        }
        List<String> cardIds = cardIds(workshops);
        Map<String, CsvTable> combined = new LinkedHashMap<>();
        for (String name : all.get(0).keySet()) {
            combined.put(name, name.equals("matrix.csv") ? matrix(workshops, all, cardIds) : union(name, workshops, all));
        }
        renumberStatements(combined.get(CsvExport.CARDS.name()), cardIds);
        return CsvExport.zip(CsvExport.render(combined, statements(workshops, cardIds)), latest);
    }

    /** One file of every workshop: the union of their columns by name (workshop_id first), rows in workshop order. */
    private static CsvTable union(String name, List<Workshop> workshops, List<Map<String, CsvTable>> all) {
        List<Column> columns = new ArrayList<>();
        columns.add(WORKSHOP_ID);
        Set<String> names = new HashSet<>(Set.of(WORKSHOP_ID.name()));
        for (Map<String, CsvTable> tables : all) {
            for (Column c : tables.get(name).spec().columns()) {
                if (names.add(c.name())) {
                    columns.add(c);
                }
            }
        }
        FileSpec first = all.get(0).get(name).spec();
        CsvTable out = new CsvTable(new FileSpec(name, first.meaning(), List.copyOf(columns)));
        for (int i = 0; i < all.size(); i++) {
            CsvTable table = all.get(i).get(name);
            for (List<Object> row : table.rows()) {
                List<Object> cells = new ArrayList<>();
                for (Column c : columns) {
                    cells.add(c == WORKSHOP_ID ? workshops.get(i).state().id() : table.cell(row, c.name()));
                }
                out.row(cells);
            }
        }
        return out;
    }

    /** Every card of every workshop's deck, once, in the order first met. */
    private static List<String> cardIds(List<Workshop> workshops) {
        Set<String> seen = new java.util.LinkedHashSet<>();
        for (Workshop w : workshops) {
            w.state().deck().cards().forEach(c -> seen.add(c.id()));
        }
        return List.copyOf(seen);
    }

    /** Cards by interviews of every workshop; a card a workshop's deck does not have is empty in its columns. */
    private static CsvTable matrix(List<Workshop> workshops, List<Map<String, CsvTable>> all, List<String> cardIds) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("card_id", "text", "the card (statement); cards.csv has its text and number"));
        for (int i = 0; i < all.size(); i++) {
            String id = workshops.get(i).state().id();
            for (Column c : all.get(i).get("matrix.csv").spec().columns().subList(1, all.get(i).get("matrix.csv").spec().columns().size())) {
                columns.add(new Column(id + "_" + c.name(), c.type(), "workshop " + id + ", " + c.meaning()
                        + "; empty when the workshop's deck has no such card"));
            }
        }
        CsvTable out = new CsvTable(new FileSpec("matrix.csv", "statements (cards) by interviews of every workshop", List.copyOf(columns)));
        for (String cardId : cardIds) {
            List<Object> cells = new ArrayList<>();
            cells.add(cardId);
            for (Map<String, CsvTable> tables : all) {
                CsvTable m = tables.get("matrix.csv");
                List<Object> row = m.rows().stream().filter(r -> cardId.equals(r.get(0))).findFirst().orElse(null);
                for (int c = 1; c < m.spec().columns().size(); c++) {
                    cells.add(row == null ? null : row.get(c));
                }
            }
            out.row(cells);
        }
        return out;
    }

    /** In a study a card's statement number is its row in the study's matrix. */
    private static void renumberStatements(CsvTable cards, List<String> cardIds) {
        int statement = cards.spec().columns().stream().map(Column::name).toList().indexOf("statement");
        int cardId = cards.spec().columns().stream().map(Column::name).toList().indexOf("card_id");
        for (List<Object> row : cards.rows()) {
            row.set(statement, cardIds.indexOf((String) row.get(cardId)) + 1);
        }
    }

    /** The statements of the study's matrix: each card's text from the first workshop whose deck has it. */
    private static byte[] statements(List<Workshop> workshops, List<String> cardIds) {
        StringBuilder text = new StringBuilder();
        for (String id : cardIds) {
            for (Workshop w : workshops) {
                Deck deck = w.state().deck();
                java.util.Optional<Card> card = deck.card(id);
                if (card.isPresent()) {
                    text.append(card.get().label().in(w.state().language()).replace('\n', ' ').replace('\r', ' ')).append('\n');
                    break;
                }
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
