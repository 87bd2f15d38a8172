package nl.factorspel.server.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import nl.factorspel.server.browser.BrowserHarness.Line;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a long drop the retry backoff has grown to seconds; a laptop does not wait for it: when the
 * browser says the network is back ({@code online}) or the tab comes to the front again
 * ({@code visibilitychange}), it connects at once and says so within about a second.
 */
class InstantRecoveryTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    /** Long enough for the backoff to reach its 4 s steps (attempts at about 0.2, 0.6, 1.4, 3.0, 6.2 s, then every 4 s). */
    private static final int DROP_MS = 8_000;
    private static final long ABOUT_A_SECOND_MS = 1_500;

    private static long msUntilOnline(Page page) {
        long start = System.nanoTime();
        assertThat(page.locator("[data-testid='connection']")).hasAttribute("data-state", "online",
                new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void theNetworkComingBackConnectsAtOnce() throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Snel terug", 1, "nl");
        Page ilse = harness.join(harness.newLaptop(1366, 768), workshop.joinCode(), "Ilse", 1, "interviewer");
        ilse.context().setOffline(true);
        assertThat(ilse.locator("[data-testid='connection']")).hasAttribute("data-state", "offline");
        ilse.waitForTimeout(DROP_MS);
        ilse.context().setOffline(false);
        long ms = msUntilOnline(ilse);
        assertTrue(ms < ABOUT_A_SECOND_MS, "connected " + ms + " ms after the network came back");
        assertEquals(List.of(), harness.pageErrors);
    }

    @Test
    void aTabComingToTheFrontConnectsAtOnce() throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Snel terug", 1, "nl");
        Page rik = harness.newLaptop(1280, 720);
        Line line = Line.install(harness, rik);
        harness.join(rik, workshop.joinCode(), "Rik", 1, "reporter");
        line.cut();
        assertThat(rik.locator("[data-testid='connection']")).hasAttribute("data-state", "offline");
        rik.waitForTimeout(DROP_MS);
        line.restore();
        // the laptop wakes up with this tab in front (the line came back without an online event)
        rik.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))");
        long ms = msUntilOnline(rik);
        assertTrue(ms < ABOUT_A_SECOND_MS, "connected " + ms + " ms after the tab came to the front");
        assertEquals(List.of(), harness.pageErrors);
    }
}
