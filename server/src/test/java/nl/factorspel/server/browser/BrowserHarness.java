package nl.factorspel.server.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import nl.factorspel.server.FactorspelServer;
import nl.factorspel.server.ServerConfig;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real server and real headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright.
 * Without Chromium the browser tests are skipped with a warning, except where
 * FACTORSPEL_REQUIRE_BROWSER is set (CI), where a missing browser fails them.
 */
final class BrowserHarness implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("FACTORSPEL_CHROMIUM", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final FactorspelServer server;
    final Playwright playwright;
    final Browser browser;

    BrowserHarness(Path data) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = "no Chromium at " + CHROMIUM + ": install Debian's chromium to run the browser tests";
            if (System.getenv("FACTORSPEL_REQUIRE_BROWSER") != null) {
                throw new IllegalStateException(message);
            }
            System.err.println("WARNING: " + message + "; browser tests skipped");
            Assumptions.abort(message);
        }
        server = new FactorspelServer(ServerConfig.forTests(data).with(Map.of("joins-per-minute", "10000"))).start();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        Files.createDirectories(SCREENSHOTS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** A fresh browser window of its own (its own storage), like a second laptop. */
    Page newLaptop() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.onPageError(error -> System.err.println("page error: " + error));
        return page;
    }

    void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.stop();
        }
    }
}
