package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.dragToBoard;
import static nl.factorspel.server.browser.BrowserHarness.eventually;
import static nl.factorspel.server.browser.BrowserHarness.placements;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No typed word is lost: an explanation left by clicking another card, a note or answer interrupted by
 * a reload, a reflection typed while the connection is down, an annotation or broadcast not sent yet:
 * each comes back on the screen and reaches the server, with a visible "saved".
 */
class DraftsTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static String explanationOnServer(Workshop workshop, String cardId) throws Exception {
        return placements(harness.serverTable(workshop, 1).getJsonObject("board")).stream()
                .filter(p -> p.getString("cardId").equals(cardId)).findFirst().map(p -> p.getString("explanation", ""))
                .orElse("");
    }

    private static JsonObject round1(Workshop workshop) throws Exception {
        return harness.serverTable(workshop, 1).getJsonArray("rounds").getJsonObject(0);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1366,768", "1280,720"})
    void everyTypedTextIsKeptAsADraftAndSavedWithoutASaveClick(int width, int height) throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Niets kwijt", 1, "nl");
        Page console = harness.openConsole(workshop);
        Page ruud = harness.join(harness.newLaptop(width, height), workshop.joinCode(), "Ruud", 1, "respondent");
        Page rik = harness.join(harness.newLaptop(width, height), workshop.joinCode(), "Rik", 1, "reporter");
        Page olga = harness.join(harness.newLaptop(width, height), workshop.joinCode(), "Olga", 1, "observer");
        console.click("#start-round");
        assertThat(ruud.locator("[data-testid='round']")).hasText("Ronde 1 van 2");

        // --- an explanation left for another card, and one cut off by a reload ---
        dragToBoard(ruud, ruud.locator("#tray [data-card-id='A2']"), "stimulating", 0.6, 0.3);
        dragToBoard(ruud, ruud.locator("#tray [data-card-id='C3']"), "hindering", 0.6, 0.6);
        Locator a2 = ruud.locator("#board .placement[data-card-id='A2']");
        Locator c3 = ruud.locator("#board .placement[data-card-id='C3']");
        assertThat(c3).hasCount(1);
        a2.click();
        String why = "Mijn leidinggevende gaf me de ruimte.";
        ruud.locator("#explanation").pressSequentially(why);
        c3.click();
        assertThat(ruud.locator("#explanation")).hasValue("");
        a2.click();
        assertThat(ruud.locator("#explanation")).hasValue(why);
        eventually(ruud, Duration.ofSeconds(5), () -> why.equals(call(() -> explanationOnServer(workshop, "A2"))),
                "the explanation reached the server without a save click");
        c3.click();
        String cut = "Collega's hielpen niet";
        ruud.locator("#explanation").pressSequentially(cut);
        ruud.reload();
        BrowserHarness.online(ruud);
        ruud.locator("#board .placement[data-card-id='C3']").click();
        assertThat(ruud.locator("#explanation")).hasValue(cut);
        eventually(ruud, Duration.ofSeconds(5), () -> cut.equals(call(() -> explanationOnServer(workshop, "C3"))),
                "the explanation typed before the reload reached the server");
        assertThat(ruud.locator("#placement-detail .save-status")).hasAttribute("data-state", "saved");
        harness.screenshot(ruud, "drafts-explanation-" + width);

        // --- a note cut off by a reload ---
        String note = "Ruimte van de leidinggevende";
        rik.locator("#notes textarea[data-question-id='q2']").pressSequentially(note);
        rik.reload();
        BrowserHarness.online(rik);
        assertThat(rik.locator("#notes textarea[data-question-id='q2']")).hasValue(note);
        eventually(rik, Duration.ofSeconds(5), () -> note.equals(call(() -> round1(workshop).getJsonObject("notes").getString("q2"))),
                "the note typed before the reload reached the server");
        assertThat(rik.locator("#notes .note[data-question-id='q2'] .save-status")).hasText("Opgeslagen");

        // --- a reflection typed while the connection is down; an annotation not added yet ---
        olga.context().setOffline(true);
        String reflection = "Structuur helpt pas later.";
        olga.locator("#reflection").pressSequentially(reflection);
        olga.locator("#annotation-text").fill("Twijfelde eerst");
        assertThat(olga.locator("#observer-panel .save-status").first()).not().hasAttribute("data-state", "saved");
        olga.context().setOffline(false);
        BrowserHarness.online(olga);
        eventually(olga, Duration.ofSeconds(8), () -> reflection.equals(call(() -> round1(workshop).getString("reflection"))),
                "the reflection typed offline reached the server once the connection was back");
        olga.reload();
        BrowserHarness.online(olga);
        assertThat(olga.locator("#reflection")).hasValue(reflection);
        assertThat(olga.locator("#annotation-text")).hasValue("Twijfelde eerst");
        olga.click("#annotation-add");
        assertThat(olga.locator("#annotations li")).hasCount(1);
        olga.reload();
        BrowserHarness.online(olga);
        assertThat(olga.locator("#annotation-text")).hasValue("");

        // --- the facilitator's broadcast survives a reload until it is sent ---
        console.locator("#broadcast-text").fill("Nog vijf minuten");
        console.reload();
        BrowserHarness.online(console);
        assertThat(console.locator("#broadcast-text")).hasValue("Nog vijf minuten");
        assertEquals(List.of(), harness.pageErrors);
    }

    private interface Check<T> {
        T get() throws Exception;
    }

    private static <T> T call(Check<T> check) {
        try {
            return check.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
