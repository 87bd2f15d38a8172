package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.axeViolations;
import static nl.factorspel.server.browser.BrowserHarness.dragToBoard;
import static nl.factorspel.server.browser.BrowserHarness.inView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table with one shared laptop holds every seat; a switcher at the top of its side column shows the
 * layout of the seat being played (respondent, reporter, interviewer, observer) without a reload, by
 * mouse or keyboard, remembered in that browser. Only the layout changes: the laptop still lays cards.
 */
class SharedLaptopLayoutTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static void noPageScroll(Page page) {
        Number scrolled = (Number) page.evaluate("() => window.scrollY");
        assertEquals(0, scrolled.intValue(), "the page itself is not scrolled");
    }

    /** The switcher's words that do not fit their button. */
    @SuppressWarnings("unchecked")
    private static List<String> clipped(Page page) {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('#layout-switch .layout-option')]"
                + ".filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.textContent)");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1366,768", "1280,720"})
    void theSharedLaptopSwitchesBetweenTheSeatsLayoutsAndKeepsEveryPermission(int width, int height) throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Een laptop voor de tafel", 1, "nl");
        Page console = harness.openConsole(workshop);
        Page laptop = harness.join(harness.newLaptop(width, height), workshop.joinCode(), "Tafel één", 1, "shared");
        console.click("#start-round");
        assertThat(laptop.locator("[data-testid='round']")).hasText("Ronde 1 van 2");

        // --- first the respondent's layout: the switcher on top, tray and board ---
        Locator options = laptop.locator("#layout-switch .layout-option");
        assertThat(options).hasText(new String[] {"Interviewer", "Respondent", "Rapporteur", "Observant"});
        assertThat(laptop.locator("#layout-switch .layout-option[aria-pressed='true']")).hasText("Respondent");
        inView(laptop, laptop.locator("#layout-switch"), "the layout switcher");
        assertEquals(List.of(), clipped(laptop), "switcher labels cut off beside the tray");
        inView(laptop, laptop.locator("#tray h2"), "the tray");
        inView(laptop, laptop.locator("#board"), "the board");

        // --- with a click to the interviewer's script, previous and next in sight ---
        laptop.click("#layout-switch .layout-option[data-layout='interviewer']");
        assertThat(laptop.locator("body")).hasAttribute("data-role", "interviewer");
        inView(laptop, laptop.locator("#question-next"), "next");
        laptop.click("#question-next");
        assertThat(laptop.locator("#script .question.current")).hasAttribute("data-question-id", "q1");
        inView(laptop, laptop.locator("#question-prev"), "previous");
        harness.screenshot(laptop, "shared-interviewer-" + width);

        // --- by keyboard to the reporter: the note of the current question large, no tray, the board smaller ---
        String url = laptop.url();
        laptop.locator("#layout-switch .layout-option[aria-pressed='true']").focus();
        laptop.keyboard().press("ArrowRight");
        laptop.keyboard().press("ArrowRight");
        laptop.keyboard().press("Enter");
        assertThat(laptop.locator("body")).hasAttribute("data-role", "reporter");
        assertEquals(url, laptop.url(), "switched without leaving the page");
        Locator reporter = laptop.locator("#layout-switch .layout-option[data-layout='reporter']");
        assertThat(reporter).hasAttribute("aria-pressed", "true");
        assertThat(reporter).isFocused();
        assertThat(laptop.locator("#tray")).isHidden();
        Locator note = laptop.locator("#notes .note.current textarea");
        inView(laptop, note, "the note of the current question");
        assertTrue(note.boundingBox().height >= 120, "the current note is large: " + note.boundingBox().height);
        inView(laptop, laptop.locator("#board"), "the board");
        noPageScroll(laptop);
        assertEquals(List.of(), clipped(laptop), "switcher labels cut off in the reporter's layout");
        harness.screenshot(laptop, "shared-reporter-" + width);
        assertEquals(List.of(), axeViolations(laptop), "the shared laptop as reporter passes axe");

        // --- remembered in this browser ---
        laptop.reload();
        BrowserHarness.online(laptop);
        assertThat(laptop.locator("body")).hasAttribute("data-role", "reporter");
        assertThat(laptop.locator("#tray")).isHidden();

        // --- the observer's annotation and reflection beside the board ---
        laptop.click("#layout-switch .layout-option[data-layout='observer']");
        inView(laptop, laptop.locator("#annotation-text"), "the annotation");
        inView(laptop, laptop.locator("#reflection"), "the reflection");

        // --- back to the respondent: tray and board, and the laptop still lays cards ---
        laptop.click("#layout-switch .layout-option[data-layout='respondent']");
        assertThat(laptop.locator("body")).hasAttribute("data-role", "respondent");
        inView(laptop, laptop.locator("#tray h2"), "the tray");
        inView(laptop, laptop.locator("#board"), "the board");
        dragToBoard(laptop, laptop.locator("#tray [data-card-id='C2']"), "stimulating", 0.6, 0.4);
        assertThat(laptop.locator("#board .placement[data-card-id='C2']")).hasCount(1);
        noPageScroll(laptop);
        harness.screenshot(laptop, "shared-respondent-" + width);
        assertEquals(List.of(), axeViolations(laptop), "the shared laptop as respondent passes axe");
        assertEquals(List.of(), harness.pageErrors);
    }
}
