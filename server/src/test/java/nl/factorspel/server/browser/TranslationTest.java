package nl.factorspel.server.browser;

import com.microsoft.playwright.Page;
import nl.factorspel.server.browser.BrowserHarness.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page in Dutch and in English: the dictionaries are complete (factorspelI18nCheck is empty),
 * no text on the screen (nor a placeholder, title, label or alt text) is a bare key such as
 * "tray.title", no key was asked for that a dictionary lacks, and the language switch really changes
 * what is shown, and is remembered by the browser.
 */
class TranslationTest {

    @RegisterExtension
    static final BrowserHarness harness = new BrowserHarness();
    /** "i18n: no text for ..." warnings, as the pages log them. */
    final List<String> missing = new CopyOnWriteArrayList<>();

    /**
     * Everything the test reads from a page at once: the language, i18n's own check, texts and
     * attributes that look like keys, static [data-i18n] texts not in the current language, and the
     * visible texts.
     */
    private static final String SCAN = """
            async () => {
              const i18n = await import('/js/i18n.js');
              const key = /^[a-z]+(\\.[a-zA-Z0-9]+)+$/;
              const shown = (el) => el.checkVisibility({ visibilityProperty: true });
              const texts = [];
              const keys = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const text = n.textContent.trim();
                const el = n.parentElement;
                if (!text || !el || el.closest('script, style, template') || !shown(el)) continue;
                texts.push(text);
                if (key.test(text)) keys.push(text);
              }
              for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], [alt]')) {
                if (!shown(el)) continue;
                for (const attr of ['placeholder', 'title', 'aria-label', 'alt']) {
                  const value = (el.getAttribute(attr) || '').trim();
                  if (key.test(value)) keys.push(attr + '=' + value);
                }
              }
              if (key.test(document.title.trim())) keys.push('title ' + document.title);
              const stale = [...document.body.querySelectorAll('[data-i18n]')]
                .filter((el) => el.textContent !== i18n.t(el.dataset.i18n)).map((el) => el.dataset.i18n);
              return { lang: document.documentElement.lang, current: i18n.getLang(), problems: window.factorspelI18nCheck(),
                       keys, stale, texts };
            }""";

    /** A laptop whose missing-text warnings are collected. */
    private Page laptop(int width, int height) {
        return listen(harness.newLaptop(width, height));
    }

    private Page listen(Page page) {
        page.onConsoleMessage(message -> {
            if (message.text().startsWith("i18n:")) {
                missing.add(page.url() + ": " + message.text());
            }
        });
        return page;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scan(Page page) {
        return (Map<String, Object>) page.evaluate(SCAN);
    }

    /** Holds one language's screen to the rules; answers its visible texts. */
    @SuppressWarnings("unchecked")
    private static List<String> complete(Page page, String name, String lang) {
        Map<String, Object> found = scan(page);
        assertEquals(lang, found.get("lang"), name + ": <html lang>");
        assertEquals(lang, found.get("current"), name + ": the language in use");
        assertEquals(List.of(), found.get("problems"), name + " (" + lang + "): factorspelI18nCheck()");
        assertEquals(List.of(), found.get("keys"), name + " (" + lang + "): texts that are bare keys");
        assertEquals(List.of(), found.get("stale"), name + " (" + lang + "): static texts not in the language shown");
        return (List<String>) found.get("texts");
    }

    /**
     * The page in Dutch, then switched to English with its NL/EN switch: both complete, and the
     * switch changes most of what is written (names, codes and numbers stay).
     */
    private void bothLanguages(Page page, String name) {
        List<String> dutch = complete(page, name, "nl");
        page.click("[data-lang-switch] .lang-button[data-lang='en']");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("[data-lang-switch] .lang-button[data-lang='en']")).hasAttribute("aria-pressed", "true");
        List<String> english = complete(page, name, "en");
        Set<String> stayed = new HashSet<>(english);
        List<String> words = dutch.stream().filter(t -> t.codePoints().filter(Character::isLetter).count() >= 4).toList();
        List<String> changed = words.stream().filter(t -> !stayed.contains(t)).toList();
        assertTrue(changed.size() >= 5 && changed.size() * 2 >= words.size(),
                name + ": switching to English changed only " + changed.size() + " of " + words.size() + " texts; unchanged: "
                        + words.stream().filter(stayed::contains).toList());
        assertEquals("en", page.evaluate("() => localStorage.getItem('factorspel.lang')"), name + ": the choice is remembered");
        assertEquals(List.of(), missing, name + ": texts asked for that no dictionary has");
    }

    @Test
    void theStartAndJoinPagesAreCompleteInDutchAndEnglishAndTheChoiceCarriesOver() throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Talen", 2, "nl");
        Page home = laptop(1400, 900);
        home.navigate(harness.url("/"));
        assertThat(home.locator("#create-deck option[value='" + BrowserHarness.DECK + "']")).hasCount(1);
        bothLanguages(home, "start page");

        // the same browser opens the join page: still English, and complete
        home.navigate(harness.url("/join.html?code=" + workshop.joinCode()));
        complete(home, "join page (remembered)", "en");

        Page join = laptop(1400, 900);
        join.navigate(harness.url("/join.html?code=" + workshop.joinCode()));
        join.fill("#join-name", "Kim");
        bothLanguages(join, "join page");
        join.reload();
        complete(join, "join page after a reload", "en");
    }

    @Test
    void theDeckStudioIsCompleteInDutchAndEnglishWithItsProblemsInTheLanguageShown() {
        Page studio = laptop(1400, 900);
        studio.navigate(harness.url("/studio.html"));
        complete(studio, "deck studio start", "nl");
        studio.click("#start-empty");
        studio.click("[data-add='categories']");
        studio.click("[data-add='cards']");
        studio.fill("[data-path='cards[0].label.nl']", "Nieuwsgierigheid");
        studio.fill("[data-path='cards[0].copies']", "12");
        assertThat(studio.locator("[data-problem-path='cards[0].copies']")).isVisible();
        bothLanguages(studio, "deck studio");
        assertThat(studio.locator("[data-problem-path='cards[0].copies']")).hasText("12 cannot be: choose from 1 to 9.");
        assertThat(studio.locator("[data-problem-path='cards[0].label.en']")).hasText("The English text is missing.");
    }

    @Test
    void theTableIsCompleteInDutchAndEnglishForEverySeat() throws Exception {
        Workshop workshop = harness.createWorkshopOverHttp("Talen aan tafel", 1, "nl");
        Map<String, String> seats = Map.of("interviewer", "Ilse", "respondent1", "Ruud", "respondent2", "Sanne",
                "reporter", "Rik", "observer", "Olga");
        List<String> order = List.of("interviewer", "respondent1", "respondent2", "reporter", "observer");
        List<Page> pages = new ArrayList<>();
        for (String seat : order) {
            Page page = laptop(1400, 900);
            harness.join(page, workshop.joinCode(), seats.get(seat), 1, seat.startsWith("respondent") ? "respondent" : seat);
            pages.add(page);
        }
        Page console = harness.openConsole(workshop);
        console.click("#start-round");
        Page ruud = pages.get(1);
        assertThat(ruud.locator("[data-testid='clock']")).hasAttribute("data-status", "running");
        pages.get(0).click("#question-next");
        ruud.locator("#tray [data-card-id='A1']").focus();
        ruud.keyboard().press("Enter");
        ruud.keyboard().press("Enter");
        for (int i = 0; i < order.size(); i++) {
            Page page = pages.get(i);
            assertThat(page.locator("#board .placement[data-card-id='A1']")).hasCount(1);
            page.click("#board .placement[data-card-id='A1']");
            assertThat(page.locator("#placement-detail")).isVisible();
            page.click(".keys-help summary");
            bothLanguages(page, "table as " + order.get(i));
            page.reload();
            BrowserHarness.online(page);
            complete(page, "table as " + order.get(i) + " after a reload", "en");
        }
        harness.screenshot(pages.get(3), "translation-reporter-en");
    }

    @Test
    void theConsoleAndTheProjectorAreCompleteInDutchAndEnglish() throws Exception {
        Page console = harness.createWorkshop("Talen in de zaal", 2, 15);
        Workshop workshop = harness.workshopOf(console);
        listen(console);
        console.reload();
        BrowserHarness.online(console);
        Page ruud = laptop(1400, 900);
        harness.join(ruud, workshop.joinCode(), "Ruud", 1, "respondent");
        console.click("#start-round");
        assertThat(ruud.locator("[data-testid='clock']")).hasAttribute("data-status", "running");
        ruud.locator("#tray [data-card-id='C2']").focus();
        ruud.keyboard().press("Enter");
        ruud.keyboard().press("Enter");
        assertThat(console.locator("#tables [data-table='1'] [data-field='cards']")).hasAttribute("data-count", "1");

        Page projector = laptop(1600, 900);
        projector.navigate(console.locator("[data-testid='projector-link']").getAttribute("href"));
        BrowserHarness.online(projector);
        bothLanguages(projector, "projector during a round");

        // the console during the round, then in the plenary
        console.click("#end-round");
        BrowserHarness.confirm(console);
        console.selectOption("#phase", "plenary");
        console.click("#phase-apply");
        BrowserHarness.confirm(console);
        assertThat(console.locator("#plenary .plenary-row[data-card-id='C2']")).isVisible();
        bothLanguages(console, "console");
        assertThat(projector.locator("#plenary .plenary-row[data-card-id='C2']")).isVisible();
        complete(projector, "projector in the plenary", "en");
        harness.screenshot(projector, "translation-projector-en");
    }
}
