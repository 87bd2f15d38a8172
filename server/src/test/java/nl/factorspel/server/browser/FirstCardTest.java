package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thin slice in real Chromium: a facilitator creates a workshop, two people join from their own
 * laptops, one lays a card and the other sees it land.
 */
class FirstCardTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    @Test
    void aCardLaidOnOneLaptopAppearsOnAnother() {
        Page facilitator = harness.createWorkshop("Eerste kaart", 2, 15);
        String code = facilitator.locator("[data-testid='join-code']").innerText().strip();
        Page ruud = harness.join(code, "Ruud", 1, "respondent");
        Page ilse = harness.join(code, "Ilse", 1, "interviewer");
        facilitator.click("#start-round");
        assertThat(ruud.locator("[data-testid='round']")).containsText("1");

        // Drag a card from the tray onto the stimulating half, as with a mouse.
        Locator card = ruud.locator("#tray [data-card-id='A2']").first();
        BoundingBox from = card.boundingBox();
        BoundingBox half = ruud.locator("#board [data-side='stimulating']").boundingBox();
        ruud.mouse().move(from.x + from.width / 2, from.y + from.height / 2);
        ruud.mouse().down();
        ruud.mouse().move(half.x + half.width * 0.3, half.y + half.height * 0.4, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(12));
        ruud.mouse().up();

        Locator seenByIlse = ilse.locator("#board .placement[data-card-id='A2']");
        assertThat(seenByIlse).hasCount(1);
        assertThat(ruud.locator("#board .placement[data-card-id='A2']")).hasCount(1);
        assertEquals("1", seenByIlse.getAttribute("data-order"));
        assertEquals("stimulating", seenByIlse.getAttribute("data-placement-side"), "it lies on the stimulating half for the other laptop too");
        harness.screenshot(ruud, "first-card-respondent");
        harness.screenshot(ilse, "first-card-interviewer");
        harness.screenshot(facilitator, "first-card-facilitator");
    }

    @Test
    void theConsoleOpenedOnAnotherLaptopStillOffersTheProjectorLink() {
        Page maker = harness.createWorkshop("Twee laptops", 1, 15);
        String projectorLink = maker.locator("[data-testid='projector-link']").getAttribute("href");
        Page elsewhere = harness.newLaptop();
        elsewhere.navigate(maker.url());
        Locator link = elsewhere.locator("[data-testid='projector-link']");
        assertThat(link).isVisible();
        assertEquals(projectorLink, link.getAttribute("href"), "the same projector link as in the browser that made the workshop");
        elsewhere.navigate(projectorLink);
        assertThat(elsewhere.locator("[data-testid='connection']")).hasAttribute("data-state", "online");
    }
}
