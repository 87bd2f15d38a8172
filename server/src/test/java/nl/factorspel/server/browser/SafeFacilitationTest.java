package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.dragToBoard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No single click wrecks a workshop: on a facilitator's laptop screen the console offers no phase
 * beforehand, asks in its own page (never a browser pop-up) before skipping rounds, ending a round or
 * closing, says what is lost, says why "start round" is grey, and takes back a phase change or the end
 * of a round (the round goes on with its board and its clock).
 */
class SafeFacilitationTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static JsonObject room(Workshop workshop) throws Exception {
        return harness.serverView(workshop).getJsonObject("workshop");
    }

    private static void choosePhase(Page console, String phase) {
        console.selectOption("#phase", phase);
        console.click("#phase-apply");
        assertThat(console.locator("[data-testid='confirm']")).isVisible();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1366,768", "1280,720"})
    void skippingEndingAndClosingAskFirstAndCanBeTakenBack(int width, int height) throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Veilig begeleiden", 1, "nl");
        Page console = harness.newLaptop(width, height);
        List<String> nativeDialogs = new CopyOnWriteArrayList<>();
        console.onDialog(d -> {
            nativeDialogs.add(d.message());
            d.dismiss();
        });
        console.navigate(harness.url("/facilitator.html#w=" + workshop.id() + "&t=" + workshop.facilitatorToken()));
        BrowserHarness.online(console);
        Page ruud = harness.join(workshop.joinCode(), "Ruud", 1, "respondent");

        // --- in the lobby nothing is chosen beforehand, and a move that skips the rounds says so ---
        assertThat(console.locator("#phase")).hasValue("");
        assertThat(console.locator("#phase-apply")).isDisabled();
        assertThat(console.locator("#phase option[value='plenary']")).containsText("slaat rondes over");
        choosePhase(console, "plenary");
        Locator question = console.locator("[data-testid='confirm']");
        assertThat(question).containsText("2 van de 2 rondes niet gespeeld");
        assertThat(question).containsText("ongedaan");
        assertThat(console.locator("[data-testid='confirm-no']")).isFocused();
        BrowserHarness.inView(console, console.locator("[data-testid='confirm-yes']"), "the confirm button");
        harness.screenshot(console, "safe-skip-question-" + width);
        console.keyboard().press("Escape");
        assertThat(question).hasCount(0);
        assertEquals("lobby", room(workshop).getString("phase"), "cancelled: nothing changed");

        // --- skipped by mistake: the start button says why it is grey, and one click takes it back ---
        choosePhase(console, "plenary");
        BrowserHarness.confirm(console);
        assertThat(console.locator("[data-testid='phase']")).hasAttribute("data-phase", "plenary");
        assertThat(console.locator("#start-round")).isDisabled();
        assertThat(console.locator("[data-testid='start-reason']")).containsText("maak de fasewijziging ongedaan");
        Locator undo = console.locator("[data-testid='undo']");
        assertThat(undo).containsText("terug naar Voorbereiding");
        BrowserHarness.inView(console, undo, "the undo button");
        harness.screenshot(console, "safe-undo-phase-" + width);
        undo.click();
        assertThat(console.locator("[data-testid='phase']")).hasAttribute("data-phase", "lobby");
        assertThat(undo).isHidden();
        assertThat(console.locator("#start-round")).isEnabled();
        assertThat(console.locator("#start-round")).hasText("Start ronde 1");

        // --- ending a round asks first; taken back, the round goes on with its board and clock ---
        console.click("#start-round");
        assertThat(ruud.locator("[data-testid='round']")).hasText("Ronde 1 van 2");
        dragToBoard(ruud, ruud.locator("#tray [data-card-id='A2']"), "stimulating", 0.6, 0.3);
        assertThat(ruud.locator("#board .placement[data-card-id='A2']")).hasCount(1);
        assertThat(console.locator("#phase-apply")).isDisabled();
        console.click("#end-round");
        assertThat(question).containsText("Ronde 1 beëindigen?");
        assertThat(question).containsText("foto");
        BrowserHarness.inView(console, console.locator("[data-testid='confirm-yes']"), "the confirm button");
        harness.screenshot(console, "safe-end-round-question-" + width);
        BrowserHarness.confirm(console);
        assertThat(ruud.locator("#photos figure[data-round='1']")).isVisible();
        assertFalse(room(workshop).getBoolean("roundOpen"));
        assertThat(undo).containsText("ronde 1 heropenen");
        undo.click();
        assertThat(console.locator("[data-testid='clock']")).hasAttribute("data-status", "running");
        assertThat(ruud.locator("#photos figure[data-round='1']")).hasCount(0);
        assertThat(ruud.locator("#board .placement[data-card-id='A2']")).hasCount(1);
        assertThat(ruud.locator("#tray")).not().hasClass(Pattern.compile("\\blocked\\b"));
        dragToBoard(ruud, ruud.locator("#tray [data-card-id='C3']"), "hindering", 0.5, 0.6);
        assertThat(ruud.locator("#board .placement[data-card-id='C3']")).hasCount(1);
        JsonObject reopened = room(workshop);
        assertTrue(reopened.getBoolean("roundOpen"));
        assertEquals(1, reopened.getInteger("round"));
        assertTrue(reopened.getJsonObject("clock").getLong("remainingMs") > 14 * 60_000, "the clock goes on where it was");

        // --- closing asks in plain words and can be taken back too ---
        console.click("#end-round");
        BrowserHarness.confirm(console);
        choosePhase(console, "closed");
        assertThat(question).containsText("Workshop afsluiten?");
        assertThat(question).containsText("1 van de 2 rondes niet gespeeld");
        BrowserHarness.confirm(console);
        assertThat(console.locator("[data-testid='phase']")).hasAttribute("data-phase", "closed");
        assertThat(undo).containsText("terug naar Spelronde");
        undo.click();
        assertThat(console.locator("[data-testid='phase']")).hasAttribute("data-phase", "round");
        assertThat(console.locator("#start-round")).hasText("Start ronde 2");
        assertThat(console.locator("#start-round")).isEnabled();
        assertEquals(List.of(), nativeDialogs, "no browser pop-up: every question is asked in the page");
        assertEquals(List.of(), harness.pageErrors);
    }
}
