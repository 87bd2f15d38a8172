package nl.factorspel.sessions.export;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Deck;
import nl.factorspel.sessions.board.Placement;
import nl.factorspel.sessions.export.CsvExport.Column;
import nl.factorspel.sessions.export.CsvExport.FileSpec;
import nl.factorspel.sessions.workshop.Side;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The deck as Q-methodology reads it: {@code matrix.csv} has one row per card (statement) and one column
 * per interview (table × round), the signed strength of the card on that interview's final board
 * (stimulating positive, hindering negative, 0 when it was not laid); {@code statements.txt} has the
 * cards' texts, one per line, in the same order. This is the statements × sorts layout that R's qmethod
 * and Ken-Q read.
 */
final class QMatrix {

    static final String STATEMENTS = "statements.txt";

    private QMatrix() {
    }

    /** The name of an interview's column: {@code t<table>r<round>}. */
    static String column(RoundHistory h) {
        return "t" + h.table() + "r" + h.round();
    }

    /** The matrix's columns for these interviews. */
    static FileSpec spec(List<RoundHistory> interviews) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("card_id", "text", "the card (statement); cards.csv has its text and number"));
        for (RoundHistory h : interviews) {
            columns.add(new Column(column(h), "decimal", "table " + h.table() + ", round " + h.round()
                    + ": the card's signed strength on the final board, +strength stimulating, -strength hindering, 0 not laid;"
                    + " a factor laid on both sides (its two copies) holds the sum of the two"));
        }
        return new FileSpec("matrix.csv", "statements (cards) by interviews (table × round): signed strengths", List.copyOf(columns));
    }

    /** One row per card of the deck, in deck order. */
    static void write(CsvTable out, Deck deck, List<RoundHistory> interviews) {
        for (Card card : deck.cards()) {
            List<Object> row = new ArrayList<>();
            row.add(card.id());
            for (RoundHistory h : interviews) {
                row.add(signedStrength(h, card.id()));
            }
            out.row(row);
        }
    }

    /** The sum over the card's copies on the interview's final board of +strength (stimulating) or -strength. */
    static double signedStrength(RoundHistory h, String cardId) {
        double sum = 0;
        for (Placement p : h.finalBoard().placements()) {
            if (p.cardId().equals(cardId)) {
                sum += p.side() == Side.STIMULATING ? p.strength() : -p.strength();
            }
        }
        // 0.1 + 0.2 style noise would print as 0.30000000000000004
        return Math.round(sum * 1e6) / 1e6;
    }

    /** The cards' texts, one per line, in matrix order (plain UTF-8 without a byte-order mark, LF line ends). */
    static byte[] statements(Deck deck, String lang) {
        StringBuilder text = new StringBuilder();
        for (Card card : deck.cards()) {
            text.append(card.label().in(lang).replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
