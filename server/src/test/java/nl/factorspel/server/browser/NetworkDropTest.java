package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.browser.BrowserHarness.Line;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static nl.factorspel.server.browser.BrowserHarness.boardOnScreen;
import static nl.factorspel.server.browser.BrowserHarness.boardOnServer;
import static nl.factorspel.server.browser.BrowserHarness.eventually;
import static nl.factorspel.server.browser.BrowserHarness.placements;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Weak wifi in a workshop room (WORKSHOP.md): a laptop loses its connection mid-round while the table
 * plays on. When it comes back it shows exactly what the server holds, and what it did while offline
 * waited in its outbox (a dashed card on the board) and went out then: not lost, and never twice.
 *
 * <p>The drop is made with Playwright's routing of the event bus (its SockJS websocket and HTTP
 * fallbacks), which closes the socket as a dying network does. Chromium's own offline switch
 * ({@code context.setOffline}) does not close an open websocket (it only freezes it); the client
 * closes it itself when the browser says it went offline, which the last test holds it to.
 */
class NetworkDropTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    private static Locator placed(Page page, String cardId) {
        return page.locator("#board .placement[data-card-id='" + cardId + "']");
    }

    private static Locator pending(Page page, String cardId) {
        return page.locator("#board .pending-card[data-card-id='" + cardId + "']");
    }

    /** Picks a card in the tray with the keyboard, walks it (arrow keys), and lays it with Enter. */
    private static void lay(Page page, String cardId, String arrow, int steps) {
        page.locator("#tray [data-card-id='" + cardId + "']").focus();
        page.keyboard().press("Enter");
        for (int i = 0; i < steps; i++) {
            page.keyboard().press(arrow);
        }
        page.keyboard().press("Enter");
    }

    private static long onServer(Workshop workshop, String cardId) {
        return placements(harness.serverTable(workshop, 1).getJsonObject("board")).stream()
                .filter(p -> cardId.equals(p.getString("cardId"))).count();
    }

    /** A workshop whose round 1 is running, with the console open to run it. */
    private static Workshop runningWorkshop(String title) throws Exception {
        return harness.createWorkshopOverHttp(title, 1, "nl");
    }

    /** Opens the console and starts round 1; answers the console. */
    private static Page startRound(Workshop workshop, Page... tablePages) {
        Page console = harness.openConsole(workshop);
        console.click("#start-round");
        for (Page page : tablePages) {
            assertThat(page.locator("[data-testid='clock']")).hasAttribute("data-status", "running");
        }
        return console;
    }

    @Test
    void aDroppedLaptopCatchesUpToExactlyTheServersBoardAndTheCardItLaidOfflineIsNotLost() throws Exception {
        Workshop workshop = runningWorkshop("Zwakke wifi");
        Page ilse = harness.newLaptop();
        Line line = Line.install(harness, ilse);
        harness.join(ilse, workshop.joinCode(), "Ilse", 1, "interviewer");
        Page ruud = harness.join(workshop.joinCode(), "Ruud", 1, "respondent");
        startRound(workshop, ilse, ruud);
        lay(ruud, "A1", "ArrowLeft", 3);
        assertThat(placed(ilse, "A1")).hasCount(1);

        line.cut();
        assertThat(ilse.locator("[data-testid='connection']")).hasAttribute("data-state", "offline");

        // the table plays on without Ilse: Ruud lays two cards, moves one, explains one
        lay(ruud, "B2", "ArrowRight", 12);
        assertThat(placed(ruud, "B2")).hasAttribute("data-placement-side", "hindering");
        lay(ruud, "C1", "ArrowDown", 4);
        assertThat(placed(ruud, "C1")).hasCount(1);
        ruud.locator("#board .placement[data-card-id='A1']").focus();
        ruud.keyboard().press("ArrowUp");
        ruud.keyboard().press("Enter");
        assertThat(placed(ruud, "A1")).hasAttribute("data-y", "0.45");
        String why = "Hij wilde graag verder komen.";
        ruud.click("#board .placement[data-card-id='A1']");
        ruud.fill("#explanation", why);
        ruud.click("#explanation-save");
        assertThat(placed(ruud, "A1")).hasClass(Pattern.compile("\\bexplained\\b"));

        // meanwhile Ilse, offline, lays a card: it waits, dashed on her board, and is counted as waiting
        lay(ilse, "D3", "ArrowRight", 8);
        assertThat(pending(ilse, "D3")).hasAttribute("data-pending", "queued");
        assertThat(ilse.locator("[data-testid='outbox']")).hasAttribute("data-count", "1");
        assertThat(ilse.locator("#tray [data-card-id='D3']")).hasAttribute("data-copies-left", "1");
        assertThat(placed(ilse, "B2")).hasCount(0);
        assertThat(placed(ilse, "A1")).not().hasClass(Pattern.compile("\\bexplained\\b"));
        assertEquals(0, onServer(workshop, "D3"), "nothing reached the server while the line was cut");
        harness.screenshot(ilse, "network-offline-pending");

        // the network comes back
        line.restore();
        assertThat(ilse.locator("[data-testid='connection']")).hasAttribute("data-state", "online", new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
        assertThat(placed(ilse, "D3")).hasCount(1);
        assertThat(ilse.locator("#board .pending-card")).hasCount(0);
        assertThat(ilse.locator("[data-testid='outbox']")).hasCount(0);
        assertThat(placed(ruud, "D3")).hasCount(1);
        eventually(ilse, Duration.ofSeconds(5), () -> boardOnScreen(ilse).size() == 4, "Ilse shows four cards");
        JsonObject board = harness.serverTable(workshop, 1).getJsonObject("board");
        assertEquals(boardOnServer(board), boardOnScreen(ilse), "Ilse's board is the server's: ids, sides, strengths, explanations");
        assertEquals(boardOnServer(board), boardOnScreen(ruud));
        assertEquals(1, onServer(workshop, "D3"), "the card laid offline arrived once");
        JsonObject a1 = placements(board).stream().filter(p -> "A1".equals(p.getString("cardId"))).findFirst().orElseThrow();
        assertEquals(why, a1.getString("explanation"));
        ilse.click("#board .placement[data-card-id='A1']");
        assertThat(ilse.locator("#explanation")).hasValue(why);
        harness.screenshot(ilse, "network-back-online");
        assertEquals(List.of(), harness.pageErrors, "no page threw");
    }

    @Test
    void aCommandWhoseReplyWasLostIsSettledByItsIdAndOneThatNeverArrivedIsSentAgainOnce() throws Exception {
        Workshop workshop = runningWorkshop("Half verbonden");
        Page ilse = harness.newLaptop();
        Line line = Line.install(harness, ilse);
        harness.join(ilse, workshop.joinCode(), "Ilse", 1, "interviewer");
        startRound(workshop, ilse);

        // the server hears Ilse, but its answers no longer reach her
        line.down = false;
        lay(ilse, "E1", "ArrowLeft", 2);
        eventually(ilse, Duration.ofSeconds(5), () -> onServer(workshop, "E1") == 1, "E1 reached the server");
        assertThat(pending(ilse, "E1")).hasAttribute("data-pending", "sent");
        // now nothing gets through either way
        line.up = false;
        lay(ilse, "E4", "ArrowRight", 6);
        assertThat(pending(ilse, "E4")).hasAttribute("data-pending", "sent");
        ilse.waitForTimeout(300);
        assertEquals(0, onServer(workshop, "E4"));

        line.cut();
        assertThat(ilse.locator("[data-testid='connection']")).hasAttribute("data-state", "offline");
        assertThat(pending(ilse, "E1")).hasAttribute("data-pending", "unsure");
        assertThat(pending(ilse, "E4")).hasAttribute("data-pending", "unsure");

        line.restore();
        BrowserHarness.online(ilse);
        // E1's event came with the catch-up, carrying its command id: it counts as done
        assertThat(placed(ilse, "E1")).hasCount(1);
        // E4 never arrived: after the catch-up it goes out again with the same id, and lands once
        assertThat(placed(ilse, "E4")).hasCount(1);
        assertThat(ilse.locator("#board .pending-card")).hasCount(0);
        assertThat(ilse.locator("#tray [data-card-id='E4']")).hasAttribute("data-copies-left", "1");
        ilse.waitForTimeout(1000);
        assertEquals(1, onServer(workshop, "E1"), "E1 lies once: its lost reply did not make it go out twice");
        assertEquals(1, onServer(workshop, "E4"), "E4 lies once");
        assertEquals(boardOnServer(harness.serverTable(workshop, 1).getJsonObject("board")), boardOnScreen(ilse));
        harness.screenshot(ilse, "network-resent-by-id");
        assertEquals(List.of(), harness.pageErrors, "no page threw");
    }

    @Test
    void switchingTheWifiOffAndOnDropsTheConnectionAndSendsWhatWaitedOrSaysWhyItWasRefused() throws Exception {
        Workshop workshop = runningWorkshop("Wifi uit");
        Page ilse = harness.join(workshop.joinCode(), "Ilse", 1, "interviewer");
        Page ruud = harness.join(workshop.joinCode(), "Ruud", 1, "respondent");
        Page console = startRound(workshop, ilse, ruud);

        ilse.context().setOffline(true);
        assertThat(ilse.locator("[data-testid='connection']")).hasAttribute("data-state", "offline");
        lay(ruud, "B1", "ArrowLeft", 1);
        lay(ilse, "A3", "ArrowRight", 7);
        assertThat(pending(ilse, "A3")).hasAttribute("data-pending", "queued");
        ilse.waitForTimeout(500);
        assertEquals(0, onServer(workshop, "A3"), "nothing leaves a laptop without network");

        ilse.context().setOffline(false);
        assertThat(ilse.locator("[data-testid='connection']")).hasAttribute("data-state", "online", new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
        assertThat(placed(ilse, "A3")).hasCount(1);
        assertThat(placed(ilse, "B1")).hasCount(1);
        assertThat(placed(ruud, "A3")).hasCount(1);
        assertEquals(1, onServer(workshop, "A3"));
        assertEquals(boardOnServer(harness.serverTable(workshop, 1).getJsonObject("board")), boardOnScreen(ilse));

        // offline again, Ilse lays one more; meanwhile the facilitator ends the round: when she is back
        // the server refuses it, the dashed card goes, and she is told which card and why
        ilse.context().setOffline(true);
        assertThat(ilse.locator("[data-testid='connection']")).hasAttribute("data-state", "offline");
        lay(ilse, "C5", "ArrowRight", 9);
        assertThat(pending(ilse, "C5")).hasAttribute("data-pending", "queued");
        console.click("#end-round");
        BrowserHarness.confirm(console);
        assertThat(ruud.locator("#photos figure[data-round='1']")).isVisible();
        ilse.context().setOffline(false);
        Locator refusal = ilse.locator(".toast[data-code='round_not_open'][data-command='placeCard']");
        assertThat(refusal).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        assertThat(refusal).containsText("C5");
        assertThat(ilse.locator("#board .pending-card")).hasCount(0);
        assertThat(ilse.locator("#tray [data-card-id='C5']")).hasAttribute("data-copies-left", "2");
        assertEquals(0, onServer(workshop, "C5"));
        harness.screenshot(ilse, "network-refused-after-reconnect");
        assertEquals(List.of(), harness.pageErrors, "no page threw");
    }
}
