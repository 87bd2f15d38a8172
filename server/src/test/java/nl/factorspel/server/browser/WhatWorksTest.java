package nl.factorspel.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLO deck as the seed has it: the facilitator chooses the research version of the interview when
 * creating the workshop, the table plays its questions, and once the table places its respondent in a
 * profile both the table and the console show what works for that profile ("Wat werkt voor wie?").
 */
class WhatWorksTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();

    @Test
    void theResearchInterviewIsPlayedAndAChosenProfileShowsWhatWorksOnTheTableAndTheConsole() {
        Page facilitator = harness.newLaptop(1366, 768);
        facilitator.navigate(harness.url("/"));
        facilitator.fill("#create-title", "Onderzoek buitendienst");
        facilitator.locator("#create-deck option[value='llo-factoren']").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        facilitator.selectOption("#create-deck", "llo-factoren");
        assertThat(facilitator.locator("#create-script-row")).isVisible();
        facilitator.selectOption("#create-script", "onderzoek");
        facilitator.fill("#create-tables", "1");
        facilitator.click("#create-submit");
        facilitator.waitForURL("**/facilitator.html#**");
        BrowserHarness.online(facilitator);
        String code = facilitator.locator("[data-testid='join-code']").innerText().strip();

        Page interviewer = harness.join(code, "Ilse", 1, "interviewer");
        facilitator.click("#start-round");
        assertThat(interviewer.locator("#script")).containsText("Beschrijf je recente leer/ ontwikkelervaring (in laatste vijf jaar)");
        assertThat(interviewer.locator("#script")).containsText("Zie je verbanden tussen de kaartjes?");

        interviewer.click("#profile [data-profile-id='B']");
        assertThat(interviewer.locator("#profile [data-profile-id='B']")).hasAttribute("aria-pressed", "true");
        assertThat(interviewer.locator("#profile-details [data-testid='profile-rule']")).hasText("Bij zoekende mensen helpt richting en perspectief.");
        assertThat(interviewer.locator("#profile-details .profile-characterisation")).containsText("onduidelijkheid over richting");
        assertThat(interviewer.locator("#profile-details .works-well")).containsText("Taakverbreding/roulatie");

        Locator onConsole = facilitator.locator("[data-testid='mini-profile']");
        assertThat(onConsole).containsText("Richtingzoekers");
        onConsole.locator("summary").click();
        assertThat(onConsole.locator(".works-well")).containsText("Duo-werk/ samen leren");
        assertThat(onConsole.locator(".works-less")).containsText("Lange theoretische opleidingen");
        assertThat(onConsole).hasAttribute("open", Pattern.compile(".*"));
        harness.screenshot(facilitator, "what-works-console-1366");
        harness.screenshot(interviewer, "what-works-table");

        // The fourth type of learner has only its rule: it shows, and no empty lists.
        interviewer.click("#profile [data-profile-id='D']");
        assertThat(interviewer.locator("#profile-details [data-testid='profile-rule']")).hasText("Bij pragmatische, stabiliteitsgerichte mensen zijn externe omstandigheden de trigger.");
        assertThat(interviewer.locator("#profile-details .works")).hasCount(0);
        assertTrue(harness.pageErrors.isEmpty(), harness.pageErrors.toString());
    }
}
