package nl.factorspel.server.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.factorspel.server.FactorspelServer;
import nl.factorspel.server.ServerConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A real server and real headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright.
 * Without Chromium the browser tests are skipped with a warning, except where
 * FACTORSPEL_REQUIRE_BROWSER is set (CI), where a missing browser fails them.
 *
 * <p>One harness per test class, registered as an extension
 * ({@code @RegisterExtension static final BrowserHarness harness = new BrowserHarness();}): the server
 * (on a data folder of its own) and the browser start before the class's first test and are shared by
 * its tests, every laptop is a browser context of its own and is closed after each test. Besides starting things it knows the app's pages: creating a
 * workshop on the start page, joining on the join page, dragging a card onto the board, and asking
 * the server over HTTP what it holds, so a test can hold the screens against the server's state.
 */
final class BrowserHarness implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("FACTORSPEL_CHROMIUM", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String DECK = "llo-factoren";

    FactorspelServer server;
    Playwright playwright;
    Browser browser;
    private Path data;
    final HttpClient http = HttpClient.newHttpClient();
    /** Uncaught exceptions and unhandled rejections of every page, as "page: message". */
    final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    /** A workshop as its facilitator knows it. */
    record Workshop(String id, String facilitatorToken, String joinCode) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = "no Chromium at " + CHROMIUM + ": install Debian's chromium to run the browser tests";
            if (System.getenv("FACTORSPEL_REQUIRE_BROWSER") != null) {
                throw new IllegalStateException(message);
            }
            System.err.println("WARNING: " + message + "; browser tests skipped");
            Assumptions.abort(message);
        }
        data = Files.createTempDirectory("factorspel-browser");
        server = new FactorspelServer(ServerConfig.forTests(data).with(Map.of("joins-per-minute", "10000"))).start();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        Files.createDirectories(SCREENSHOTS);
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** A fresh browser window of its own (its own storage), like a second laptop. */
    Page newLaptop() {
        return newLaptop(1400, 900);
    }

    Page newLaptop(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        synchronized (contexts) {
            contexts.add(context);
        }
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.onPageError(error -> {
            System.err.println("page error: " + error);
            pageErrors.add(page.url() + ": " + error);
        });
        // Whatever the Content-Security-Policy blocks is a page error too: the client must live within it.
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") && message.text().contains("Content Security Policy")) {
                System.err.println("blocked by CSP: " + message.text());
                pageErrors.add(page.url() + ": " + message.text());
            }
        });
        return page;
    }

    /** Closes every laptop opened so far (between tests, to keep the browser light). */
    void closeLaptops() {
        for (Line line : lines) {
            line.cut(); // closed by us, with a code, before the page goes (see Line.GONE)
        }
        lines.clear();
        List<BrowserContext> open;
        synchronized (contexts) {
            open = new ArrayList<>(contexts);
            contexts.clear();
        }
        for (BrowserContext context : open) {
            context.close();
        }
    }

    void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    // --- the app's pages ---

    /** Creates a workshop through the start page, as a facilitator does; answers the console's page. */
    Page createWorkshop(String title, int tables, int minutes) {
        Page facilitator = newLaptop();
        facilitator.navigate(url("/"));
        facilitator.fill("#create-title", title);
        facilitator.locator("#create-deck option[value='" + DECK + "']").waitFor(new Locator.WaitForOptions()
                .setState(WaitForSelectorState.ATTACHED));
        facilitator.selectOption("#create-deck", DECK);
        facilitator.fill("#create-tables", Integer.toString(tables));
        facilitator.fill("#create-minutes", Integer.toString(minutes));
        facilitator.click("#create-submit");
        facilitator.waitForURL("**/facilitator.html#**");
        assertThat(facilitator.locator("[data-testid='join-code']")).hasText(Pattern.compile("[A-Z0-9]{8}"));
        online(facilitator);
        return facilitator;
    }

    /** The workshop behind a facilitator's console (id and token from its link, the code from the page). */
    Workshop workshopOf(Page facilitator) {
        Map<String, String> hash = hash(facilitator.url());
        return new Workshop(hash.get("w"), hash.get("t"), facilitator.locator("[data-testid='join-code']").innerText().strip());
    }

    static Map<String, String> hash(String url) {
        Map<String, String> out = new HashMap<>();
        int at = url.indexOf('#');
        if (at < 0) {
            return out;
        }
        for (String pair : url.substring(at + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Joins through the join page on a laptop of its own and waits until the table page is online. */
    Page join(String code, String name, int table, String role) {
        return join(newLaptop(), code, name, table, role);
    }

    /** Joins through the join page on the given (fresh) page. */
    Page join(Page page, String code, String name, int table, String role) {
        page.navigate(url("/join.html?code=" + code + "&table=" + table));
        page.fill("#join-name", name);
        page.selectOption("#join-role", role);
        page.click("#join-submit");
        page.waitForURL("**/table.html#**");
        online(page);
        return page;
    }

    /** Creates a workshop over HTTP (for tests whose subject is not the start page). */
    Workshop createWorkshopOverHttp(String title, int tables, String language) throws Exception {
        JsonObject created = post("/api/workshops", new JsonObject().put("title", title).put("deckId", DECK)
                .put("tables", tables).put("roundMinutes", 15).put("language", language));
        return new Workshop(created.getString("workshopId"), created.getString("facilitatorToken"), created.getString("joinCode"));
    }

    /** The facilitator's console of a workshop, opened from its link. */
    Page openConsole(Workshop workshop) {
        return openConsole(workshop, newLaptop());
    }

    /** The facilitator's console of a workshop, opened from its link on the given laptop (a wall-sized one, one whose clock a test controls). */
    Page openConsole(Workshop workshop, Page page) {
        page.navigate(url("/facilitator.html#w=" + workshop.id() + "&t=" + workshop.facilitatorToken()));
        online(page);
        return page;
    }

    /**
     * The serious and critical accessibility violations axe-core finds on a page, as "rule: target".
     * axe-core is a devDependency of web-client, read from its node_modules and evaluated by the test
     * (never served by the server, never from a CDN; evaluation through the debugger bypasses a CSP).
     */
    static List<String> axeViolations(Page page) {
        try {
            String axe = java.nio.file.Files.readString(Path.of("..", "web-client", "node_modules", "axe-core", "axe.min.js"));
            page.evaluate("() => { if (window.axe) return; " + axe + "\n}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("axe-core is missing: run npm ci in web-client", e);
        }
        // Every serious or critical rule must pass, label-in-name (WCAG 2.5.3) included.
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate("async () => (await window.axe.run(document, { resultTypes: ['violations'] }))"
                + ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')))");
        return found;
    }

    /** The element lies wholly inside the window: it is reached without scrolling the page. */
    static void inView(Page page, Locator element, String what) {
        BoundingBox box = element.boundingBox();
        var size = page.viewportSize();
        org.junit.jupiter.api.Assertions.assertTrue(box != null && box.y >= -0.5 && box.x >= -0.5
                        && box.y + box.height <= size.height + 0.5 && box.x + box.width <= size.width + 0.5,
                what + " is on screen without scrolling at " + size.width + "x" + size.height + ": "
                        + (box == null ? "not shown" : box.x + "," + box.y + " " + box.width + "x" + box.height));
    }

    /** Answers the console's in-page question (ending a round, moving the phase) with its confirm button. */
    static void confirm(Page page) {
        page.locator("[data-testid='confirm-yes']").click();
        assertThat(page.locator("[data-testid='confirm']")).hasCount(0);
    }

    static void online(Page page) {
        assertThat(page.locator("[data-testid='connection']")).hasAttribute("data-state", "online");
    }

    /** The point on a page's board where a card of that side, strength and height lies. */
    static double[] boardPoint(Page page, String side, double strength, double y) {
        BoundingBox board = page.locator("#board").boundingBox();
        double x = "stimulating".equals(side) ? 0.5 - strength / 2 : 0.5 + strength / 2;
        return new double[] {board.x + board.width * x, board.y + board.height * y};
    }

    /** Drags (pointer down, a few moves, up) from the middle of an element to a point. */
    static void drag(Page page, Locator from, double toX, double toY) {
        from.scrollIntoViewIfNeeded();
        BoundingBox box = settledBox(page, from);
        page.mouse().move(box.x + box.width / 2, box.y + box.height / 2);
        page.mouse().down();
        page.mouse().move(box.x + box.width / 2 + 12, box.y + box.height / 2 + 4, new Mouse.MoveOptions().setSteps(2));
        page.mouse().move(toX, toY, new Mouse.MoveOptions().setSteps(12));
        page.mouse().up();
    }

    /** Drags a card from the tray (or a placed card) to a side, strength and height of the board. */
    static void dragToBoard(Page page, Locator card, String side, double strength, double y) {
        card.scrollIntoViewIfNeeded();
        page.locator("#board").scrollIntoViewIfNeeded();
        double[] to = boardPoint(page, side, strength, y);
        drag(page, card, to[0], to[1]);
    }

    /** An element's box once it has stopped gliding (placed cards slide into place). */
    static BoundingBox settledBox(Page page, Locator locator) {
        BoundingBox last = locator.boundingBox();
        for (int i = 0; i < 40; i++) {
            page.waitForTimeout(60);
            BoundingBox now = locator.boundingBox();
            if (now != null && last != null && Math.abs(now.x - last.x) < 0.5 && Math.abs(now.y - last.y) < 0.5) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the element never came to rest: " + locator);
    }

    /** Presses Tab until the focused element matches the selector (at most max presses): the keyboard alone. */
    static void tabTo(Page page, String selector, int max) {
        for (int i = 0; i < max; i++) {
            if (Boolean.TRUE.equals(page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector))) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached " + selector + " in " + max + " presses");
    }

    /** Waits (at most timeout) until the check holds, letting the pages run meanwhile. */
    static void eventually(Page page, Duration timeout, BooleanSupplier check, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (check.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            page.waitForTimeout(100);
        }
    }

    // --- what the server holds ---

    JsonObject get(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    JsonObject post(String path, JsonObject body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    /** GET /api/workshops/{id} with the facilitator's token: the room and every table. */
    JsonObject serverView(Workshop workshop) {
        try {
            return get("/api/workshops/" + workshop.id(), workshop.facilitatorToken());
        } catch (Exception e) {
            throw new AssertionError("could not ask the server", e);
        }
    }

    /** One table as the server holds it. */
    JsonObject serverTable(Workshop workshop, int table) {
        for (Object t : serverView(workshop).getJsonArray("tables")) {
            if (((JsonObject) t).getInteger("table") == table) {
                return (JsonObject) t;
            }
        }
        throw new AssertionError("the server has no table " + table);
    }

    static List<JsonObject> placements(JsonObject board) {
        List<JsonObject> out = new ArrayList<>();
        for (Object p : board.getJsonArray("placements", new JsonArray())) {
            out.add((JsonObject) p);
        }
        return Collections.unmodifiableList(out);
    }

    /** A page's placed cards as "id card side strength y explained", sorted: to hold against the server's. */
    static List<String> boardOnScreen(Page page) {
        @SuppressWarnings("unchecked")
        List<String> rows = (List<String>) page.evaluate("() => [...document.querySelectorAll('#board .placement')].map(e => "
                + "[e.dataset.placementId, e.dataset.cardId, e.dataset.placementSide, Number(e.dataset.strength).toFixed(3), "
                + "Number(e.dataset.y).toFixed(3), e.classList.contains('explained')].join(' ')).sort()");
        return rows;
    }

    /** The same rows from the server's board. */
    static List<String> boardOnServer(JsonObject board) {
        List<String> rows = new ArrayList<>();
        for (JsonObject p : placements(board)) {
            String explanation = p.getString("explanation", "");
            rows.add(String.join(" ", p.getString("id"), p.getString("cardId"), p.getString("side"),
                    String.format(java.util.Locale.ROOT, "%.3f", p.getDouble("strength")),
                    String.format(java.util.Locale.ROOT, "%.3f", p.getDouble("y")),
                    Boolean.toString(!explanation.isBlank())));
        }
        Collections.sort(rows);
        return rows;
    }

    // --- cutting a laptop off the network ---

    /**
     * A laptop's line to the server, routed through Playwright so a test can cut it: the event-bus
     * websocket (SockJS) and its HTTP fallbacks. Installed before the page connects. While cut, the
     * open socket is closed from the page's side and every new attempt fails; each direction can also
     * be muted on its own (frames silently lost, as on a dying link).
     */
    static final class Line {
        /**
         * Every close carries a code and a reason: Playwright for Java 1.55 throws (in whatever call is
         * running) when the driver reports a routed socket closed without them (playwright-java#1882).
         */
        private static final WebSocketRoute.CloseOptions GONE = new WebSocketRoute.CloseOptions().setCode(1001).setReason("network gone");
        private final Map<WebSocketRoute, WebSocketRoute> sockets = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean reachable = true;
        volatile boolean up = true;
        volatile boolean down = true;

        static Line install(BrowserHarness harness, Page page) {
            Line line = new Line();
            harness.lines.add(line);
            Pattern bus = Pattern.compile("/eventbus/");
            page.routeWebSocket(bus, ws -> {
                if (!line.reachable) {
                    ws.close(GONE);
                    return;
                }
                WebSocketRoute server = ws.connectToServer();
                line.sockets.put(ws, server);
                ws.onMessage(frame -> {
                    if (line.up) {
                        server.send(frame.text());
                    }
                });
                server.onMessage(frame -> {
                    if (line.down) {
                        ws.send(frame.text());
                    }
                });
            });
            page.route(bus, (Route route) -> {
                if (line.reachable) {
                    route.resume();
                } else {
                    route.abort("internetdisconnected");
                }
            });
            return line;
        }

        /** The network goes: the open connection closes (both ends) and no new one gets through. */
        void cut() {
            reachable = false;
            for (Map.Entry<WebSocketRoute, WebSocketRoute> pair : sockets.entrySet()) {
                sockets.remove(pair.getKey());
                pair.getKey().close(GONE);
                pair.getValue().close(GONE);
            }
        }

        /** The network comes back, both ways. */
        void restore() {
            up = true;
            down = true;
            reachable = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeLaptops();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (playwright != null) {
            closeLaptops();
        }
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.stop();
        }
        if (data != null) {
            try (var files = Files.walk(data)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
