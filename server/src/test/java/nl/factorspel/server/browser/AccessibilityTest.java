package nl.factorspel.server.browser;

import com.microsoft.playwright.Page;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.axeViolations;
import static nl.factorspel.server.browser.BrowserHarness.dragToBoard;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * axe-core on every page of a workshop in play (start, join, table of each seat, console, projector,
 * the console's confirmation): no serious or critical violation; the board has a name for screen readers.
 */
class AccessibilityTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static void check(List<String> found, Page page, String name) {
        for (String v : axeViolations(page)) {
            found.add(name + " · " + v);
        }
    }

    @Test
    void noPageHasASeriousOrCriticalAccessibilityViolation() throws Exception {
        List<String> found = new ArrayList<>();
        Page start = harness.newLaptop(1366, 768);
        start.navigate(harness.url("/"));
        assertThat(start.locator("#create-title")).isVisible();
        check(found, start, "start page");

        Workshop workshop = harness.createWorkshopOverHttp("Voor iedereen", 1, "nl");
        Page join = harness.newLaptop(1366, 768);
        join.navigate(harness.url("/join.html?code=" + workshop.joinCode() + "&table=1"));
        assertThat(join.locator("#join-name")).isVisible();
        check(found, join, "join page");

        Page console = harness.openConsole(workshop);
        Page ruud = harness.join(harness.newLaptop(1366, 768), workshop.joinCode(), "Ruud", 1, "respondent");
        Page rik = harness.join(harness.newLaptop(1280, 720), workshop.joinCode(), "Rik", 1, "reporter");
        console.click("#start-round");
        dragToBoard(ruud, ruud.locator("#tray [data-card-id='A2']"), "stimulating", 0.5, 0.4);
        assertThat(ruud.locator("#board .placement[data-card-id='A2']")).hasCount(1);
        assertThat(ruud.locator("#board")).hasAttribute("aria-label", java.util.regex.Pattern.compile(".+"));
        check(found, ruud, "respondent's table");
        check(found, rik, "reporter's table");
        check(found, console, "console");
        console.click("#end-round");
        check(found, console, "console asking");
        BrowserHarness.confirm(console);

        Page projector = harness.newLaptop(1920, 1080);
        projector.navigate(console.locator("[data-testid='projector-link']").getAttribute("href"));
        BrowserHarness.online(projector);
        check(found, projector, "projector");
        assertEquals(List.of(), found);
    }
}
