package nl.factorspel.sessions.export;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Category;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.Outcome;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A deck to play on paper: the cards to cut (A4, nine to a page, one card per copy, in their
 * category's colour, with crop marks) and the board to lay them on (A3). A table without laptops
 * plays the same deck, and the facilitator can type its board in afterwards.
 */
public final class DeckPrint {

    private static final float MM = 72f / 25.4f;
    static final int COLUMNS = 3;
    static final int ROWS = 3;
    private static final float CARD_WIDTH = 63 * MM;
    private static final float CARD_HEIGHT = 86 * MM;
    private static final float BAND = 12 * MM;
    private static final float PAD = 3.5f * MM;
    /** Crop marks stop this far from the cut and are this long. */
    private static final float MARK_GAP = 2 * MM;
    private static final float MARK_LENGTH = 4 * MM;

    private DeckPrint() {
    }

    /** One face to print: what the band says, the label, the description, the small mark at the foot. */
    private record Face(String id, String band, String label, String description, String mark, Color colour) {
    }

    /** The cards to cut, A4: every copy of every factor, then the outcome cards, each once. */
    public static byte[] cards(Deck deck, String language) {
        ExportLabels labels = new ExportLabels(language);
        String lang = labels.language();
        List<Face> faces = new ArrayList<>();
        for (Card card : deck.cards()) {
            Category category = deck.category(card.category()).orElseThrow();
            for (int copy = 1; copy <= card.copies(); copy++) {
                faces.add(new Face(card.id(), category.label().in(lang), card.label().in(lang),
                        card.description() == null ? null : card.description().in(lang),
                        card.id() + " · " + copy + "/" + card.copies(), PdfFlow.colour(category.colour())));
            }
        }
        for (Outcome outcome : deck.outcomes()) {
            faces.add(new Face(outcome.id(), labels.get("print.outcome"), outcome.label().in(lang),
                    outcome.description() == null ? null : outcome.description().in(lang),
                    outcome.id() + " · " + labels.get("print.outcome"), Color.WHITE));
        }
        try (PdfFlow pdf = new PdfFlow(deck.title().in(lang))) {
            float left = (PdfFlow.PAGE_WIDTH - COLUMNS * CARD_WIDTH) / 2;
            float top = PdfFlow.PAGE_HEIGHT - (PdfFlow.PAGE_HEIGHT - ROWS * CARD_HEIGHT) / 2;
            int perPage = COLUMNS * ROWS;
            for (int i = 0; i < faces.size(); i++) {
                if (i % perPage == 0) {
                    pdf.newPage();
                    cropMarks(pdf, left, top);
                }
                int slot = i % perPage;
                float x = left + (slot % COLUMNS) * CARD_WIDTH;
                float y = top - (slot / COLUMNS + 1) * CARD_HEIGHT;
                drawFace(pdf, faces.get(i), x, y);
            }
            return pdf.finish(deck.title().in(lang) + " · " + labels.get("print.cards"), labels.get("page"));
        }
    }

    /** The board alone, A3 landscape: the halves, their questions and the strength axis, large enough to read across a table. */
    public static byte[] board(Deck deck, String language) {
        ExportLabels labels = new ExportLabels(language);
        PDRectangle a3 = new PDRectangle(PDRectangle.A3.getHeight(), PDRectangle.A3.getWidth());
        try (PdfFlow pdf = new PdfFlow(deck.title().in(labels.language()))) {
            pdf.newPage(a3);
            float margin = PdfFlow.MARGIN;
            pdf.text(deck.title().in(labels.language()), pdf.bold, 16, margin, a3.getHeight() - margin, PdfFlow.INK);
            BoardDrawing.drawField(pdf, deck, labels.language(), margin, a3.getHeight() - margin - 16,
                    a3.getWidth() - 2 * margin, a3.getHeight() - 2 * margin - 16 - PdfFlow.FOOTER, 2.2f);
            return pdf.finish(deck.title().in(labels.language()) + " · " + labels.get("print.board"), labels.get("page"));
        }
    }

    private static void drawFace(PdfFlow pdf, Face face, float x, float y) {
        pdf.rect(x, y, CARD_WIDTH, CARD_HEIGHT);
        pdf.fillAndStroke(face.colour(), PdfFlow.LIGHT, 0.4f);
        float bandBottom = y + CARD_HEIGHT - BAND;
        pdf.line(x + PAD, bandBottom, x + CARD_WIDTH - PAD, bandBottom, PdfFlow.darker(face.colour(), 0.7f), 0.6f);
        float baseline = y + CARD_HEIGHT - BAND / 2 - 4;
        pdf.text(face.id(), pdf.bold, 12, x + PAD, baseline, PdfFlow.INK);
        float idWidth = pdf.width(pdf.safe(face.id(), pdf.bold), pdf.bold, 12);
        List<String> band = pdf.wrap(face.band(), pdf.regular, 7, CARD_WIDTH - 2 * PAD - idWidth - 6, 1);
        if (!band.isEmpty()) {
            pdf.rightAligned(band.get(0), pdf.regular, 7, x + CARD_WIDTH - PAD, baseline + 1, PdfFlow.INK);
        }
        float size = 12;
        float cursor = bandBottom - PAD - size;
        for (String line : pdf.wrap(face.label(), pdf.bold, size, CARD_WIDTH - 2 * PAD, 5)) {
            pdf.text(line, pdf.bold, size, x + PAD, cursor, PdfFlow.INK);
            cursor -= size * PdfFlow.LEADING;
        }
        if (face.description() != null) {
            float small = 7.5f;
            cursor -= small * 0.6f;
            int room = (int) ((cursor - (y + PAD + 10)) / (small * PdfFlow.LEADING));
            if (room > 0) {
                for (String line : pdf.wrap(face.description(), pdf.regular, small, CARD_WIDTH - 2 * PAD, room)) {
                    pdf.text(line, pdf.regular, small, x + PAD, cursor, PdfFlow.INK);
                    cursor -= small * PdfFlow.LEADING;
                }
            }
        }
        pdf.rightAligned(face.mark(), pdf.regular, 6.5f, x + CARD_WIDTH - PAD, y + PAD, PdfFlow.GREY);
    }

    /** Marks outside the grid where every cut runs: a paper cutter lines up on them. */
    private static void cropMarks(PdfFlow pdf, float left, float top) {
        float right = left + COLUMNS * CARD_WIDTH;
        float bottom = top - ROWS * CARD_HEIGHT;
        for (int c = 0; c <= COLUMNS; c++) {
            float x = left + c * CARD_WIDTH;
            pdf.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK_LENGTH, PdfFlow.INK, 0.4f);
            pdf.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK_LENGTH, PdfFlow.INK, 0.4f);
        }
        for (int r = 0; r <= ROWS; r++) {
            float y = top - r * CARD_HEIGHT;
            pdf.line(left - MARK_GAP, y, left - MARK_GAP - MARK_LENGTH, y, PdfFlow.INK, 0.4f);
            pdf.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LENGTH, y, PdfFlow.INK, 0.4f);
        }
    }
}
