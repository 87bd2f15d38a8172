package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.boardOnScreen;
import static nl.factorspel.server.browser.BrowserHarness.boardOnServer;
import static nl.factorspel.server.browser.BrowserHarness.dragToBoard;
import static nl.factorspel.server.browser.BrowserHarness.eventually;
import static nl.factorspel.server.browser.BrowserHarness.placements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole workshop in real Chromium, as the paper game is played (WORKSHOP.md): the facilitator makes
 * it on the start page, a table of five joins on the join page, the projector follows from the
 * console's link. Two rounds: the respondent drags cards onto the board, moves one and explains one;
 * the interviewer leads the script and links two cards; the reporter writes the record; the observer
 * annotates and reflects; the clock runs out on every screen; round 2 starts on an empty board with a
 * full tray; at the end the console's miniature and the plenary chart show what was laid. All along
 * the screens are held against what the server holds.
 */
class FullWorkshopTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static Locator placed(Page page, String cardId) {
        return page.locator("#board .placement[data-card-id='" + cardId + "']");
    }

    private static Locator inTray(Page page, String cardId) {
        return page.locator("#tray [data-card-id='" + cardId + "']");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> trayCopies(Page page) {
        return (Map<String, String>) page.evaluate("() => Object.fromEntries([...document.querySelectorAll('#tray [data-card-id]')]"
                + ".map(b => [b.dataset.cardId, b.dataset.copiesLeft]))");
    }

    @Test
    void aTableOfFivePlaysTwoRoundsAndTheConsoleAndProjectorShowWhatWasLaid() throws Exception {
        // --- the room opens ---
        Page facilitator = harness.createWorkshop("Leren in de buitendienst", 2, 15);
        Workshop workshop = harness.workshopOf(facilitator);
        String projectorLink = facilitator.locator("[data-testid='projector-link']").getAttribute("href");
        assertNotNull(projectorLink, "the console offers the projector's link");
        Page projector = harness.newLaptop(1600, 900);
        projector.navigate(projectorLink);
        BrowserHarness.online(projector);

        String code = workshop.joinCode();
        Page interviewer = harness.join(code, "Ilse", 1, "interviewer");
        Page ruud = harness.join(code, "Ruud", 1, "respondent");
        Page sanne = harness.join(code, "Sanne", 1, "respondent");
        Page reporter = harness.join(code, "Rik", 1, "reporter");
        Page observer = harness.join(code, "Olga", 1, "observer");
        List<Page> table = List.of(interviewer, ruud, sanne, reporter, observer);
        assertThat(ruud.locator("#me")).containsText("Respondent 1");
        assertThat(sanne.locator("#me")).containsText("Respondent 2");
        assertThat(facilitator.locator("#participants tr[data-participant-id]")).hasCount(5);
        Map<String, String> fullTray = trayCopies(ruud);
        assertTrue(fullTray.values().stream().allMatch("2"::equals), "every factor has two cards in the tray: " + fullTray);

        // --- round 1: Ruud's story ---
        facilitator.click("#start-round");
        for (Page page : table) {
            assertThat(page.locator("[data-testid='round']")).hasText("Ronde 1 van 2");
            assertThat(page.locator("[data-testid='clock']")).hasAttribute("data-status", "running");
        }
        assertThat(projector.locator("[data-testid='clock']")).hasAttribute("data-status", "running");

        // the interviewer walks the script to question 3 (what stimulated?)
        for (int i = 0; i < 3; i++) {
            interviewer.click("#question-next");
        }
        for (Page page : table) {
            assertThat(page.locator("[data-testid='question']")).hasAttribute("data-question-id", "q3");
        }

        // Ruud drags three cards from the tray onto the board
        dragToBoard(ruud, inTray(ruud, "A2"), "stimulating", 0.7, 0.3);
        assertThat(placed(observer, "A2")).hasCount(1);
        dragToBoard(ruud, inTray(ruud, "C3"), "stimulating", 0.3, 0.7);
        assertThat(placed(observer, "C3")).hasCount(1);
        dragToBoard(ruud, inTray(ruud, "D1"), "hindering", 0.6, 0.5);
        assertThat(placed(observer, "D1")).hasCount(1);
        assertThat(inTray(ruud, "A2")).hasAttribute("data-copies-left", "1");
        assertEquals("1", placed(interviewer, "A2").getAttribute("data-order"));
        assertEquals("3", placed(interviewer, "D1").getAttribute("data-order"));
        assertEquals("stimulating", placed(interviewer, "A2").getAttribute("data-placement-side"));
        assertEquals(0.7, Double.parseDouble(placed(interviewer, "A2").getAttribute("data-strength")), 0.03, "laid where it was dropped");

        // ... moves one to the other half ...
        dragToBoard(ruud, placed(ruud, "C3"), "hindering", 0.8, 0.2);
        for (Page page : table) {
            assertThat(placed(page, "C3")).hasAttribute("data-placement-side", "hindering");
        }
        assertEquals(0.8, Double.parseDouble(placed(sanne, "C3").getAttribute("data-strength")), 0.03);

        // ... and explains one
        String why = "Mijn leidinggevende gaf me de ruimte om het te proberen.";
        ruud.click("#board .placement[data-card-id='A2']");
        ruud.fill("#explanation", why);
        ruud.click("#explanation-save");
        for (Page page : table) {
            assertThat(placed(page, "A2")).hasClass(Pattern.compile("\\bexplained\\b"));
        }
        ruud.click("#detail-close");

        // the interviewer links two cards
        interviewer.click("#link-mode");
        interviewer.fill("#link-label", "maakt mogelijk");
        interviewer.click("#board .placement[data-card-id='A2']");
        interviewer.click("#board .placement[data-card-id='D1']");
        for (Page page : table) {
            assertThat(page.locator("#board .link-label")).hasText("maakt mogelijk");
        }

        // the reporter writes the record of question 3 (it saves itself when the field is left)
        String note = "Ruimte van de leidinggevende gaf de doorslag.";
        reporter.fill("#notes textarea[data-question-id='q3']", note);
        reporter.locator("#notes textarea[data-question-id='q4']").focus();
        assertThat(reporter.locator("#notes .note[data-question-id='q3'] .save-status")).hasText("Opgeslagen");

        // the observer annotates a card and writes the reflection
        String a2Id = placed(observer, "A2").getAttribute("data-placement-id");
        observer.selectOption("#annotation-target", a2Id);
        observer.fill("#annotation-text", "Hier praat hij met veel energie over.");
        observer.click("#annotation-add");
        for (Page page : table) {
            assertThat(page.locator("#board .placement[data-card-id='A2'] .mark-annotations")).hasText("✱1");
        }
        String reflection = "Ruimte en vertrouwen gaan samen; structuur helpt pas later.";
        observer.fill("#reflection", reflection);
        observer.click("#reflection-save");
        assertThat(observer.locator("#observer-panel .save-status")).hasText("Opgeslagen");

        // the interviewer records the respondent's age band and municipality (optional, with consent)
        interviewer.selectOption("#attribute-age", "40-50");
        interviewer.fill("#attribute-municipality", "Vlissingen");
        interviewer.locator("#attribute-municipality").press("Tab");
        eventually(facilitator, Duration.ofSeconds(5), () -> {
            JsonObject recorded = harness.serverTable(workshop, 1).getJsonObject("respondentAttributes");
            return recorded != null && recorded.fieldNames().size() == 1
                    && "40-50".equals(recorded.getJsonObject(recorded.fieldNames().iterator().next()).getString("age"))
                    && "Vlissingen".equals(recorded.getJsonObject(recorded.fieldNames().iterator().next()).getString("municipality"));
        }, "the respondent's attributes reached the server");
        assertThat(ruud.locator("#attribute-age")).hasValue("40-50");
        assertEquals(0, reporter.locator("#attributes-panel").count(), "the reporter does not see them");

        // the screens and the server agree
        JsonObject round1 = harness.serverTable(workshop, 1);
        JsonObject board1 = round1.getJsonObject("board");
        for (Page page : table) {
            assertEquals(boardOnServer(board1), boardOnScreen(page), "the board on " + page.locator("#me").innerText());
        }
        assertEquals(3, placements(board1).size());
        JsonObject a2 = placements(board1).stream().filter(p -> "A2".equals(p.getString("cardId"))).findFirst().orElseThrow();
        assertEquals(why, a2.getString("explanation"));
        assertEquals(a2Id, a2.getString("id"));
        JsonObject c3 = placements(board1).stream().filter(p -> "C3".equals(p.getString("cardId"))).findFirst().orElseThrow();
        assertEquals("hindering", c3.getString("side"));
        String d1Id = placed(observer, "D1").getAttribute("data-placement-id");
        JsonObject link = board1.getJsonArray("links").getJsonObject(0);
        assertEquals(Set.of(a2Id, d1Id), Set.of(link.getString("fromPlacementId"), link.getString("toPlacementId")));
        assertEquals("maakt mogelijk", link.getString("label"));
        JsonObject annotation = board1.getJsonArray("annotations").getJsonObject(0);
        assertEquals(a2Id, annotation.getString("placementId"));
        JsonObject serverRound1 = round1.getJsonArray("rounds").getJsonObject(0);
        assertEquals(note, serverRound1.getJsonObject("notes").getString("q3"));
        assertEquals(reflection, serverRound1.getString("reflection"));
        assertEquals("q3", round1.getString("questionId"));
        harness.screenshot(ruud, "workshop-1-board-round1");

        // --- the clock runs out: the facilitator leaves three seconds on it ---
        int remainingSeconds = Integer.parseInt(facilitator.locator("[data-testid='clock']").getAttribute("data-remaining-ms")) / 1000;
        facilitator.fill("#extend-seconds", Integer.toString(-(remainingSeconds - 3)));
        facilitator.click("#extend-clock");
        for (Page page : table) {
            assertThat(page.locator("[data-testid='round-over']")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        }
        for (Page page : List.of(facilitator, projector, ruud)) {
            assertThat(page.locator("[data-testid='clock']")).hasAttribute("data-status", "expired");
        }
        eventually(facilitator, Duration.ofSeconds(5),
                () -> harness.serverTable(workshop, 1).getJsonArray("rounds").getJsonObject(0).getBoolean("whistled", false),
                "the server blew the whistle at table 1");
        harness.screenshot(observer, "workshop-2-whistle-observer");

        // --- the facilitator ends round 1 and starts round 2 ---
        facilitator.click("#end-round");
        BrowserHarness.confirm(facilitator);
        for (Page page : table) {
            assertThat(page.locator("#photos figure[data-round='1']")).isVisible();
        }
        facilitator.click("#start-round");
        for (Page page : table) {
            assertThat(page.locator("[data-testid='round']")).hasText("Ronde 2 van 2");
            assertThat(page.locator("#board .placement")).hasCount(0);
            assertThat(page.locator("[data-testid='round-over']")).isHidden();
        }
        assertThat(sanne.locator("[data-testid='respondent']")).containsText("Sanne");
        assertEquals(fullTray, trayCopies(sanne), "every card is back in the tray");
        assertEquals(fullTray, trayCopies(ruud), "every card is back in the tray");

        // the reporter finishes round 1's record after round 2 started: it is filed under round 1
        String late = "Nagekomen: hij wil een vervolgcursus.";
        reporter.selectOption("#notes-round", "1");
        assertThat(reporter.locator("#notes-heading")).containsText("1");
        reporter.fill("#notes textarea[data-question-id='q5']", late);
        reporter.locator("#notes textarea[data-question-id='q6']").focus();
        assertThat(reporter.locator("#notes .note[data-question-id='q5'] .save-status")).hasText("Opgeslagen");
        JsonObject rounds = harness.serverTable(workshop, 1);
        assertEquals(late, rounds.getJsonArray("rounds").getJsonObject(0).getJsonObject("notes").getString("q5"));
        assertFalse(rounds.getJsonArray("rounds").getJsonObject(1).getJsonObject("notes").containsKey("q5"));
        reporter.selectOption("#notes-round", "2");
        assertThat(reporter.locator("#notes textarea[data-question-id='q5']")).hasValue("");

        // now it is Sanne's story: Ruud's tray is closed, Sanne lays
        assertThat(ruud.locator("#tray")).hasClass(Pattern.compile("\\blocked\\b"));
        dragToBoard(sanne, inTray(sanne, "E2"), "hindering", 0.5, 0.6);
        for (Page page : table) {
            assertThat(placed(page, "E2")).hasCount(1);
            assertThat(placed(page, "E2")).hasAttribute("data-order", "1");
        }
        JsonObject round2 = harness.serverTable(workshop, 1);
        assertEquals(boardOnServer(round2.getJsonObject("board")), boardOnScreen(sanne));
        assertEquals(List.of("E2"), placements(round2.getJsonObject("board")).stream().map(p -> p.getString("cardId")).toList());
        assertEquals(List.of("A2", "C3", "D1"), placements(round2.getJsonArray("rounds").getJsonObject(0).getJsonObject("photo")).stream()
                .map(p -> p.getString("cardId")).sorted().toList(), "round 1 is kept as its photo");

        // --- the console: table 1's miniature with its card, table 2 empty ---
        Locator mini = facilitator.locator("#tables [data-table='1']");
        assertThat(mini.locator("[data-field='cards']")).hasAttribute("data-count", "1");
        assertThat(mini.locator("svg g[data-card-id='E2']")).hasCount(1);
        assertThat(mini.locator(".mini-seat[data-online='true']")).hasCount(5);
        assertThat(facilitator.locator("#tables [data-table='2'] [data-field='cards']")).hasAttribute("data-count", "0");
        // the plenary panel sums both rounds: round 1's photo and round 2's live board
        for (String card : List.of("A2", "C3", "D1", "E2")) {
            assertThat(facilitator.locator("#plenary .plenary-row[data-card-id='" + card + "']")).isVisible();
        }
        assertThat(facilitator.locator("#plenary .plenary-row[data-card-id='A2'] .bar-stimulating .bar")).hasAttribute("data-count", "1");
        assertThat(facilitator.locator("#plenary .plenary-row[data-card-id='C3'] .bar-hindering .bar")).hasAttribute("data-count", "1");
        assertThat(facilitator.locator("#plenary .plenary-row")).hasCount(4);
        harness.screenshot(facilitator, "workshop-3-console");

        // --- the interview replayed: round 1 at table 1, card by card with its explanation ---
        facilitator.selectOption("#replay-table", "1");
        facilitator.selectOption("#replay-round", "1");
        assertThat(facilitator.locator("#replay-panel svg g[data-card-id]")).hasCount(0);
        facilitator.click("#replay-next");
        assertThat(facilitator.locator("#replay-step")).hasAttribute("data-order", "1");
        assertThat(facilitator.locator("#replay-panel svg g[data-card-id='A2']")).hasCount(1);
        assertThat(facilitator.locator("#replay-explanations li[data-card-id='A2'] .replay-explanation")).hasText(why);
        facilitator.click("#replay-next");
        facilitator.click("#replay-next");
        assertThat(facilitator.locator("#replay-step")).hasAttribute("data-order", "3");
        assertThat(facilitator.locator("#replay-panel svg g[data-card-id]")).hasCount(3);
        assertThat(facilitator.locator("#replay-next")).isDisabled();
        facilitator.click("#replay-prev");
        assertThat(facilitator.locator("#replay-panel svg g[data-card-id]")).hasCount(2);
        facilitator.locator("#replay-panel").scrollIntoViewIfNeeded();
        harness.screenshot(facilitator, "workshop-3b-replay");

        // --- the plenary on the projector ---
        facilitator.click("#end-round");
        BrowserHarness.confirm(facilitator);
        facilitator.selectOption("#phase", "plenary");
        assertThat(facilitator.locator("#phase-apply")).isEnabled();
        facilitator.click("#phase-apply");
        BrowserHarness.confirm(facilitator);
        assertThat(projector.locator("[data-testid='phase']")).hasAttribute("data-phase", "plenary");
        for (String card : List.of("A2", "C3", "D1", "E2")) {
            assertThat(projector.locator("#plenary .plenary-row[data-card-id='" + card + "']")).isVisible();
        }
        assertThat(projector.locator("#plenary .plenary-row")).hasCount(4);
        assertThat(projector.locator("#proj-whistle")).isHidden();
        Set<String> onServer;
        try {
            JsonArray factors = harness.get("/api/workshops/" + workshop.id() + "/plenary", workshop.facilitatorToken()).getJsonArray("factors");
            onServer = factors.stream().map(f -> (JsonObject) f).filter(f -> f.getInteger("total") > 0)
                    .map(f -> f.getString("cardId")).collect(Collectors.toCollection(TreeSet::new));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        @SuppressWarnings("unchecked")
        List<String> onProjector = (List<String>) projector.evaluate("() => [...document.querySelectorAll('#plenary .plenary-row')].map(r => r.dataset.cardId)");
        assertEquals(onServer, new TreeSet<>(onProjector), "the projector charts the factors the server counted");
        harness.screenshot(projector, "workshop-4-projector-plenary");

        // The facilitator puts two boards side by side: the projector, on another laptop, follows.
        facilitator.click("#plenary [data-testid='plenary-view-boards']");
        facilitator.locator("#plenary [data-testid='plenary-pick'][data-key='1.1']").check();
        facilitator.locator("#plenary [data-testid='plenary-pick'][data-key='1.2']").check();
        assertThat(projector.locator("#plenary [data-testid='plenary-view-boards']")).hasAttribute("aria-selected", "true");
        assertThat(projector.locator("#plenary [data-testid='plenary-compare']")).hasAttribute("data-count", "2");
        assertEquals("boards", harness.get("/api/workshops/" + workshop.id(), workshop.facilitatorToken())
                .getJsonObject("workshop").getJsonObject("plenary").getString("view"), "the choice is the workshop's, kept by the server");
        harness.screenshot(projector, "workshop-5-projector-boards");
        assertEquals(List.of(), harness.pageErrors, "no page threw");
    }
}
