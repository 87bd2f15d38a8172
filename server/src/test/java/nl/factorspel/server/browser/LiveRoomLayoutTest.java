package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.dragToBoard;
import static nl.factorspel.server.browser.BrowserHarness.inView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every seat's own work fits a corporate laptop (1366x768, 1280x720) without scrolling the page: the
 * respondent's tray and board, the interviewer's current question with previous and next, the
 * reporter's note for the current question (large), the observer's annotation and reflection beside
 * the board; a tray that is not yours is visibly locked and says why. The board reads like the paper
 * one: strength zones in the deck's words, labels broken only between words or with a hyphen, and the
 * end-of-round banner clear of the half titles.
 */
class LiveRoomLayoutTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static boolean overlaps(BoundingBox a, BoundingBox b) {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1366,768", "1280,720"})
    void eachSeatSeesItsOwnWorkWithoutScrollingAndTheBoardReadsLikePaper(int width, int height) throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Elke stoel past", 1, "nl");
        Page console = harness.openConsole(workshop);
        String code = workshop.joinCode();
        Page ilse = harness.join(harness.newLaptop(width, height), code, "Ilse", 1, "interviewer");
        Page ruud = harness.join(harness.newLaptop(width, height), code, "Ruud", 1, "respondent");
        Page sanne = harness.join(harness.newLaptop(width, height), code, "Sanne", 1, "respondent");
        Page rik = harness.join(harness.newLaptop(width, height), code, "Rik", 1, "reporter");
        Page olga = harness.join(harness.newLaptop(width, height), code, "Olga", 1, "observer");
        console.click("#start-round");
        assertThat(rik.locator("[data-testid='round']")).hasText("Ronde 1 van 2");

        // --- the respondent of the round: tray and board ---
        inView(ruud, ruud.locator("#tray h2"), "the tray");
        inView(ruud, ruud.locator("#board"), "the board");
        for (String card : List.of("C2", "A1", "E2")) {
            dragToBoard(ruud, ruud.locator("#tray [data-card-id='" + card + "']"), "C2".equals(card) ? "stimulating" : "hindering", 0.7, "A1".equals(card) ? 0.3 : 0.6);
            assertThat(ruud.locator("#board .placement[data-card-id='" + card + "']")).hasCount(1);
        }
        harness.screenshot(ruud, "seat-respondent-" + width);

        // --- the other respondent: the tray is locked, looks it, and says why ---
        Locator tray = sanne.locator("#tray");
        assertThat(tray).hasClass(Pattern.compile("\\blocked\\b"));
        assertThat(sanne.locator("#tray-hint")).containsText("de andere respondent");
        double opacity = ((Number) sanne.locator("#tray [data-card-id='B1'] .card").evaluate("c => Number(getComputedStyle(c).opacity)")).doubleValue();
        assertTrue(opacity < 0.7, "the cards of a locked tray are dimmed: opacity " + opacity);
        Locator b1 = sanne.locator("#tray [data-card-id='B1']");
        b1.scrollIntoViewIfNeeded();
        BoundingBox box = b1.boundingBox();
        sanne.mouse().move(box.x + box.width / 2, box.y + box.height / 2);
        sanne.mouse().down();
        sanne.mouse().move(box.x + 300, box.y + 20, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(6));
        sanne.mouse().up();
        assertThat(sanne.locator(".toast").filter(new Locator.FilterOptions().setHasText("de andere respondent"))).isVisible();
        harness.screenshot(sanne, "seat-locked-tray-" + width);

        // --- the interviewer: the current question with previous and next in sight, all along the script ---
        for (int i = 0; i < 6; i++) {
            inView(ilse, ilse.locator("#question-next"), "next");
            ilse.click("#question-next");
            assertThat(ilse.locator("#script .question.current")).hasAttribute("data-question-id", "q" + (i + 1));
        }
        inView(ilse, ilse.locator("#question-prev"), "previous");
        inView(ilse, ilse.locator("#question-next"), "next");
        inView(ilse, ilse.locator("#script .question.current .question-text"), "the current question");
        harness.screenshot(ilse, "seat-interviewer-" + width);

        // --- the reporter: the note of the current question large, the others one click away, no tray ---
        assertThat(rik.locator("#tray")).isHidden();
        Locator current = rik.locator("#notes .note.current textarea");
        assertThat(current).hasAttribute("data-question-id", "q6");
        inView(rik, current, "the note of the current question");
        assertTrue(current.boundingBox().height >= 120, "the current note is large: " + current.boundingBox().height);
        assertThat(rik.locator("#notes textarea")).hasCount(7);
        Locator other = rik.locator("#notes textarea[data-question-id='q2']");
        other.click();
        assertTrue(other.boundingBox().height >= 120, "a note opened with one click is large too");
        inView(rik, rik.locator("#board"), "the board");
        harness.screenshot(rik, "seat-reporter-" + width);

        // --- the observer: annotation and reflection beside the board ---
        assertThat(olga.locator("#tray")).isHidden();
        inView(olga, olga.locator("#annotation-text"), "the annotation");
        inView(olga, olga.locator("#reflection"), "the reflection");
        inView(olga, olga.locator("#board"), "the board");
        harness.screenshot(olga, "seat-observer-" + width);

        // --- the board like the paper board ---
        assertThat(olga.locator("#board .half-stimulating .zone-label")).hasText(new String[] {"In grote mate", "In beperkte mate"});
        assertThat(olga.locator("#board .half-hindering .zone-label")).hasText(new String[] {"In beperkte mate", "In grote mate"});
        for (Page page : List.of(ruud, olga)) {
            @SuppressWarnings("unchecked")
            List<String> broken = (List<String>) page.evaluate("() => [...document.querySelectorAll('#board .card-label, #tray .card-label')]"
                    + ".filter(l => l.offsetParent && (l.scrollWidth > l.clientWidth + 1 || getComputedStyle(l).hyphens !== 'auto'"
                    + " || !['normal'].includes(getComputedStyle(l).overflowWrap) || !l.lang)).map(l => l.textContent)");
            assertEquals(List.of(), broken, "labels that overflow or could break inside a word without a hyphen");
        }
        console.click("#end-round");
        BrowserHarness.confirm(console);
        Locator banner = olga.locator("[data-testid='round-over']");
        assertThat(banner).isVisible();
        for (Locator title : olga.locator("#board .half-head").all()) {
            assertFalse(overlaps(banner.boundingBox(), title.boundingBox()), "the banner covers a half's title");
        }
        harness.screenshot(olga, "board-round-over-" + width);
        assertEquals(List.of(), harness.pageErrors);
    }
}
