package nl.factorspel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DeckLibrary;
import nl.factorspel.decks.DeckLoader;
import nl.factorspel.decks.InvalidDeckException;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.WorkshopJson;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deck uploads and a workshop's own deck over HTTP. A new deck id is taken by whoever uploads it first
 * (a facilitator or the operator), who gets an edit token; replacing it needs that token or the operator's.
 * Bundled decks are read-only. A workshop keeps the deck it was created with (it is in its first event)
 * and serves it at {@code /api/workshops/{id}/deck}, whatever happens to the deck of that id later.
 */
final class DeckApi {

    private static final Logger LOG = LogManager.getLogger(DeckApi.class);
    /** Next to {@code <id>.json} in the decks folder: the SHA-256 of the deck's edit token. */
    private static final String EDIT_TOKEN_SUFFIX = ".edit-token-hash";

    private final Vertx vertx;
    private final Gateway gateway;
    private final ServerConfig config;
    private final HttpApi api;
    private final Set<String> bundled;

    DeckApi(Vertx vertx, Gateway gateway, ServerConfig config, HttpApi api) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.config = config;
        this.api = api;
        this.bundled = DeckLibrary.bundled().all().stream().map(Deck::id).collect(Collectors.toUnmodifiableSet());
    }

    void install(Router router) {
        router.post("/api/decks").handler(this::upload);
        router.get("/api/workshops/:id/deck").handler(ctx -> api.withGrant(ctx, grant ->
                gateway.store().read(grant.workshopId(), w -> WorkshopJson.MAPPER.valueToTree(w.state().deck()).toString()).ifPresentOrElse(
                        deck -> HttpApi.json(ctx, 200, deck),
                        () -> HttpApi.error(ctx, ApiError.of("unknown_workshop", "there is no workshop \"" + grant.workshopId() + "\"")))));
    }

    private void upload(RoutingContext ctx) {
        // The body is the deck whatever the content type says: curl --data-binary sends a form type.
        String text = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
        Deck deck;
        try {
            deck = DeckLoader.parse("the uploaded deck", text);
        } catch (InvalidDeckException e) {
            ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
            ObjectNode err = out.putObject("error");
            err.put("code", "invalid_deck");
            err.put("message", "the deck has " + e.problems().size() + " problem(s); none of it was loaded");
            ArrayNode problems = err.putArray("problems");
            e.problems().forEach(p -> problems.addObject().put("path", p.path()).put("message", p.message()));
            HttpApi.json(ctx, 400, out.toString());
            return;
        }
        if (bundled.contains(deck.id())) {
            HttpApi.error(ctx, ApiError.of("not_allowed", "deck \"" + deck.id() + "\" comes with Factorspel and cannot be replaced; "
                    + "upload your version under another id"));
            return;
        }
        Optional<Deck> known = gateway.decks().find(deck.id());
        vertx.<Optional<String>>executeBlocking(() -> readEditTokenHash(deck.id())).onComplete(read -> {
            if (read.failed()) {
                LOG.error("the edit token of deck {} could not be read", deck.id(), read.cause());
                HttpApi.error(ctx, new ApiError(500, "internal", "the deck could not be checked"));
                return;
            }
            if (known.isPresent()) {
                replace(ctx, deck, known.get(), read.result(), text);
            } else {
                create(ctx, deck, text);
            }
        });
    }

    /** A deck id nobody has uploaded yet: a facilitator's or the operator's, who gets its edit token. */
    private void create(RoutingContext ctx, Deck deck, String text) {
        if (api.isOperator(ctx)) {
            createAllowed(ctx, deck, text);
            return;
        }
        api.withAccess(ctx, HttpApi.bearer(ctx), access -> {
            if (access.error() != null) {
                HttpApi.error(ctx, access.error());
                return;
            }
            if (access.grant().actor().role() != Role.FACILITATOR) {
                HttpApi.error(ctx, ApiError.of("not_allowed", "only a facilitator or the operator uploads decks"));
                return;
            }
            if (config.createRequiresToken()) {
                HttpApi.error(ctx, ApiError.of("not_allowed", "on this server only the operator uploads decks"));
                return;
            }
            createAllowed(ctx, deck, text);
        });
    }

    private void createAllowed(RoutingContext ctx, Deck deck, String text) {
        String editToken = Tokens.newToken();
        save(ctx, deck, text, Tokens.hash(editToken), 201,
                "{\"id\":\"" + deck.id() + "\",\"version\":" + deck.version() + ",\"editToken\":\"" + editToken + "\"}");
    }

    /** A deck uploaded before: only its edit token (or the operator's) replaces it, with the same or a higher version. */
    private void replace(RoutingContext ctx, Deck deck, Deck known, Optional<String> editTokenHash, String text) {
        String bearer = HttpApi.bearer(ctx);
        boolean owner = bearer != null && editTokenHash.isPresent()
                && MessageDigest.isEqual(Tokens.hash(bearer).getBytes(StandardCharsets.UTF_8), editTokenHash.get().getBytes(StandardCharsets.UTF_8));
        if (!owner && !api.isOperator(ctx)) {
            HttpApi.error(ctx, ApiError.of("not_allowed", "deck \"" + deck.id() + "\" is here already; replacing it needs its edit token "
                    + "(the answer to its first upload) or the operator token"));
            return;
        }
        if (known.version() > deck.version()) {
            HttpApi.error(ctx, ApiError.of("older_version", "deck \"" + deck.id() + "\" is here in version " + known.version()
                    + " already; upload a higher version to replace it"));
            return;
        }
        save(ctx, deck, text, editTokenHash.orElse(null), 200, "{\"id\":\"" + deck.id() + "\",\"version\":" + deck.version() + "}");
    }

    private Optional<String> readEditTokenHash(String deckId) throws java.io.IOException {
        Path file = config.decksDir().resolve(deckId + EDIT_TOKEN_SUFFIX);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
    }

    /** Writes the edit token's hash (when there is one) and then the deck, each atomically, and takes the deck in. */
    private void save(RoutingContext ctx, Deck deck, String text, String editTokenHash, int status, String answer) {
        vertx.<Void>executeBlocking(() -> {
            Files.createDirectories(config.decksDir());
            if (editTokenHash != null) {
                write(config.decksDir().resolve(deck.id() + EDIT_TOKEN_SUFFIX), editTokenHash);
            }
            write(config.decksDir().resolve(deck.id() + ".json"), text);
            return null;
        }).onComplete(done -> {
            if (done.failed()) {
                LOG.error("deck {} could not be saved", deck.id(), done.cause());
                HttpApi.error(ctx, new ApiError(500, "internal", "the deck could not be saved"));
                return;
            }
            gateway.decks().add(deck);
            LOG.info("deck {} version {} uploaded", deck.id(), deck.version());
            HttpApi.json(ctx, status, answer);
        });
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
