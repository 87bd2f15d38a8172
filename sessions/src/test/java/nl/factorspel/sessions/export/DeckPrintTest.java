package nl.factorspel.sessions.export;

import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DeckLibrary;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deck printed to play on paper: every copy of every factor once, nine to an A4 page, and an A3 board. */
class DeckPrintTest {

    /** The mark at the foot of a factor card: "A1 · 2/2". */
    private static final Pattern COPY_MARK = Pattern.compile("(\\S+) · (\\d)/(\\d)");

    @Test
    void everyBundledDeckPrintsOneCardPerCopyOfEachFactor() throws Exception {
        for (Deck deck : DeckLibrary.bundled().all()) {
            for (String language : new String[]{"nl", "en"}) {
                byte[] pdf = DeckPrint.cards(deck, language);
                try (PDDocument doc = Loader.loadPDF(pdf)) {
                    Map<String, Integer> printed = new HashMap<>();
                    Matcher m = COPY_MARK.matcher(new PDFTextStripper().getText(doc));
                    while (m.find()) {
                        printed.merge(m.group(1), 1, Integer::sum);
                    }
                    Map<String, Integer> expected = new HashMap<>();
                    deck.cards().forEach(c -> expected.put(c.id(), c.copies()));
                    assertEquals(expected, printed, deck.id() + " (" + language + "): copies printed per factor");
                    int faces = deck.physicalCards() + deck.outcomes().size();
                    int perPage = DeckPrint.COLUMNS * DeckPrint.ROWS;
                    assertEquals((faces + perPage - 1) / perPage, doc.getNumberOfPages(), deck.id() + ": nine cards to a page");
                    assertEquals(PDRectangle.A4.getWidth(), doc.getPage(0).getMediaBox().getWidth(), 0.5f);
                }
            }
        }
    }

    @Test
    void theCardsCarryTheirLabelsInTheChosenLanguage() throws Exception {
        Deck deck = DeckLibrary.bundled().find("llo-factoren").orElseThrow();
        try (PDDocument nl = Loader.loadPDF(DeckPrint.cards(deck, "nl"));
             PDDocument en = Loader.loadPDF(DeckPrint.cards(deck, "en"))) {
            String nlText = new PDFTextStripper().getText(nl).replaceAll("\\s+", " ");
            String enText = new PDFTextStripper().getText(en).replaceAll("\\s+", " ");
            String firstNl = deck.cards().get(0).label().nl();
            String firstEn = deck.cards().get(0).label().en();
            assertTrue(nlText.contains(firstNl.split(" ")[0]), "Dutch label on the Dutch cards");
            assertTrue(enText.contains(firstEn.split(" ")[0]), "English label on the English cards");
            assertTrue(nlText.contains("snijtekens"), "the Dutch footer says how to cut");
        }
    }

    @Test
    void theBoardIsOneA3PageInLandscapeWithBothQuestions() throws Exception {
        Deck deck = DeckLibrary.bundled().find("llo-factoren").orElseThrow();
        try (PDDocument doc = Loader.loadPDF(DeckPrint.board(deck, "nl"))) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals(PDRectangle.A3.getHeight(), doc.getPage(0).getMediaBox().getWidth(), 0.5f);
            assertEquals(PDRectangle.A3.getWidth(), doc.getPage(0).getMediaBox().getHeight(), 0.5f);
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains(deck.board().stimulating().label().nl()), text);
            assertTrue(text.contains(deck.board().strength().large().nl()), text);
        }
    }
}
