package nl.factorspel.sessions.export;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Deck;
import nl.factorspel.sessions.board.BoardState;
import nl.factorspel.sessions.board.Link;
import nl.factorspel.sessions.board.Placement;
import nl.factorspel.sessions.workshop.Side;

import java.awt.Color;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The board as the table left it, drawn as vector graphics: the stimulating half on the left, the
 * hindering half on the right, strength running from the middle ("in beperkte mate") to the outer
 * edge ("in grote mate"), each card in its category's colour with its order number, links as lines.
 */
final class BoardDrawing {

    static final float CARD_WIDTH = 92;
    static final float CARD_HEIGHT = 34;
    static final float CARD_TEXT_SIZE = 8;
    /** Space between a card and the middle line or the board's edge at strength 0 or 1. */
    private static final float GAP = 4;
    private static final float HEADER = 30;
    private static final float AXIS = 22;

    private static final Color STIMULATING_TINT = new Color(0xEF, 0xF7, 0xEC);
    private static final Color HINDERING_TINT = new Color(0xFB, 0xEE, 0xEE);
    private static final Color EDGE = new Color(0x88, 0x88, 0x88);

    private BoardDrawing() {
    }

    /** Draws the board in the box whose top left corner is {@code (x, top)}. */
    static void draw(PdfFlow pdf, Deck deck, ExportLabels labels, BoardState board, float x, float top, float width,
                     float height) {
        String lang = labels.language();
        float bottom = top - height;
        float middle = x + width / 2;
        drawField(pdf, deck, lang, x, top, width, height, 1f);

        float areaTop = top - HEADER;
        float areaHeight = height - HEADER - AXIS;
        if (board.placements().isEmpty()) {
            pdf.centred(labels.get("emptyBoard"), pdf.regular, 9, middle, areaTop - areaHeight / 2, PdfFlow.GREY);
            return;
        }

        // Links under the cards, their labels above them.
        for (Link l : board.links()) {
            Optional<Placement> from = board.placement(l.fromPlacementId());
            Optional<Placement> to = board.placement(l.toPlacementId());
            if (from.isPresent() && to.isPresent()) {
                float[] a = centre(from.get(), middle, width / 2, areaTop, areaHeight);
                float[] b = centre(to.get(), middle, width / 2, areaTop, areaHeight);
                pdf.line(a[0], a[1], b[0], b[1], new Color(0x44, 0x44, 0x44), 1.1f);
            }
        }
        List<Placement> inOrder = board.placements().stream().sorted(Comparator.comparingInt(Placement::order)).toList();
        for (Placement p : inOrder) {
            drawCard(pdf, deck, lang, p, centre(p, middle, width / 2, areaTop, areaHeight));
        }
        for (Link l : board.links()) {
            Optional<Placement> from = board.placement(l.fromPlacementId());
            Optional<Placement> to = board.placement(l.toPlacementId());
            if (from.isPresent() && to.isPresent() && l.label() != null && !l.label().isBlank()) {
                float[] a = centre(from.get(), middle, width / 2, areaTop, areaHeight);
                float[] b = centre(to.get(), middle, width / 2, areaTop, areaHeight);
                float cx = (a[0] + b[0]) / 2;
                boolean left = cx < middle || (cx == middle && from.get().side() == Side.STIMULATING);
                float halfLeft = left ? x : middle;
                drawLinkLabel(pdf, l.label(), cx, (a[1] + b[1]) / 2, halfLeft, halfLeft + width / 2);
            }
        }
    }

    /**
     * The empty board in a box: the two tinted halves, the middle line, the halves' names and questions
     * and the strength axis; {@code scale} enlarges the words (1 in a report, more for a board to print).
     */
    static void drawField(PdfFlow pdf, Deck deck, String lang, float x, float top, float width, float height, float scale) {
        float bottom = top - height;
        float middle = x + width / 2;

        pdf.rect(x, bottom, width / 2, height);
        pdf.fill(STIMULATING_TINT);
        pdf.rect(middle, bottom, width / 2, height);
        pdf.fill(HINDERING_TINT);
        pdf.rect(x, bottom, width, height);
        pdf.stroke(EDGE, 0.8f);
        pdf.dashed(true);
        pdf.line(middle, bottom, middle, top, EDGE, 0.6f);
        pdf.dashed(false);

        // The halves' names and questions.
        pdf.text(deck.board().stimulating().label().in(lang), pdf.bold, 11 * scale, x + 6 * scale, top - 13 * scale, PdfFlow.INK);
        pdf.rightAligned(deck.board().hindering().label().in(lang), pdf.bold, 11 * scale, x + width - 6 * scale, top - 13 * scale, PdfFlow.INK);
        drawQuestion(pdf, deck.board().stimulating().question().in(lang), x + 6 * scale, top - 24 * scale, width / 2 - 12 * scale, false, scale);
        drawQuestion(pdf, deck.board().hindering().question().in(lang), x + width - 6 * scale, top - 24 * scale, width / 2 - 12 * scale, true, scale);

        // The strength axis: from the middle outwards on each half.
        float axisY = bottom + (AXIS - 8) * scale;
        String limited = deck.board().strength().limited().in(lang);
        String large = deck.board().strength().large().in(lang);
        arrow(pdf, middle - 4, axisY, x + 4, axisY);
        arrow(pdf, middle + 4, axisY, x + width - 4, axisY);
        pdf.text(large, pdf.regular, 7 * scale, x + 6 * scale, bottom + 4 * scale, PdfFlow.GREY);
        pdf.rightAligned(limited, pdf.regular, 7 * scale, middle - 6 * scale, bottom + 4 * scale, PdfFlow.GREY);
        pdf.text(limited, pdf.regular, 7 * scale, middle + 6 * scale, bottom + 4 * scale, PdfFlow.GREY);
        pdf.rightAligned(large, pdf.regular, 7 * scale, x + width - 6 * scale, bottom + 4 * scale, PdfFlow.GREY);
    }

    /**
     * Where a card's centre lies: at {@code middle ∓ strength × track} horizontally, where the track runs
     * from just beside the middle line to just inside the outer edge, so a card never crosses to the other
     * half; vertically {@code y} runs from the top of the card area (0) to its bottom (1).
     */
    static float[] centre(Placement p, float middle, float halfWidth, float areaTop, float areaHeight) {
        float track = halfWidth - CARD_WIDTH - 2 * GAP;
        float offset = CARD_WIDTH / 2 + GAP + (float) p.strength() * track;
        float cx = p.side() == Side.STIMULATING ? middle - offset : middle + offset;
        float cy = areaTop - CARD_HEIGHT / 2 - GAP - (float) p.y() * (areaHeight - CARD_HEIGHT - 2 * GAP);
        return new float[]{cx, cy};
    }

    private static void drawCard(PdfFlow pdf, Deck deck, String lang, Placement p, float[] centre) {
        Optional<Card> card = deck.card(p.cardId());
        Color colour = PdfFlow.colour(card.flatMap(c -> deck.category(c.category())).map(c -> c.colour()).orElse(null));
        float left = centre[0] - CARD_WIDTH / 2;
        float lower = centre[1] - CARD_HEIGHT / 2;
        pdf.roundedRect(left, lower, CARD_WIDTH, CARD_HEIGHT, 4);
        pdf.fillAndStroke(colour, PdfFlow.darker(colour, 0.6f), 0.7f);

        String label = card.map(c -> c.label().in(lang)).orElse(p.cardId());
        // 8 pt at least: printed boards are read at arm's length.
        float size = CARD_TEXT_SIZE;
        List<String> lines = pdf.wrap(label, pdf.regular, size, CARD_WIDTH - 12, 3);
        float lineHeight = size * 1.2f;
        float firstBaseline = centre[1] + (lines.size() * lineHeight) / 2 - size * 0.95f;
        for (int i = 0; i < lines.size(); i++) {
            pdf.centred(lines.get(i), pdf.regular, size, centre[0] + 3, firstBaseline - i * lineHeight, PdfFlow.INK);
        }

        // The order number in a circle on the top left corner.
        float cx = left + 2;
        float cy = lower + CARD_HEIGHT - 2;
        pdf.circle(cx, cy, 6);
        pdf.fillAndStroke(Color.WHITE, PdfFlow.INK, 0.7f);
        pdf.centred(Integer.toString(p.order()), pdf.bold, p.order() >= 10 ? 5.5f : 6.5f, cx, cy - 2.3f, PdfFlow.INK);
    }

    /**
     * A link's label in a white box at the link's middle, kept wholly within one half of the board
     * ({@code halfLeft} to {@code halfRight}) so it never covers the centre line: wrapped to fit that half
     * and moved sideways when the link's middle lies on or near the line.
     */
    private static void drawLinkLabel(PdfFlow pdf, String label, float cx, float cy, float halfLeft, float halfRight) {
        float size = 6f;
        float pad = 3;
        float maxText = Math.min(90, halfRight - halfLeft - 2 * GAP - 2 * pad);
        List<String> lines = pdf.wrap(label, pdf.regular, size, maxText, 2);
        float w = 0;
        for (String line : lines) {
            w = Math.max(w, pdf.width(line, pdf.regular, size));
        }
        float boxWidth = w + 2 * pad;
        float boxLeft = Math.max(halfLeft + GAP, Math.min(cx - boxWidth / 2, halfRight - GAP - boxWidth));
        float centre = boxLeft + boxWidth / 2;
        float h = lines.size() * size * 1.2f + 3;
        pdf.roundedRect(boxLeft, cy - h / 2, boxWidth, h, 2);
        pdf.fillAndStroke(Color.WHITE, new Color(0x44, 0x44, 0x44), 0.5f);
        for (int i = 0; i < lines.size(); i++) {
            pdf.centred(lines.get(i), pdf.regular, size, centre, cy + h / 2 - 1.5f - size * 0.95f - i * size * 1.2f, PdfFlow.INK);
        }
    }

    private static void drawQuestion(PdfFlow pdf, String question, float x, float baseline, float width, boolean right,
                                     float scale) {
        float size = 6.5f * scale;
        List<String> lines = pdf.wrap(question, pdf.regular, size, width, 1);
        if (right) {
            pdf.rightAligned(lines.get(0), pdf.regular, size, x, baseline, PdfFlow.GREY);
        } else {
            pdf.text(lines.get(0), pdf.regular, size, x, baseline, PdfFlow.GREY);
        }
    }

    private static void arrow(PdfFlow pdf, float x1, float y, float x2, float y2) {
        pdf.line(x1, y, x2, y2, PdfFlow.LIGHT, 0.8f);
        float dir = Math.signum(x2 - x1);
        try {
            pdf.content().moveTo(x2, y2);
            pdf.content().lineTo(x2 - dir * 5, y2 + 2.5f);
            pdf.content().lineTo(x2 - dir * 5, y2 - 2.5f);
            pdf.content().closePath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        pdf.fill(PdfFlow.LIGHT);
    }
}
