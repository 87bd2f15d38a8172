package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deck studio as a facilitator uses it: a small deck made from nothing, a problem shown at its
 * field and fixed, saved, printed, and played at a table; a card list pasted from Dutch Excel.
 */
class StudioTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    /** A laptop on which a workshop was made before (so today's upload rule lets it save a deck). */
    private Page facilitatorLaptop(int width, int height) throws Exception {
        Workshop earlier = harness.createWorkshopOverHttp("Eerder", 1, "nl");
        Page page = harness.newLaptop(width, height);
        page.navigate(harness.url("/"));
        page.evaluate("([id, token, code]) => { localStorage.setItem('factorspel.token.' + id, token);"
                + " localStorage.setItem('factorspel.created', JSON.stringify([{ workshopId: id, title: 'Eerder', joinCode: code, createdAt: new Date().toISOString() }])); }",
                List.of(earlier.id(), earlier.facilitatorToken(), earlier.joinCode()));
        return page;
    }

    /** What the screen shows (the studio is a long form; a full-page picture says less than the view). */
    private static void view(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserHarness.SCREENSHOTS.resolve(name + ".png")));
    }

    private static void both(Page page, String path, String nl, String en) {
        page.fill("[data-path='" + path + ".nl']", nl);
        page.fill("[data-path='" + path + ".en']", en);
    }

    @Test
    void aDeckMadeFromNothingShowsItsProblemsAtTheirFieldsIsSavedPrintedAndPlayed() throws Exception {
        Page page = facilitatorLaptop(1366, 768);
        page.click("#home-studio");
        page.waitForURL("**/studio.html");
        page.click("#start-empty");
        assertThat(page.locator("[data-testid='studio-invalid']")).isVisible();

        both(page, "title", "Leren in de wijk", "Learning in the neighbourhood");
        both(page, "description", "Een klein spel om te proberen.", "A small deck to try.");
        assertEquals("leren-in-de-wijk", page.inputValue("[data-path='id']"), "a new deck's id follows its title");
        page.fill("[data-path='source']", "Geschreven voor de test van de studio.");
        page.click("[data-add='categories']");
        both(page, "categories[0].label", "Persoon", "Person");
        page.click("[data-add='cards']");
        page.fill("[data-path='cards[0].label.nl']", "Nieuwsgierigheid");
        // Only Dutch so far: the English field is marked as a missing translation, and the validator says so there.
        assertThat(page.locator("[data-path='cards[0].label.en']")).hasClass(Pattern.compile("missing"));
        Locator englishProblem = page.locator("[data-path='cards[0].label'] > .sf-problems [data-problem-path='cards[0].label.en']");
        assertThat(englishProblem).isVisible();
        page.fill("[data-path='cards[0].label.en']", "Curiosity");
        assertThat(englishProblem).hasCount(0);

        // A colour too dark for black text: the problem shows at the colour field, and saving is not possible.
        page.fill("[data-path='categories[0].colour']", "#000080");
        Locator colourProblem = page.locator(".sf:has([data-path='categories[0].colour']) [data-problem-path='categories[0].colour']");
        assertThat(colourProblem).isVisible();
        assertThat(colourProblem).containsText("Te donker");
        assertThat(page.locator("[data-path='categories[0].colour']")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#studio-save")).isDisabled();
        view(page, "studio-problem-1366");
        page.fill("[data-path='categories[0].colour']", "#F6D8AE");
        assertThat(colourProblem).hasCount(0);

        both(page, "board.stimulating.label", "Helpt", "Helps");
        both(page, "board.stimulating.question", "Wat helpt?", "What helps?");
        both(page, "board.hindering.label", "Remt", "Holds back");
        both(page, "board.hindering.question", "Wat remt?", "What holds back?");
        both(page, "board.strength.limited", "Een beetje", "A little");
        both(page, "board.strength.large", "Heel sterk", "Very strongly");
        page.click("[data-add='script.questions']");
        both(page, "script.questions[0].text", "Wat hielp je?", "What helped you?");
        page.selectOption("[data-path='script.questions[0].side']", "stimulating");

        assertThat(page.locator("[data-testid='studio-valid']")).isVisible();
        // The preview shows the tray and the board as a respondent sees them, in the deck's words.
        assertThat(page.locator("#preview-tray [data-card-id='A1']")).containsText("Nieuwsgierigheid");
        assertThat(page.locator("#preview-board")).containsText("Helpt");
        page.click("#preview-tray [data-card-id='A1']");
        assertThat(page.locator("#preview-board .placement[data-card-id='A1']")).hasCount(1);
        page.click("#studio-save");
        assertThat(page.locator("#studio-save-state")).containsText("versie 1");
        assertThat(page.locator("#studio-print-cards")).isVisible();
        view(page, "studio-valid-1366");

        // The print has one card per copy: two of the one factor.
        String printLink = page.locator("#studio-print-cards").getAttribute("href");
        HttpResponse<byte[]> print = harness.http.send(HttpRequest.newBuilder(URI.create(harness.url(printLink))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, print.statusCode());
        try (PDDocument doc = Loader.loadPDF(print.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertEquals(2, Pattern.compile("A1 · \\d/2").matcher(text).results().count(), text);
        }

        // One click makes a workshop with the new deck; a respondent lays its card.
        page.fill("#studio-tables", "1");
        page.click("#studio-workshop");
        page.waitForURL("**/facilitator.html#**");
        BrowserHarness.online(page);
        String code = page.locator("[data-testid='join-code']").innerText().strip();
        Page respondent = harness.join(code, "Ruud", 1, "respondent");
        page.click("#start-round");
        assertThat(respondent.locator("[data-testid='round']")).containsText("1");
        assertThat(respondent.locator("#tray [data-card-id='A1']").first()).containsText("Nieuwsgierigheid");
        BrowserHarness.dragToBoard(respondent, respondent.locator("#tray [data-card-id='A1']").first(), "stimulating", 0.5, 0.5);
        assertThat(respondent.locator("#board .placement[data-card-id='A1']")).hasCount(1);
        assertThat(respondent.locator("#board")).containsText("Helpt");
        assertTrue(harness.pageErrors.isEmpty(), harness.pageErrors.toString());
    }

    @Test
    void aCardListPastedFromDutchExcelBecomesCardsInTheirCategories() throws Exception {
        Page page = facilitatorLaptop(1920, 1080);
        page.navigate(harness.url("/studio.html"));
        page.click("#start-empty");
        page.click(".csv-box summary");
        // As a Dutch Excel saves it: byte-order mark, semicolons, CRLF, quoted fields with ; and "" inside.
        String csv = "\uFEFFCategorie;Label;Omschrijving\r\n"
                + "Persoon;Zelfvertrouwen;\"Geloven dat je het kunt; ook \"\"als het moeilijk is\"\"\"\r\n"
                + "Werkgever;Steun van de leidinggevende;\r\n"
                + "persoon;Tijd;\"twee\r\nregels\"\r\n"
                + ";;\r\n";
        page.fill("#csv-text", csv);
        page.click("#csv-add");
        assertThat(page.locator("#csv-result")).containsText("3 kaarten");
        assertEquals("Zelfvertrouwen", page.inputValue("[data-path='cards[0].label.nl']"));
        assertEquals("Geloven dat je het kunt; ook \"als het moeilijk is\"", page.inputValue("[data-path='cards[0].description.nl']"));
        assertEquals("twee\nregels", page.inputValue("[data-path='cards[2].description.nl']"));
        assertEquals("A", page.inputValue("[data-path='cards[2].category']"), "a category is matched by its name, whatever the case");
        assertEquals("B", page.inputValue("[data-path='cards[1].category']"));
        assertEquals("Persoon", page.inputValue("[data-path='categories[0].label.nl']"));
        assertEquals(2, page.locator("[data-path^='categories['][data-path$='].colour']").count());
        // The English texts are still to write: marked at their fields.
        assertThat(page.locator("[data-path='cards[1].label.en']")).hasClass(Pattern.compile("missing"));
        assertThat(page.locator("[data-problem-path='cards[1].label.en']")).isVisible();
        assertThat(page.locator("#preview-tray [data-card-id='B1']")).containsText("Steun van de leidinggevende");
        view(page, "studio-csv-1920");

        // An older Excel saves "CSV" in Windows-1252, commas and all: the file is read as such.
        byte[] legacy = "Werkgever,Koffie in het café,\"Praten, even weg\"\r\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        page.setInputFiles("#csv-file", new com.microsoft.playwright.options.FilePayload("kaarten.csv", "text/csv", legacy));
        assertThat(page.locator("#csv-result")).containsText("1 kaart toegevoegd");
        assertEquals("Koffie in het café", page.inputValue("[data-path='cards[3].label.nl']"));
        assertEquals("Praten, even weg", page.inputValue("[data-path='cards[3].description.nl']"));
        assertEquals("B", page.inputValue("[data-path='cards[3].category']"));

        // A copy of a bundled deck gets an id of its own and is valid as it is.
        page.navigate(harness.url("/studio.html"));
        page.evaluate("() => localStorage.removeItem('factorspel.studio.draft')");
        page.navigate(harness.url("/studio.html"));
        page.click("#start-copy");
        assertEquals("llo-factoren-kopie", page.inputValue("[data-path='id']"));
        assertThat(page.locator("[data-testid='studio-valid']")).isVisible();
        view(page, "studio-copy-1920");
        page.setViewportSize(1366, 768);
        view(page, "studio-copy-1366");
        assertTrue(harness.pageErrors.isEmpty(), harness.pageErrors.toString());
    }
}
