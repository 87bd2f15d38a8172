package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Clock;
import com.microsoft.playwright.Page;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console's two five-minute warnings (no card, no question) count from the round's start in the
 * server's time: the console's own clock is moved on six minutes with Playwright's clock control, so the
 * test does not wait five real minutes, and a table that was quiet for them is flagged; a console on a
 * laptop whose own clock runs six minutes fast does not flag it.
 */
class StuckWarningTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    @Test
    void aTableWithNoCardAndNoQuestionForFiveMinutesOfTheRoundIsFlagged() throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Stille tafel", 1, "nl");
        Page console = harness.newLaptop(1920, 1080);
        console.clock().install();
        harness.openConsole(workshop, console);
        harness.join(workshop.joinCode(), "Ilse", 1, "interviewer");
        console.click("#start-round");
        Locator mini = console.locator("#tables [data-table='1']");
        assertThat(mini.locator(".mini-seat[data-online='true']")).hasCount(1);
        assertThat(mini.locator("[data-testid='stuck']")).hasCount(0);

        console.clock().fastForward("04:00");
        assertThat(mini.locator("[data-testid='stuck']")).hasCount(0);

        console.clock().fastForward("02:00");
        Locator stuck = mini.locator("[data-testid='stuck']");
        assertThat(stuck).containsText("6 min geen kaart");
        assertThat(stuck).containsText("6 min nog geen vraag");
        harness.screenshot(console, "console-stuck-table-1920");

        // a console on a laptop whose own clock runs six minutes fast counts in the server's time: not stuck
        Page fast = harness.newLaptop(1920, 1080);
        fast.clock().install(new Clock.InstallOptions().setTime(System.currentTimeMillis() + 6 * 60_000));
        harness.openConsole(workshop, fast);
        Locator fastMini = fast.locator("#tables [data-table='1']");
        assertThat(fastMini.locator(".mini-seat[data-online='true']")).hasCount(1);
        fast.clock().fastForward("00:20");
        assertThat(fastMini.locator("[data-field='question']")).hasText("nog geen vraag");
        assertThat(fastMini.locator("[data-testid='stuck']")).hasCount(0);
        assertEquals(List.of(), harness.pageErrors);
    }
}
