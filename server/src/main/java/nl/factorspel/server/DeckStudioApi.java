package nl.factorspel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DeckLoader;
import nl.factorspel.decks.DeckProblem;
import nl.factorspel.decks.InvalidDeckException;
import nl.factorspel.sessions.export.DeckPrint;
import nl.factorspel.sessions.workshop.WorkshopJson;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.List;
import java.util.function.BiFunction;

/**
 * What the deck studio asks of the server: the deck validator on a draft (so every problem shows at
 * its field while the facilitator types), and a deck printed to play on paper (cards to cut, the board).
 */
final class DeckStudioApi {

    private static final Logger LOG = LogManager.getLogger(DeckStudioApi.class);

    private final Vertx vertx;
    private final Gateway gateway;

    DeckStudioApi(Vertx vertx, Gateway gateway) {
        this.vertx = vertx;
        this.gateway = gateway;
    }

    void install(Router router) {
        router.post("/api/decks/validate").handler(this::validate);
        router.get("/api/decks/:deckId/print.pdf").handler(ctx -> print(ctx, "cards", DeckPrint::cards));
        router.get("/api/decks/:deckId/board.pdf").handler(ctx -> print(ctx, "board", DeckPrint::board));
    }

    /** {@code POST /api/decks/validate}: 200 {"valid":true,...counts} or {"valid":false,"problems":[{path,message}]}; stores nothing. */
    private void validate(RoutingContext ctx) {
        String text = ctx.body().asString("UTF-8");
        ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
        try {
            Deck deck = DeckLoader.parse("the draft", text == null ? "" : text);
            out.put("valid", true);
            out.put("id", deck.id());
            out.put("version", deck.version());
            out.put("factors", deck.cards().size());
            out.put("cards", deck.physicalCards());
            out.putArray("problems");
        } catch (InvalidDeckException e) {
            out.put("valid", false);
            problems(out, e.problems());
        }
        HttpApi.json(ctx, 200, out.toString());
    }

    /** Adds {@code "problems":[{path,message}]} to a JSON object: the validator's words, as on the command line. */
    static void problems(ObjectNode out, List<DeckProblem> problems) {
        ArrayNode list = out.putArray("problems");
        problems.forEach(p -> list.addObject().put("path", p.path()).put("message", p.message()));
    }

    private void print(RoutingContext ctx, String part, BiFunction<Deck, String, byte[]> render) {
        String deckId = ctx.pathParam("deckId");
        var found = gateway.decks().find(deckId);
        if (found.isEmpty()) {
            HttpApi.error(ctx, ApiError.of("unknown_deck", "there is no deck \"" + deckId + "\""));
            return;
        }
        Deck deck = found.get();
        String language = ctx.queryParam("language").isEmpty() ? deck.language() : ctx.queryParam("language").get(0);
        if (!language.equals("nl") && !language.equals("en")) {
            HttpApi.error(ctx, ApiError.of("bad_value", "language is \"nl\" or \"en\""));
            return;
        }
        vertx.<byte[]>executeBlocking(() -> render.apply(deck, language)).onComplete(done -> {
            if (done.failed()) {
                LOG.error("deck {} could not be printed", deckId, done.cause());
                HttpApi.error(ctx, new ApiError(500, "internal", "the deck could not be printed"));
                return;
            }
            ctx.response().putHeader("Content-Disposition", "inline; filename=\"" + deck.id() + "-" + part + ".pdf\"");
            ctx.response().putHeader("Content-Type", "application/pdf").end(io.vertx.core.buffer.Buffer.buffer(done.result()));
        });
    }
}
