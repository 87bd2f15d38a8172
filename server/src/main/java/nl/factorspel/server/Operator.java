package nl.factorspel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What the server's operator (the holder of {@code operator-token}) may do, and who may open a new
 * workshop: creation and import both pass {@link #openingRefusal}. The operator lists and deletes
 * workshops at {@code /api/admin/workshops}.
 */
final class Operator {

    private final Vertx vertx;
    private final Gateway gateway;
    private final ServerConfig config;
    private final ClientAddress clientAddress;
    private final RateLimiter openings;

    Operator(Vertx vertx, Gateway gateway, ServerConfig config, ClientAddress clientAddress) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.config = config;
        this.clientAddress = clientAddress;
        this.openings = new RateLimiter(config.creationsPerHour() / 3600.0, config.creationsPerHour());
        vertx.setPeriodic(600_000, id -> openings.sweep());
    }

    /** Whether the request carries the operator token (compared in constant time). */
    boolean is(RoutingContext ctx) {
        String token = HttpApi.bearer(ctx);
        return config.operatorToken() != null && token != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), config.operatorToken().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Why this request may not open a new workshop (create or import), or null when it may: only the operator
     * when {@code create-requires-token}; at most {@code creations-per-hour} per client address (the operator
     * is not counted); never beyond {@code max-workshops}.
     */
    ApiError openingRefusal(RoutingContext ctx) {
        boolean operator = is(ctx);
        if (config.createRequiresToken() && !operator) {
            return ApiError.of("not_allowed", "on this server only the operator opens workshops (Authorization: Bearer <operator token>)");
        }
        if (!operator && !openings.tryAcquire(clientAddress.of(ctx.request()))) {
            return ApiError.of("rate_limited", "at most " + config.creationsPerHour() + " new workshops an hour from one address; try again later");
        }
        if (gateway.store().workshopIds().size() >= config.maxWorkshops()) {
            return ApiError.of("too_many_workshops", "this server holds " + config.maxWorkshops() + " workshops already");
        }
        return null;
    }

    void install(Router router) {
        router.get("/api/admin/workshops").handler(ctx -> asOperator(ctx, () -> {
            ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
            out.set("workshops", list());
            HttpApi.json(ctx, 200, out.toString());
        }));
        router.delete("/api/admin/workshops/:id").handler(ctx -> asOperator(ctx, () ->
                vertx.executeBlocking(() -> gateway.deleteWorkshop(ctx.pathParam("id")), false).onComplete(done -> {
                    if (done.failed()) {
                        HttpApi.error(ctx, new ApiError(500, "internal", "the workshop could not be deleted; try again"));
                    } else if (done.result()) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        HttpApi.error(ctx, ApiError.of("unknown_workshop", "there is no workshop \"" + ctx.pathParam("id") + "\""));
                    }
                })));
    }

    private void asOperator(RoutingContext ctx, Runnable handler) {
        if (config.operatorToken() == null) {
            HttpApi.error(ctx, ApiError.of("not_allowed", "this server has no operator token (setting operator-token)"));
        } else if (HttpApi.bearer(ctx) == null) {
            HttpApi.error(ctx, ApiError.of("no_token", "this needs the operator token (Authorization: Bearer <token>)"));
        } else if (!is(ctx)) {
            HttpApi.error(ctx, ApiError.of("unknown_token", "this is not the operator token"));
        } else {
            handler.run();
        }
    }

    /** Every workshop on this server, in brief: enough to recognise it, never its texts or tokens. */
    private ArrayNode list() {
        ArrayNode list = WorkshopJson.MAPPER.createArrayNode();
        for (String id : gateway.store().workshopIds()) {
            gateway.store().read(id, w -> {
                ObjectNode n = list.addObject();
                n.put("workshopId", id);
                n.put("title", w.state().title());
                n.put("deckId", w.state().deck().id());
                n.put("createdAt", w.state().createdAt().toString());
                n.put("phase", w.state().phase().wire());
                n.put("round", w.state().round());
                n.put("tables", w.tableCount());
                n.put("participants", w.state().participants().values().stream().filter(p -> !p.left()).count());
                return n;
            });
        }
        return list;
    }
}
