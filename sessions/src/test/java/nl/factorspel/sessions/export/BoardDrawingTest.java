package nl.factorspel.sessions.export;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Deck;
import nl.factorspel.sessions.board.BoardState;
import nl.factorspel.sessions.board.Link;
import nl.factorspel.sessions.board.Placement;
import nl.factorspel.sessions.workshop.Side;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardDrawingTest {

    private static final String LONG_LINK = "versterkt elkaar doordat leidinggevenden ontwikkelgesprekken structureel "
            + "koppelen aan de loopbaanwensen van medewerkers";

    /** A glyph that starts on one side of the middle line and ends on the other. */
    private record Crossing(String glyph, float from, float to) {
    }

    @Test
    void noGlyphOfTheBoardCrossesTheCentreLineWhenLongCardsAndLinksLieNearTheMiddle() throws IOException {
        Deck deck = ScriptedWorkshop.deck();
        List<Card> longest = deck.cards().stream()
                .sorted(Comparator.comparingInt((Card c) -> c.label().in("nl").length()).reversed()).limit(4).toList();
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        List<Placement> placements = new ArrayList<>();
        // Two cards with the longest labels hugging the middle on each half, one of them at strength 0 exactly,
        // and one card whose text the deck does not know (its id is printed instead) just as close.
        placements.add(new Placement("p1", longest.get(0).id(), 1, Side.STIMULATING, 0.0, 0.1, 1, "a", at, ""));
        placements.add(new Placement("p2", longest.get(1).id(), 1, Side.HINDERING, 0.0, 0.12, 2, "a", at, ""));
        placements.add(new Placement("p3", longest.get(2).id(), 1, Side.STIMULATING, 0.06, 0.55, 3, "a", at, ""));
        placements.add(new Placement("p4", longest.get(3).id(), 1, Side.HINDERING, 0.04, 0.5, 4, "a", at, ""));
        placements.add(new Placement("p5", "een-kaart-uit-een-ouder-spel-met-een-heel-lange-naam", 1, Side.STIMULATING,
                0.0, 0.95, 5, "a", at, ""));
        placements.add(new Placement("p6", longest.get(0).id(), 2, Side.HINDERING, 0.02, 0.92, 6, "a", at, ""));
        List<Link> links = List.of(
                // Across the middle: the label's natural place is right on the line.
                new Link("l1", "p1", "p2", LONG_LINK, "a", at),
                new Link("l2", "p3", "p4", "hangt samen met de financiering van opleidingen", "a", at),
                // Within one half, both cards beside the middle.
                new Link("l3", "p1", "p3", LONG_LINK, "a", at),
                new Link("l4", "p2", "p6", LONG_LINK, "a", at),
                new Link("l5", "p5", "p6", "werkt door", "a", at));
        BoardState board = new BoardState(placements, links, List.of());

        byte[] bytes;
        float middle;
        try (PdfFlow pdf = new PdfFlow("board")) {
            pdf.newPage();
            middle = pdf.left() + pdf.width() / 2;
            BoardDrawing.draw(pdf, deck, new ExportLabels("nl"), board, pdf.left(), pdf.y(), pdf.width(), PdfExport.BOARD_HEIGHT);
            bytes = pdf.finish("board", "pagina");
        }
        Path samples = Path.of("target", "export-samples");
        Files.createDirectories(samples);
        Files.write(samples.resolve("board-centre-line.pdf"), bytes);

        List<Crossing> crossings = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            float line = middle;
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        float from = p.getXDirAdj();
                        float to = from + p.getWidthDirAdj();
                        if (!p.getUnicode().isBlank() && from < line - 0.01f && to > line + 0.01f) {
                            crossings.add(new Crossing(p.getUnicode(), from, to));
                        }
                    }
                    super.writeString(text, positions);
                }
            };
            all.append(stripper.getText(doc));
        }
        String text = all.toString().replaceAll("\\s+", " ");
        assertTrue(text.contains("versterkt"), "the long link label is drawn: " + text);
        assertTrue(text.contains("hangt samen"), "the crossing link's label is drawn: " + text);
        assertTrue(text.contains("werkt door"), "a short link label is drawn whole: " + text);
        assertFalse(text.isBlank());
        assertTrue(crossings.isEmpty(), "glyphs drawn across the centre line at x=" + middle + ": " + crossings);
    }
}
