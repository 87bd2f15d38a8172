package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The facilitator takes a broadcast off the screens: the console's button next to the message that is on
 * the screens clears it from the 1920x1080 wall and a table at once, a screen that reconnects later does not
 * show it again, and the next message shows as usual.
 */
class BroadcastClearTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    @Test
    void theConsoleTakesTheBroadcastOffTheWallAndTheTablesAtOnce() throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Van de schermen", 1, "nl");
        Page console = harness.openConsole(workshop, harness.newLaptop(1920, 1080));
        Page projector = harness.newLaptop(1920, 1080);
        projector.navigate(console.locator("[data-testid='projector-link']").getAttribute("href"));
        BrowserHarness.online(projector);
        Page table = harness.join(workshop.joinCode(), "Ilse", 1, "interviewer");

        Locator onWall = projector.locator("[data-testid='broadcast']");
        Locator atTable = table.locator("[data-testid='broadcast']");
        Locator clear = console.locator("[data-testid='broadcast-clear']");
        assertThat(clear).hasCount(0);

        console.fill("#broadcast-text", "Iedereen naar de koffie");
        console.click("#broadcast-send");
        assertThat(onWall).containsText("Iedereen naar de koffie");
        assertThat(atTable).containsText("Iedereen naar de koffie");
        assertThat(clear).hasText("Van de schermen halen");
        harness.screenshot(console, "broadcast-on-screens-console-1920");

        clear.click();
        assertThat(onWall).isHidden();
        assertThat(atTable).isHidden();
        assertThat(table.locator(".toast", new Page.LocatorOptions().setHasText("Iedereen naar de koffie"))).hasCount(0);
        assertThat(console.locator("[data-testid='broadcast-shown']")).hasCount(0);
        assertThat(clear).hasCount(0);
        assertThat(console.locator("#broadcasts")).containsText("Iedereen naar de koffie");
        harness.screenshot(projector, "broadcast-cleared-projector-1920");

        // a screen that comes back reads from the server that the message was taken off
        projector.reload();
        BrowserHarness.online(projector);
        assertThat(projector.locator("[data-testid='phase']")).hasAttribute("data-phase", "lobby");
        assertThat(onWall).isHidden();
        table.reload();
        BrowserHarness.online(table);
        assertThat(atTable).isHidden();

        // the next message shows again, and the console offers to clear it, also in English
        console.click("[data-lang-switch] .lang-button[data-lang='en']");
        console.fill("#broadcast-text", "Back in five minutes");
        console.click("#broadcast-send");
        assertThat(onWall).containsText("Back in five minutes");
        assertThat(atTable).containsText("Back in five minutes");
        assertThat(clear).hasText("Take off the screens");
        clear.click();
        assertThat(onWall).isHidden();
        assertThat(atTable).isHidden();
        assertEquals(List.of(), harness.pageErrors);
    }
}
