package nl.factorspel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DeckLoader;
import nl.factorspel.sessions.store.Grant;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.WorkshopJson;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The HTTP side: health, metrics, decks, workshops, join, views and exports, and the web client's files. */
final class HttpApi {

    private static final Logger LOG = LogManager.getLogger(HttpApi.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final Vertx vertx;
    private final Gateway gateway;
    private final ServerConfig config;
    private final RateLimiter joinLimiter;
    private final ClientAddress clientAddress;
    private final Operator operator;
    private final Supplier<String> publicUrl;
    private volatile boolean ready;
    /** Whether this server can take commands now (a cluster member only with a majority). */
    private final java.util.function.BooleanSupplier writable;

    HttpApi(Vertx vertx, Gateway gateway, ServerConfig config, Supplier<String> publicUrl, java.util.function.BooleanSupplier writable) {
        this.writable = writable;
        this.vertx = vertx;
        this.gateway = gateway;
        this.config = config;
        this.joinLimiter = new RateLimiter(config.joinsPerMinute() / 60.0, config.joinsPerMinute());
        this.publicUrl = publicUrl;
        this.clientAddress = new ClientAddress(config.trustedProxies());
        this.operator = new Operator(vertx, gateway, config, clientAddress);
        vertx.setPeriodic(60_000, id -> joinLimiter.sweep());
    }

    void ready() {
        ready = true;
    }

    void install(Router router) {
        router.get("/health").handler(ctx -> {
            if (ready && !writable.getAsBoolean()) {
                // A cluster member cut off from the majority: reads work, commands do not; send people elsewhere.
                json(ctx, 503, "{\"status\":\"DOWN\",\"reason\":\"this cluster member does not see a majority of the members\"}");
            } else if (ready) {
                json(ctx, 200, "{\"status\":\"UP\"}");
            } else {
                json(ctx, 503, "{\"status\":\"STARTING\"}");
            }
        });
        // The protocol's catalogue: commands, events, seats, roles, phases, the permission matrix, addresses.
        String protocol = nl.factorspel.sessions.workshop.Catalogue.toJson().toString();
        router.get("/api/protocol").handler(ctx -> json(ctx, 200, protocol));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .end(gateway.metrics.render(gateway.store().workshopIds().size())));

        // Every body of the API is JSON whatever its content type says (curl --data-binary says a form):
        // the body handler must not read it as form fields, which refuses it before any route sees it.
        router.route("/api/*").handler(ctx -> {
            String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (type != null && !type.regionMatches(true, 0, "application/json", 0, 16)) {
                ctx.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
            }
            ctx.next();
        });
        // Archives of big workshops are the largest bodies; everything else is a deck at most.
        router.post("/api/workshops/import").handler(BodyHandler.create(false).setBodyLimit(64L * 1024 * 1024));
        router.routeWithRegex("/api/(?!workshops/import$).*").handler(BodyHandler.create(false).setBodyLimit(DeckLoader.MAX_DECK_BYTES));
        router.get("/api/decks").handler(this::listDecks);
        router.get("/api/decks/:deckId").handler(this::getDeck);
        new DeckApi(vertx, gateway, config, this).install(router);
        new DeckStudioApi(vertx, gateway).install(router);
        router.post("/api/workshops").handler(ctx -> {
            ApiError refused = operator.openingRefusal(ctx);
            if (refused != null) {
                error(ctx, refused);
                return;
            }
            respond(ctx, 201, parse(ctx), gateway::createWorkshop);
        });
        operator.install(router);
        Exports exports = new Exports(vertx, gateway, this);
        router.post("/api/workshops/import").handler(ctx -> {
            ApiError refused = operator.openingRefusal(ctx);
            if (refused != null) {
                error(ctx, refused);
                return;
            }
            exports.importArchive(ctx);
        });
        exports.install(router);
        new Retention(gateway, this, config.retentionDays()).install(router);
        router.post("/api/join").handler(ctx -> {
            if (!joinLimiter.tryAcquire(clientAddress.of(ctx.request()))) {
                error(ctx, ApiError.of("rate_limited", "too many join attempts from this address; wait a minute"));
                return;
            }
            respond(ctx, 200, parse(ctx), gateway::join);
        });
        router.get("/api/workshops/:id").handler(ctx -> withGrant(ctx, grant -> {
            Gateway.Result r = gateway.view(grant, ctx.pathParam("id"));
            if (r.value() instanceof ObjectNode view) {
                // The address people in the room type, not the one this browser happened to use.
                view.put("joinUrl", publicUrl.get() + "/join.html?code=" + view.path("workshop").path("joinCode").asText());
            }
            result(ctx, 200, r);
        }));
        // Deleting waits for the disk and, in a cluster, for the other members: not on the event loop.
        router.delete("/api/workshops/:id").handler(ctx -> withFacilitator(ctx, grant ->
                vertx.executeBlocking(() -> gateway.deleteWorkshop(grant.workshopId()), false).onComplete(done -> {
                    if (done.failed()) {
                        LOG.error("workshop {} could not be deleted", grant.workshopId(), done.cause());
                        error(ctx, new ApiError(500, "internal", "the workshop could not be deleted; try again"));
                    } else {
                        ctx.response().setStatusCode(204).end();
                    }
                })));
        // The projector link again, for a facilitator on another device than the one that made the workshop.
        router.get("/api/workshops/:id/projector").handler(ctx -> withFacilitator(ctx, grant -> {
            String token = Tokens.projectorTokenFor(bearer(ctx));
            boolean derived = gateway.store().read(grant.workshopId(), w -> Tokens.hash(token).equals(w.state().projectorTokenHash()))
                    .orElse(false);
            if (!derived) {
                error(ctx, ApiError.of("no_projector_link", "this workshop's projector link was not derived from the facilitator's; "
                        + "only the browser that made the workshop knows it"));
                return;
            }
            ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
            out.put("projectorToken", token);
            out.put("projectorUrl", publicUrl.get() + "/projector.html#w=" + grant.workshopId() + "&t=" + token);
            json(ctx, 200, out.toString());
        }));
        // The join link is shown to the whole room anyway, so the projector may draw it too.
        router.get("/api/workshops/:id/qr.svg").handler(ctx -> withGrant(ctx, grant -> {
            if (grant.actor().role() != Role.FACILITATOR && grant.actor().role() != Role.PROJECTOR) {
                error(ctx, ApiError.of("not_allowed", "only the facilitator and the projector show the join code"));
                return;
            }
            String target = ctx.queryParam("for").isEmpty() ? "join" : ctx.queryParam("for").get(0);
            String link;
            if (target.equals("join")) {
                String code = gateway.store().read(grant.workshopId(), w -> w.state().joinCode()).orElse("");
                String table = ctx.queryParam("table").isEmpty() ? "" : "&table=" + ctx.queryParam("table").get(0).replaceAll("[^0-9]", "");
                link = publicUrl.get() + "/join.html?code=" + code + table;
            } else {
                error(ctx, ApiError.of("bad_value", "qr.svg is for=join (the projector link holds a secret and is not drawn)"));
                return;
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "image/svg+xml").end(QrCodes.svg(link));
        }));

        // Anything else under /api is no route of the protocol: a JSON 404, not the web client's HTML page.
        router.route("/api/*").handler(ctx -> error(ctx, ApiError.of("not_found",
                "there is no " + ctx.request().method() + " " + ctx.request().path() + " in the API (docs/protocol.md)")));
        router.route().failureHandler(this::failed);

        StaticHandler files = config.webroot() != null
                ? StaticHandler.create(FileSystemAccess.ROOT, config.webroot().toAbsolutePath().toString())
                : StaticHandler.create("webroot");
        router.route("/*").handler(files.setCachingEnabled(false).setIndexPage("index.html"));
    }

    /**
     * Every request that failed outside our own handlers (a body over the limit, an unreadable request, a
     * bug) answers the protocol's JSON error; only a bug is logged as an error.
     */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        if (ctx.response().headWritten() || ctx.response().closed()) {
            return;
        }
        ApiError error = switch (status) {
            case 400 -> ApiError.of("bad_value", "the request cannot be read");
            case 404 -> ApiError.of("not_found", "there is nothing at " + ctx.request().path());
            case 413 -> ApiError.of("too_large", "the body is larger than this route takes");
            case 429 -> ApiError.of("rate_limited", "too many requests; slow down");
            default -> status >= 500 ? new ApiError(status, "internal", "the request failed on the server; try again")
                    : new ApiError(status, "bad_request", "the request was refused (" + status + ")");
        };
        error(ctx, error);
    }

    private void listDecks(RoutingContext ctx) {
        ArrayNode list = WorkshopJson.MAPPER.createArrayNode();
        for (Deck d : gateway.decks().all()) {
            ObjectNode n = list.addObject();
            n.put("id", d.id());
            n.put("version", d.version());
            n.set("title", WorkshopJson.MAPPER.valueToTree(d.title()));
            n.set("description", WorkshopJson.MAPPER.valueToTree(d.description()));
            n.put("language", d.language());
            n.put("categories", d.categories().size());
            n.put("factors", d.cards().size());
            n.put("cards", d.physicalCards());
            n.put("rounds", d.script().rounds());
            n.put("roundMinutes", d.script().roundMinutes());
            // the other versions of the interview a facilitator may choose when creating a workshop
            ArrayNode scripts = n.putArray("scripts");
            d.otherScripts().forEach(s -> scripts.addObject().put("id", s.id()).set("label", WorkshopJson.MAPPER.valueToTree(s.label())));
        }
        json(ctx, 200, list.toString());
    }

    private void getDeck(RoutingContext ctx) {
        gateway.decks().find(ctx.pathParam("deckId")).ifPresentOrElse(
                d -> json(ctx, 200, WorkshopJson.MAPPER.valueToTree(d).toString()),
                () -> error(ctx, ApiError.of("unknown_deck", "there is no deck \"" + ctx.pathParam("deckId") + "\"")));
    }

    boolean isOperator(RoutingContext ctx) {
        return operator.is(ctx);
    }

    static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    /** Runs the handler with the request's grant for the workshop in the path, or answers the error. */
    void withGrant(RoutingContext ctx, java.util.function.Consumer<Grant> handler) {
        withAccess(ctx, bearer(ctx), access -> admitted(ctx, access, handler));
    }

    /** Runs the handler, on this request's context, with what a token opens once this server can tell (never blocking). */
    void withAccess(RoutingContext ctx, String token, java.util.function.Consumer<Gateway.Access> handler) {
        Context context = vertx.getOrCreateContext();
        gateway.access(token).whenComplete((access, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.error("a token could not be looked up", failure);
                error(ctx, ApiError.notReady());
                return;
            }
            try {
                handler.accept(access);
            } catch (RuntimeException e) {
                ctx.fail(e); // the router's failure handler answers, as for a handler that failed at once
            }
        }));
    }

    private void admitted(RoutingContext ctx, Gateway.Access access, java.util.function.Consumer<Grant> handler) {
        if (access.error() != null) {
            error(ctx, access.error());
            return;
        }
        if (!access.grant().workshopId().equals(ctx.pathParam("id"))) {
            error(ctx, ApiError.of("wrong_workshop", "this token belongs to another workshop"));
            return;
        }
        handler.accept(access.grant());
    }

    void withFacilitator(RoutingContext ctx, java.util.function.Consumer<Grant> handler) {
        withGrant(ctx, grant -> {
            if (grant.actor().role() != Role.FACILITATOR) {
                error(ctx, ApiError.of("not_allowed", "only the facilitator may do this"));
                return;
            }
            handler.accept(grant);
        });
    }

    private JsonNode parse(RoutingContext ctx) {
        try {
            String text = ctx.body().asString("UTF-8");
            return text == null || text.isBlank() ? null : WorkshopJson.MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void respond(RoutingContext ctx, int status, JsonNode body,
                         java.util.function.Function<JsonNode, CompletionStage<Gateway.Result>> action) {
        if (body == null) {
            error(ctx, ApiError.of("bad_value", "the body must be JSON"));
            return;
        }
        java.util.Optional<nl.factorspel.decks.TextRule.Violation> badText = nl.factorspel.decks.TextRule.firstViolation(body);
        if (badText.isPresent()) {
            error(ctx, ApiError.of("bad_value", badText.get().message()));
            return;
        }
        Context context = vertx.getOrCreateContext();
        CompletionStage<Gateway.Result> answer;
        try {
            answer = action.apply(body);
        } catch (RuntimeException e) {
            answer = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((r, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.error("request failed", failure);
                error(ctx, new ApiError(500, "internal", "the request could not be stored; try again"));
            } else {
                result(ctx, status, r);
            }
        }));
    }

    static void result(RoutingContext ctx, int status, Gateway.Result r) {
        if (r.error() != null) {
            error(ctx, r.error());
        } else {
            json(ctx, status, r.value().toString());
        }
    }

    static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
    }

    static void error(RoutingContext ctx, ApiError error) {
        if (error.retryable()) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(ApiError.RETRY_AFTER_SECONDS));
        }
        json(ctx, error.status(), error.body().encode());
    }

    static void bytes(RoutingContext ctx, String contentType, String fileName, byte[] data) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .end(Buffer.buffer(data));
    }
}
