package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The projector on a 1920x1080 wall serves the room: in the lobby the join code and QR large; during
 * play the clock large and the join panel small; in the plenary the summary alone. A broadcast does not
 * outlive the next phase move.
 */
class ProjectorRoomTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static double fontPx(Locator element) {
        return ((Number) element.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")).doubleValue();
    }

    @Test
    void theWallShowsWhatTheRoomNeedsInEachPhaseAndABroadcastEndsWithItsPhase() throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Het scherm", 2, "nl");
        Page console = harness.openConsole(workshop);
        Page projector = harness.newLaptop(1920, 1080);
        projector.navigate(console.locator("[data-testid='projector-link']").getAttribute("href"));
        BrowserHarness.online(projector);

        // --- the lobby: code and QR large ---
        Locator qr = projector.locator("#proj-qr");
        assertThat(qr).isVisible();
        assertTrue(qr.boundingBox().height >= 300, "the QR is large in the lobby: " + qr.boundingBox().height);
        assertTrue(fontPx(projector.locator("[data-testid='join-code']")) >= 60, "the join code is large in the lobby");
        harness.screenshot(projector, "projector-lobby-1920");

        // --- play: the clock large, the join panel small; a broadcast shows ---
        harness.join(workshop.joinCode(), "Ilse", 1, "interviewer");
        console.click("#start-round");
        Locator clock = projector.locator("[data-testid='clock']");
        assertThat(clock).hasAttribute("data-status", "running");
        Locator join = projector.locator(".proj-join");
        assertTrue(fontPx(clock) > 2 * fontPx(projector.locator("[data-testid='join-code']")), "the clock outsizes the join code");
        assertTrue(join.boundingBox().height < 1080 * 0.3, "the join panel is small during play: " + join.boundingBox().height);
        console.fill("#broadcast-text", "Nog vijf minuten");
        console.click("#broadcast-send");
        assertThat(projector.locator("[data-testid='broadcast']")).containsText("Nog vijf minuten");
        harness.screenshot(projector, "projector-round-1920");

        // --- the round ends: the broadcast of the round goes with it ---
        console.click("#end-round");
        BrowserHarness.confirm(console);
        assertThat(projector.locator("[data-testid='broadcast']")).isHidden();

        // --- the plenary: the summary takes the screen ---
        console.selectOption("#phase", "plenary");
        console.click("#phase-apply");
        BrowserHarness.confirm(console);
        assertThat(projector.locator("[data-testid='phase']")).hasAttribute("data-phase", "plenary");
        assertThat(join).isHidden();
        assertThat(projector.locator(".proj-clock-box")).isHidden();
        BoundingBox plenary = projector.locator(".proj-plenary").boundingBox();
        assertTrue(plenary.y < 120, "the summary starts at the top: " + plenary.y);
        assertTrue(plenary.width > 1920 * 0.9, "the summary is as wide as the wall: " + plenary.width);
        harness.screenshot(projector, "projector-plenary-1920");
        assertEquals(List.of(), harness.pageErrors);
    }
}
