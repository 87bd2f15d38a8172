package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.drag;
import static nl.factorspel.server.browser.BrowserHarness.dragToBoard;
import static nl.factorspel.server.browser.BrowserHarness.eventually;
import static nl.factorspel.server.browser.BrowserHarness.inView;
import static nl.factorspel.server.browser.BrowserHarness.tabTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outcome cards ("kaartjes met opbrengsten") lie on the board's strip with the factor cards, as the
 * research interview asks ("Als alle kaarten op tafel liggen: wat valt je op?"): on a 1366x768 laptop
 * the respondent of the round drags one from the tray to the strip and lays another with the keyboard
 * alone; the server's round record holds both (the markOutcome of old), another laptop at the table sees
 * them on its strip (and the console on its miniature, in English too), and dragging one back to the tray or Delete on it takes it off everywhere. A seat
 * that may not choose outcomes sees the strip and a locked group in the tray.
 */
class OutcomeCardsTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static List<String> outcomesOnServer(Workshop workshop) {
        JsonArray rounds = harness.serverTable(workshop, 1).getJsonArray("rounds");
        JsonObject round = rounds.getJsonObject(rounds.size() - 1);
        List<String> out = new ArrayList<>();
        for (Object o : round.getJsonArray("outcomes", new JsonArray())) {
            out.add((String) o);
        }
        return out;
    }

    private static void assertStrip(Page page, String... ids) {
        Locator cards = page.locator("#outcome-strip .outcome-on-board");
        assertThat(cards).hasCount(ids.length);
        for (String id : ids) {
            assertThat(page.locator("#outcome-strip .outcome-on-board[data-outcome-id='" + id + "']")).isVisible();
        }
    }

    @Test
    void aRespondentLaysOutcomeCardsOnTheBoardByDragAndByKeyboardAndTakesThemOff() {
        Workshop workshop;
        try {
            workshop = harness.createWorkshopOverHttp("Opbrengsten", 1, "nl");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Page console = harness.openConsole(workshop);
        Page anna = harness.join(harness.newLaptop(1366, 768), workshop.joinCode(), "Anna", 1, "respondent");
        Page bram = harness.join(harness.newLaptop(1366, 768), workshop.joinCode(), "Bram", 1, "observer");
        Page cor = harness.join(harness.newLaptop(1366, 768), workshop.joinCode(), "Cor", 1, "respondent");
        console.click("#start-round");
        assertThat(anna.locator("[data-testid='clock']")).hasAttribute("data-status", "running");

        // The tray ends with the deck's outcome cards, the board has a strip of its own under the halves
        Locator o2 = anna.locator("#tray .outcome-tray-card[data-outcome-id='O2']");
        assertThat(anna.locator("#tray .tray-outcomes .outcome-tray-card")).hasCount(6);
        assertThat(o2).containsText("Werkplezier en motivatie");
        assertThat(o2).hasAttribute("aria-pressed", "false");
        Locator strip = anna.locator("#outcome-strip");
        assertThat(strip).isVisible();
        assertThat(strip).containsText("Opbrengsten");
        inView(anna, strip, "the outcome strip");
        BoundingBox board = anna.locator("#board").boundingBox();
        BoundingBox stripBox = strip.boundingBox();
        assertTrue(stripBox.y >= board.y + board.height, "the strip lies under the board, not over its halves");
        // a factor card is laid as before; the outcome strip leaves the board to the factors
        dragToBoard(anna, anna.locator("#tray .tray-card[data-card-id='B2']"), "stimulating", 0.6, 0.5);
        assertThat(bram.locator("#board .placement[data-card-id='B2']")).hasCount(1);

        // Drag: O2 from the tray to the strip
        BoundingBox to = strip.boundingBox();
        drag(anna, o2, to.x + to.width * 0.6, to.y + to.height / 2);
        assertStrip(anna, "O2");
        assertThat(o2).hasAttribute("aria-pressed", "true");
        assertStrip(bram, "O2");
        eventually(anna, Duration.ofSeconds(5), () -> outcomesOnServer(workshop).equals(List.of("O2")), "the server's round holds O2");
        assertEquals(List.of("B2"), harness.serverTable(workshop, 1).getJsonObject("board").getJsonArray("placements")
                .stream().map(p -> ((JsonObject) p).getString("cardId")).toList(), "the outcome is not a factor placement");

        // Keyboard: Tab to O5 in the tray, Enter lays it
        tabTo(anna, "#tray .outcome-tray-card[data-outcome-id='O5']", 120);
        anna.keyboard().press("Enter");
        assertStrip(anna, "O2", "O5");
        assertStrip(bram, "O2", "O5");
        eventually(anna, Duration.ofSeconds(5), () -> outcomesOnServer(workshop).equals(List.of("O2", "O5")), "the server's round holds O2 and O5");
        harness.screenshot(anna, "outcomes-respondent-laid");
        harness.screenshot(bram, "outcomes-observer-sees");
        assertEquals(List.of(), BrowserHarness.axeViolations(anna), "the tray and strip with outcome cards pass axe");
        // the console's miniature of the table draws them on its strip too
        Locator mini = console.locator(".mini[data-table='1'] svg");
        assertThat(mini.locator("g[data-outcome-id]")).hasCount(2);
        assertThat(mini.locator("g[data-outcome-id='O5']")).hasCount(1);
        // in English the same cards carry the deck's English words
        bram.locator("[data-lang-switch] button", new Page.LocatorOptions().setHasText("EN")).click();
        assertThat(bram.locator("#outcome-strip")).containsText("Outcomes");
        assertThat(bram.locator("#outcome-strip")).containsText("Enjoyment of work and motivation");

        // Someone who may not choose outcomes this round (the other respondent) sees the strip, cannot lay one
        assertStrip(cor, "O2", "O5");
        assertThat(cor.locator("#tray .tray-outcomes")).hasClass(java.util.regex.Pattern.compile("\\blocked\\b"));
        assertThat(cor.locator("#outcome-strip .outcome-take-off")).hasCount(0);
        assertThat(cor.locator("#tray .outcome-tray-card[data-outcome-id='O1']")).hasAttribute("aria-disabled", "true");
        cor.locator("#tray .outcome-tray-card[data-outcome-id='O1']").click(new Locator.ClickOptions().setForce(true));
        assertThat(cor.locator(".toast")).containsText("De interviewer of respondent legt de opbrengsten op het bord.");
        assertEquals(List.of("O2", "O5"), outcomesOnServer(workshop), "a locked tray lays nothing");

        // Taking off: Delete on O5 on the strip, and O2 dragged back to the tray
        tabTo(anna, "#outcome-strip .outcome-on-board[data-outcome-id='O5']", 120);
        anna.keyboard().press("Delete");
        assertStrip(anna, "O2");
        assertStrip(bram, "O2");
        Locator onBoard = anna.locator("#outcome-strip .outcome-on-board[data-outcome-id='O2']");
        BoundingBox tray = anna.locator("#tray").boundingBox();
        drag(anna, onBoard, tray.x + tray.width / 2, tray.y + 120);
        assertStrip(anna);
        assertStrip(bram);
        assertThat(bram.locator("#outcome-strip")).containsText("No outcomes on the board yet.");
        assertThat(o2).hasAttribute("aria-pressed", "false");
        eventually(anna, Duration.ofSeconds(5), () -> outcomesOnServer(workshop).isEmpty(), "the server's round holds no outcome");
        harness.screenshot(anna, "outcomes-taken-off");
        assertEquals(List.of(), harness.pageErrors, "no page threw");
    }
}
