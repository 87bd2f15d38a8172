package nl.factorspel.sessions.export;

import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Role;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PdfExportTest {

    /** Where the tests leave a sample of each export, to look at by eye. */
    private static final Path SAMPLES = Path.of("target", "export-samples");

    /** The document's text without the page footers, whitespace squashed. */
    private static String text(PDDocument doc) throws IOException {
        return squash(new PDFTextStripper().getText(doc))
                .replaceAll("\\Q" + ScriptedWorkshop.TITLE + "\\E (pagina|page) \\d+ / \\d+ ", "");
    }

    /** Wrapping breaks lines anywhere; compare texts with all whitespace runs made one space. */
    private static String squash(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void theReportHasACoverThePlenaryAndOnePagePerTableRound() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);
        byte[] pdf = PdfExport.workshop(script.w, "nl", false);
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("workshop.pdf"), pdf);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // A cover, the plenary, and each of the six table-rounds starting a page of its own (a long record
            // continues on the next page).
            assertTrue(doc.getNumberOfPages() >= 1 + 1 + 6, doc.getNumberOfPages() + " pages");
            java.util.List<String> starts = new java.util.ArrayList<>();
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                int at = page;
                String first = new org.apache.pdfbox.text.PDFTextStripper() {{ setStartPage(at); setEndPage(at); }}.getText(doc).strip().split("\\R", 2)[0];
                if (first.matches("Tafel \\d · Ronde \\d")) {
                    starts.add(first);
                }
            }
            assertEquals(java.util.List.of("Tafel 1 · Ronde 1", "Tafel 1 · Ronde 2", "Tafel 2 · Ronde 1", "Tafel 2 · Ronde 2",
                    "Tafel 3 · Ronde 1", "Tafel 3 · Ronde 2"), starts, "one section per table-round, each on a new page");
            assertEquals(PDRectangle.A4.getWidth(), doc.getPage(0).getMediaBox().getWidth(), 0.01);
            String text = text(doc);
            assertTrue(text.contains(ScriptedWorkshop.TITLE), "title on the cover");
            assertTrue(text.contains("Plenaire terugkoppeling"));
            assertTrue(text.contains("Tafel 3 · Ronde 2"));
            String plenary = squash(new org.apache.pdfbox.text.PDFTextStripper() {{ setStartPage(2); setEndPage(2); }}.getText(doc));
            String o1 = ScriptedWorkshop.deck().outcome("O1").orElseThrow().label().in("nl");
            assertTrue(plenary.contains("Opbrengsten"), plenary);
            assertTrue(plenary.contains(squash(o1 + " — 2×")), "outcome O1 counted twice on the plenary page");
        }
    }

    @Test
    void theReportContainsEveryExplanationNoteReflectionAnnotationAndAnswer() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);
        try (PDDocument doc = Loader.loadPDF(PdfExport.workshop(script.w, "nl", false))) {
            String text = text(doc);
            for (String written : script.texts) {
                assertTrue(text.contains(squash(written)), "missing: " + written);
            }
        }
    }

    @Test
    void aRoundWithAChosenProfileShowsWhatWorksForItAndWhatWorksLess() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);
        nl.factorspel.decks.Profile b = ScriptedWorkshop.deck().profile("B").orElseThrow();
        try (PDDocument doc = Loader.loadPDF(PdfExport.workshop(script.w, "nl", false))) {
            String text = text(doc);
            assertTrue(text.contains(squash(b.rule().nl())), "the profile's rule");
            assertTrue(text.contains("Werkt: " + squash(b.worksWell().get(0).nl())), "what works");
            assertTrue(text.contains(squash(b.worksLess().get(0).nl())), "what works less");
        }
    }

    @Test
    void dutchLettersAreEmbeddedAndCharactersTheFontLacksAreReplaced() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.played(false);
        String odd = "Gezegd: 漢字 en 🙂 klaar.";
        script.w.handle(2, new Command.ExplainCard("p3", odd), new Actor("t2-r2", Role.RESPONDENT),
                Instant.parse("2025-11-24T11:00:00Z"), Limits.DEFAULT);

        try (PDDocument doc = Loader.loadPDF(PdfExport.workshop(script.w, "nl", false))) {
            String text = text(doc);
            assertTrue(text.contains("Té veel zelfvertrouwen"));
            assertTrue(text.contains("’s avonds"));
            assertTrue(text.contains("Gezegd:"));
            assertTrue(text.contains("klaar."));
            assertFalse(text.contains("漢"));
        }
    }

    @Test
    void theEnglishReportUsesTheDecksEnglishTexts() throws IOException {
        try (PDDocument doc = Loader.loadPDF(PdfExport.workshop(ScriptedWorkshop.played(true).w, "en", false))) {
            String text = text(doc);
            assertTrue(text.contains("Plenary feedback"));
            assertTrue(text.contains("Self-confidence"));
            assertTrue(text.contains("Table 1 · Round 1"));
            assertFalse(text.contains("Plenaire terugkoppeling"));
        }
    }

    @Test
    void aPseudonymisedReportShowsSeatsInsteadOfNames() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);
        try (PDDocument doc = Loader.loadPDF(PdfExport.workshop(script.w, "nl", true))) {
            String text = text(doc);
            for (String name : script.names.values()) {
                assertFalse(text.contains(name), name);
            }
            assertTrue(text.contains("Respondent: respondent1"));
        }
    }

    @Test
    void aRoundPdfHoldsThatBoardAndItsRecordOnly() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);
        byte[] pdf = PdfExport.round(script.w, 1, 1, "nl", false);
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("table1-round1.pdf"), pdf);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = text(doc);
            assertTrue(text.contains("Tafel 1 · Ronde 1"));
            assertFalse(text.contains("Tafel 1 · Ronde 2") || text.contains("Tafel 2 · Ronde 1"), "no other table-round");
            assertTrue(text.contains("Hij kreeg vertrouwen doordat zijn leidinggevende hem liet experimenteren."));
            assertTrue(text.contains("Deze kaart hoort er toch niet bij."), "the removed card's explanation");
            assertFalse(text.contains("Maar het hielp hem ook om door te zetten."), "round 2's explanation");
            assertTrue(text.contains("Respondent: Ruud van Dijk"));
        }
        assertThrows(IllegalArgumentException.class, () -> PdfExport.round(script.w, 1, 3, "nl", false));
    }

    @Test
    void longRecordsContinueOnExtraPages() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.played(false);
        String longNote = ("Een lange notitie over wat er gezegd werd, met details over het werk en de opleiding. ").repeat(60);
        script.w.handle(2, new Command.WriteNote("q5", longNote, null), new Actor("t2-rep", Role.REPORTER),
                Instant.parse("2025-11-24T11:00:00Z"), Limits.DEFAULT);

        try (PDDocument doc = Loader.loadPDF(PdfExport.round(script.w, 2, 2, "nl", false))) {
            assertEquals(2, doc.getNumberOfPages());
            assertTrue(text(doc).contains(squash(longNote).strip()));
        }
    }

    @Test
    void aRoundRendersAsALegiblePngAt150Dpi() throws IOException {
        byte[] png = PngExport.round(ScriptedWorkshop.played(true).w, 1, 1, "nl", false);
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("table1-round1.png"), png);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(Math.round(PDRectangle.A4.getWidth() / 72 * 150), image.getWidth(), 1);
        assertEquals(Math.round(PDRectangle.A4.getHeight() / 72 * 150), image.getHeight(), 1);
        // The board's card colours are drawn, not just text: the A2 card's category colour is somewhere.
        int a = 0xF6D8AE;
        boolean found = false;
        for (int y = 0; y < image.getHeight() && !found; y += 2) {
            for (int x = 0; x < image.getWidth() && !found; x += 2) {
                found = (image.getRGB(x, y) & 0xFFFFFF) == a;
            }
        }
        assertTrue(found, "a card in category A's colour");
    }

    @Test
    void aWorkshopWithoutRoundsGivesTheCoverAndThePlenaryOnly() throws IOException {
        try (PDDocument doc = Loader.loadPDF(PdfExport.workshop(ScriptedWorkshop.created().w, "nl", false))) {
            assertEquals(2, doc.getNumberOfPages());
            assertTrue(text(doc).contains("Er liggen nog geen kaarten op de borden."));
        }
    }

    @Test
    void aBoardWithEveryCopyOfEveryCardIsDrawnWithAllItsExplanations() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.fullBoard();
        byte[] pdf = PdfExport.round(script.w, 1, 1, "en", false);
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("full-board.pdf"), pdf);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() > 2, "the explanations continue on extra pages");
            String text = text(doc);
            for (String written : script.texts) {
                assertTrue(text.contains(squash(written).strip()), "missing: " + written);
            }
        }
        assertTrue(PngExport.round(script.w, 1, 1, "en", false).length > 0);
    }

    @Test
    void roundsAnEmptyTableNeverPlayedGetOneLineNotAPageAndTheRespondentsSeatIsInWords() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.oneTableIdle();
        try (PDDocument doc = Loader.loadPDF(PdfExport.workshop(script.w, "nl", false))) {
            assertEquals(1 + 1 + 1, doc.getNumberOfPages(), "cover, plenary and table 1's round; table 2 played nothing");
            String text = text(doc);
            assertTrue(text.contains("Niet gespeeld (geen kaart, notitie, reflectie of profiel): Tafel 2 · Ronde 1"), text);
            assertTrue(text.contains("(respondent 1)"), text);
            assertFalse(text.contains("(respondent1)"), "a seat name in words, not the wire name");
        }
    }

    @Test
    void cardTextOnTheBoardIsAtLeastEightPointsAndALongWordIsCutWithAHyphen() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.fullBoard();
        List<Float> sizes = new java.util.ArrayList<>();
        List<String> lines = new java.util.ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(PdfExport.workshop(script.w, "nl", false))) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String line, List<org.apache.pdfbox.text.TextPosition> positions) throws IOException {
                    if (line.startsWith("Ontwikkel")) {
                        positions.forEach(p -> sizes.add(p.getFontSizeInPt()));
                        lines.add(line);
                    }
                    super.writeString(line, positions);
                }
            };
            stripper.setStartPage(3);
            stripper.setEndPage(3);
            stripper.getText(doc);
        }
        assertFalse(sizes.isEmpty(), "the card C2 is drawn on the board page");
        assertTrue(sizes.stream().allMatch(s -> s >= 8f), "card text of at least 8 pt: " + sizes);
        assertTrue(lines.stream().allMatch(l -> l.equals("Ontwikkelmogelijkheden") || l.endsWith("-")),
                "a word is whole or cut with a hyphen: " + lines);
    }
}
