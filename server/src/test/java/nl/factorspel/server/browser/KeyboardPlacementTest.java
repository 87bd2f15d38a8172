package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.placements;
import static nl.factorspel.server.browser.BrowserHarness.tabTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Laying a card with the keyboard alone (no pointer): Tab to a card in the tray, Enter picks it, the
 * arrows walk it along the strength axis (left and right, 0.1 a step, across the middle to the other
 * half) and up and down (0.05 a step), Enter lays it and Escape lets go. A placed card takes Tab, the
 * same arrows and Enter to move, Enter again to open its explanation, Delete to go back to the tray.
 * What the keys say is what lands: on this screen, on another laptop, and on the server.
 */
class KeyboardPlacementTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static void press(Page page, String key, int times) {
        for (int i = 0; i < times; i++) {
            page.keyboard().press(key);
        }
    }

    private static void assertAt(Locator card, String side, double strength, double y) {
        assertThat(card).hasAttribute("data-placement-side", side);
        assertEquals(strength, Double.parseDouble(card.getAttribute("data-strength")), 1e-9, "strength");
        assertEquals(y, Double.parseDouble(card.getAttribute("data-y")), 1e-9, "height");
    }

    private static JsonObject onServer(Workshop workshop, String cardId) {
        List<JsonObject> found = placements(harness.serverTable(workshop, 1).getJsonObject("board")).stream()
                .filter(p -> cardId.equals(p.getString("cardId"))).toList();
        assertEquals(1, found.size(), "the server holds one " + cardId);
        return found.get(0);
    }

    @Test
    void aCardIsLaidMovedExplainedAndPutBackWithTheKeyboardAloneWhereTheKeysSay() throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Toetsenbord", 1, "nl");
        Page console = harness.openConsole(workshop);
        Page anna = harness.join(workshop.joinCode(), "Anna", 1, "respondent");
        Page bram = harness.join(workshop.joinCode(), "Bram", 1, "observer");
        console.click("#start-round");
        assertThat(anna.locator("[data-testid='clock']")).hasAttribute("data-status", "running");
        Locator trayCard = anna.locator("#tray [data-card-id='B2']");
        Locator annasCard = anna.locator("#board .placement[data-card-id='B2']");
        Locator bramsCard = bram.locator("#board .placement[data-card-id='B2']");

        // Enter picks the card up (it starts in the middle of the stimulating half); Escape lets go
        tabTo(anna, "#tray [data-card-id='B2']", 80);
        anna.keyboard().press("Enter");
        assertThat(trayCard).hasAttribute("aria-pressed", "true");
        assertThat(anna.locator("#board .preview")).isVisible();
        anna.keyboard().press("ArrowLeft");
        anna.keyboard().press("Escape");
        assertThat(trayCard).hasAttribute("aria-pressed", "false");
        assertThat(anna.locator("#board .preview")).isHidden();
        assertThat(anna.locator("#board .placement")).hasCount(0);

        // Enter, three steps out to the edge (0.5 -> 0.8), two steps down (0.5 -> 0.6), Enter lays it
        anna.keyboard().press("Enter");
        press(anna, "ArrowLeft", 3);
        press(anna, "ArrowDown", 2);
        anna.keyboard().press("Enter");
        assertThat(annasCard).hasCount(1);
        assertAt(annasCard, "stimulating", 0.8, 0.6);
        assertAt(bramsCard, "stimulating", 0.8, 0.6);
        assertThat(trayCard).hasAttribute("data-copies-left", "1");
        JsonObject laid = onServer(workshop, "B2");
        assertEquals("stimulating", laid.getString("side"));
        assertEquals(0.8, laid.getDouble("strength"), 1e-9);
        assertEquals(0.6, laid.getDouble("y"), 1e-9);

        // Tab to the card on the board; twelve steps right cross the middle (-0.8 + 1.2 = 0.4 hindering),
        // four steps up (0.6 -> 0.4), Enter moves it there
        tabTo(anna, "#board .placement[data-card-id='B2']", 120);
        press(anna, "ArrowRight", 12);
        press(anna, "ArrowUp", 4);
        anna.keyboard().press("Enter");
        assertAt(annasCard, "hindering", 0.4, 0.4);
        assertAt(bramsCard, "hindering", 0.4, 0.4);
        JsonObject moved = onServer(workshop, "B2");
        assertEquals("hindering", moved.getString("side"));
        assertEquals(0.4, moved.getDouble("strength"), 1e-9);
        assertEquals(0.4, moved.getDouble("y"), 1e-9);
        assertEquals(laid.getString("id"), moved.getString("id"), "moved, not laid anew");

        // Enter opens the explanation, Ctrl+Enter saves it, Escape comes back to the card
        anna.keyboard().press("Enter");
        assertThat(anna.locator("#explanation")).isFocused();
        anna.keyboard().type("Mijn familie steunde me.");
        anna.keyboard().press("Control+Enter");
        assertThat(bramsCard).hasClass(Pattern.compile("\\bexplained\\b"));
        anna.keyboard().press("Escape");
        assertThat(annasCard).isFocused();
        assertEquals("Mijn familie steunde me.", onServer(workshop, "B2").getString("explanation"));

        // Delete puts it back in the tray
        anna.keyboard().press("Delete");
        assertThat(annasCard).hasCount(0);
        assertThat(bramsCard).hasCount(0);
        assertThat(trayCard).hasAttribute("data-copies-left", "2");
        assertEquals(List.of(), placements(harness.serverTable(workshop, 1).getJsonObject("board")), "the board is empty on the server");
        harness.screenshot(anna, "keyboard-after-delete");
        assertEquals(List.of(), harness.pageErrors, "no page threw");
    }
}
