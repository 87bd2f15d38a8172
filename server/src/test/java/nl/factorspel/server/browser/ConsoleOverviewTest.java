package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.inView;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console of a twelve-table workshop: all tables at once on a 1920x1080 screen (six on a laptop),
 * each with who is online, its question and cards, and a warning on a playing table where nobody is
 * online; one click opens a table.
 */
class ConsoleOverviewTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    @ParameterizedTest(name = "{0}x{1}: {2} tables in sight")
    @CsvSource({"1920,1080,12", "1366,768,6"})
    void twelveTablesFitOneScreenAndAQuietTableIsFlagged(int width, int height, int inSight) throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Twaalf tafels", 12, "nl");
        Page console = harness.newLaptop(width, height);
        console.navigate(harness.url("/facilitator.html#w=" + workshop.id() + "&t=" + workshop.facilitatorToken()));
        BrowserHarness.online(console);
        harness.join(workshop.joinCode(), "Ilse", 3, "interviewer");
        console.click("#start-round");
        assertThat(console.locator("#tables .mini")).hasCount(12);
        assertThat(console.locator("#tables [data-table='3'] .mini-seat[data-online='true']")).hasCount(1);

        console.locator("#tables .mini").first().evaluate("m => m.scrollIntoView({ block: 'start' })");
        for (int table = 1; table <= inSight; table++) {
            inView(console, console.locator("#tables [data-table='" + table + "']"), "table " + table);
        }
        assertThat(console.locator("#tables [data-table='1'] [data-testid='stuck']")).containsText("niemand online");
        assertThat(console.locator("#tables [data-table='3'] [data-testid='stuck']")).hasCount(0);
        assertThat(console.locator("#tables [data-table='3'] [data-field='question']")).hasText("nog geen vraag");
        harness.screenshot(console, "console-twelve-tables-" + width);

        Locator open = console.locator("#tables [data-table='3'] [data-open-table='3']");
        Page table = console.context().waitForPage(open::click);
        table.waitForURL("**/table.html#**");
        assertThat(table.locator("#table-name")).hasText("Tafel 3");
        assertEquals(List.of(), harness.pageErrors);
    }
}
