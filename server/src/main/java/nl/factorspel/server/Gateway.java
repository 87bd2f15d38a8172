package nl.factorspel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DeckLibrary;
import nl.factorspel.sessions.store.Grant;
import nl.factorspel.sessions.store.WorkshopStore;
import nl.factorspel.sessions.workshop.Action;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Catalogue;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Participant;
import nl.factorspel.sessions.workshop.Permissions;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;
import nl.factorspel.sessions.workshop.WorkshopViews;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The thin layer between the outside and the workshops: it checks tokens, turns requests and
 * frames into commands for the store, and shapes what goes back. Both HTTP and the bridge use it.
 */
public final class Gateway {

    private static final Logger LOG = LogManager.getLogger(Gateway.class);

    /** The outcome of a request: a JSON result, or an error. */
    public record Result(JsonNode value, ApiError error, String stream, long seq) {
        static Result ok(JsonNode value) {
            return new Result(value, null, null, 0);
        }

        /**
         * An accepted command's answer, with the stream and seq it reports: the bridge writes the answer to the
         * sender once its connection has had that event ({@code docs/protocol.md}, commands).
         */
        static Result committed(JsonNode value, String stream, long seq) {
            return new Result(value, null, stream, seq);
        }

        static Result fail(ApiError error) {
            return new Result(null, error, null, 0);
        }

        static Result fail(String code, String message) {
            return new Result(null, ApiError.of(code, message), null, 0);
        }
    }

    private final WorkshopStore store;
    private final DeckLibrary decks;
    private final ServerConfig config;
    private final Clock clock;
    final Metrics metrics;

    public Gateway(WorkshopStore store, DeckLibrary decks, ServerConfig config, Clock clock, Metrics metrics) {
        this.store = store;
        this.decks = decks;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    private final java.util.List<java.util.function.Consumer<String>> deletionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Deletes a workshop (by its facilitator or the operator) and tells whoever holds something of it. */
    public boolean deleteWorkshop(String workshopId) {
        boolean deleted = store.delete(workshopId);
        if (deleted) {
            deletionListeners.forEach(l -> l.accept(workshopId));
        }
        return deleted;
    }

    /** Hears the id of every workshop deleted through {@link #deleteWorkshop}. */
    void onDeleted(java.util.function.Consumer<String> listener) {
        deletionListeners.add(listener);
    }

    public WorkshopStore store() {
        return store;
    }

    public DeckLibrary decks() {
        return decks;
    }

    /** The limits every command (and every imported archive) is held to. */
    public nl.factorspel.sessions.workshop.Limits limits() {
        return config.limits();
    }

    /** What a token opens ({@code grant}), or why it opens nothing ({@code error}). */
    public record Access(Grant grant, ApiError error) {
        static Access denied(String code, String message) {
            return new Access(null, ApiError.of(code, message));
        }
    }

    /**
     * What a token opens, or why it opens nothing, once this server can tell: a cluster member that has not
     * caught up with the token's workshop yet brings it in first, and answers {@code not_ready} (retryable)
     * when it cannot in time, never {@code unknown_token}. The stage may complete on any thread.
     */
    public CompletionStage<Access> access(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return CompletableFuture.completedFuture(authenticate(token));
        }
        return ready(store.readyForToken(Tokens.hash(token))).thenApply(ready -> ready ? authenticate(token) : new Access(null, ApiError.notReady()));
    }

    /** A readiness stage that never fails: a failure is "not yet". */
    private static CompletionStage<Boolean> ready(CompletionStage<Boolean> stage) {
        return stage.exceptionally(failure -> {
            LOG.debug("a lookup failed ({}); answering not_ready", failure.toString());
            return false;
        });
    }

    /**
     * What a token opens, or why it opens nothing, from what this server holds now (never waiting). A request
     * from outside goes through {@link #access} first; this is for tokens already admitted.
     */
    public Access authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Access.denied("no_token", "this needs a token (Authorization: Bearer <token>)");
        }
        if (token.length() > 200) {
            return Access.denied("unknown_token", "this token is not known here");
        }
        Optional<Grant> grant = store.grant(Tokens.hash(token));
        if (grant.isEmpty()) {
            Optional<String> damage = store.damage(Tokens.hash(token));
            if (damage.isPresent()) {
                return Access.denied("workshop_damaged", damage.get());
            }
            return Access.denied("unknown_token", "this token is not known here (or its participant has left)");
        }
        Optional<Instant> created = store.read(grant.get().workshopId(), w -> w.state().createdAt());
        if (created.isEmpty()) {
            return Access.denied("unknown_token", "the workshop of this token no longer exists");
        }
        if (created.get().plus(config.tokenLifetime()).isBefore(clock.instant())) {
            return Access.denied("token_expired", "this token has expired");
        }
        return new Access(grant.get(), null);
    }

    /** Opens a workshop with fresh secrets (who may, is {@link Operator#openingRefusal}); the answer carries the facilitator's and projector's tokens. */
    public CompletionStage<Result> createWorkshop(JsonNode body) {
        if (body == null || !body.isObject()) {
            return done(Result.fail("bad_value", "the body must be a JSON object"));
        }
        String deckId = text(body, "deckId");
        Optional<Deck> found = decks.find(deckId);
        if (found.isEmpty()) {
            return done(Result.fail("unknown_deck", "there is no deck \"" + deckId + "\""));
        }
        // The workshop keeps the deck as it is played: with the script the facilitator chose (a research version).
        String scriptId = text(body, "scriptId");
        if (body.has("scriptId") && !body.get("scriptId").isNull() && scriptId == null) {
            return done(Result.fail("bad_value", "scriptId is the id of one of the deck's scripts"));
        }
        Optional<Deck> deck = found.get().withScript(scriptId);
        if (deck.isEmpty()) {
            return done(Result.fail("unknown_script", "deck \"" + deckId + "\" has no script \"" + scriptId + "\""));
        }
        Integer tables = integer(body, "tables");
        Integer minutes = integer(body, "roundMinutes");
        Integer grace = integer(body, "graceSeconds");
        if ((body.has("tables") && tables == null) || (body.has("roundMinutes") && !body.get("roundMinutes").isNull() && minutes == null)
                || (body.has("graceSeconds") && !body.get("graceSeconds").isNull() && grace == null)) {
            return done(Result.fail("bad_value", "tables, roundMinutes and graceSeconds are whole numbers"));
        }
        String workshopId = Tokens.newId(12);
        String joinCode = Tokens.newJoinCode();
        String facilitatorToken = Tokens.newToken();
        String projectorToken = Tokens.projectorTokenFor(facilitatorToken);
        Command.Create create = new Command.Create(workshopId, text(body, "title"), deck.get(), tables, minutes,
                text(body, "language"), grace, joinCode, Tokens.hash(facilitatorToken), Tokens.hash(projectorToken));
        return submit(workshopId, null, create, Actor.facilitator(), null).thenApply(outcome -> {
            if (outcome.rejected()) {
                return Result.fail(ApiError.of(outcome.rejection()));
            }
            LOG.info("workshop {} created: deck {}, {} tables", workshopId, deck.get().id(), tables);
            ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
            out.put("workshopId", workshopId);
            out.put("joinCode", joinCode);
            out.put("facilitatorToken", facilitatorToken);
            out.put("projectorToken", projectorToken);
            return Result.ok(out);
        });
    }

    /** Seats a person who has the join code; the answer carries their own token. */
    public CompletionStage<Result> join(JsonNode body) {
        if (body == null || !body.isObject()) {
            return done(Result.fail("bad_value", "the body must be a JSON object"));
        }
        String text = text(body, "joinCode");
        String code = text == null ? null : text.strip().toUpperCase();
        return ready(store.readyForJoinCode(code)).thenCompose(ready -> ready ? join(body, code) : done(Result.fail(ApiError.notReady())));
    }

    /** Seats a person whose join code this server holds (or that no workshop has). */
    private CompletionStage<Result> join(JsonNode body, String code) {
        Optional<String> workshopId = store.workshopByJoinCode(code);
        if (workshopId.isEmpty()) {
            return done(Result.fail("unknown_join_code", "there is no workshop with this join code"));
        }
        Integer table = integer(body, "table");
        if (body.hasNonNull("table") && table == null) {
            return done(Result.fail("bad_value", "table is a table number"));
        }
        String participantId = Tokens.newId(10);
        String token = Tokens.newToken();
        Command.Join join = new Command.Join(participantId, text(body, "name"), table, text(body, "role"), Tokens.hash(token));
        return submit(workshopId.get(), null, join, new Actor(participantId, Role.INTERVIEWER), null).thenApply(outcome -> {
            if (outcome.rejected()) {
                return Result.fail(ApiError.of(outcome.rejection()));
            }
            Participant p = store.read(workshopId.get(), w -> w.state().participant(participantId).orElseThrow()).orElseThrow();
            LOG.info("participant {} joined workshop {} at table {} as {}", participantId, workshopId.get(), p.table(), p.seat().wire());
            ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
            out.put("workshopId", workshopId.get());
            out.put("participantId", participantId);
            out.put("token", token);
            out.put("table", p.table());
            out.put("role", p.seat().role().wire());
            out.put("seat", p.seat().wire());
            return Result.ok(out);
        });
    }

    /** The workshop as this grant may see it: the room, its tables (all, or its own), and who it is. */
    public Result view(Grant grant, String workshopId) {
        if (!grant.workshopId().equals(workshopId)) {
            return Result.fail("wrong_workshop", "this token belongs to another workshop");
        }
        Instant now = clock.instant();
        return store.read(workshopId, w -> {
            ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
            out.set("workshop", WorkshopViews.workshop(w, now));
            ArrayNode tables = out.putArray("tables");
            Integer own = ownTable(grant, w);
            for (int t = 1; t <= w.tableCount(); t++) {
                if (own == null || own == t) {
                    tables.add(WorkshopViews.table(w, t));
                }
            }
            ObjectNode you = out.putObject("you");
            you.put("role", grant.actor().role().wire());
            you.put("participantId", grant.actor().participantId());
            w.state().participant(grant.actor().participantId()).ifPresent(p -> {
                you.put("name", p.name());
                you.put("table", p.table());
                you.put("seat", p.seat().wire());
                you.put("role", p.seat().role().wire());
            });
            return Result.ok(out);
        }).orElse(Result.fail("unknown_workshop", "there is no workshop \"" + workshopId + "\""));
    }

    /** The one table a participant's token is bound to; null for the facilitator and projector, who see all. */
    static Integer ownTable(Grant grant, Workshop w) {
        Role role = grant.actor().role();
        if (role == Role.FACILITATOR || role == Role.PROJECTOR) {
            return null;
        }
        return w.state().participant(grant.actor().participantId()).map(Participant::table).orElse(-1);
    }

    /** Runs one command from a client. */
    public CompletionStage<Result> command(Grant grant, JsonNode body) {
        metrics.commands.increment();
        long started = System.nanoTime();
        WorkshopJson.Envelope envelope;
        try {
            envelope = WorkshopJson.command(body);
        } catch (WorkshopJson.BadCommand e) {
            return done(rejected(ApiError.of(e.rejection())));
        }
        if (!envelope.workshopId().equals(grant.workshopId())) {
            return done(rejected(ApiError.of("wrong_workshop", "this token belongs to another workshop")));
        }
        if (grant.actor().role() == Role.PROJECTOR) {
            return done(rejected(ApiError.of("not_allowed", "the projector only watches")));
        }
        Integer table = envelope.command() instanceof Command.TableCommand ? envelope.table() : null;
        return submit(envelope.workshopId(), table, envelope.command(), grant.actor(), envelope.commandId()).thenApply(outcome -> {
            metrics.commandNanos.add(System.nanoTime() - started);
            if (outcome.rejected()) {
                return rejected(ApiError.of(outcome.rejection()));
            }
            metrics.events.add(outcome.events().size());
            ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
            out.put("ok", true);
            out.put("seq", outcome.lastSeq());
            if (envelope.commandId() != null) {
                out.put("commandId", envelope.commandId());
            }
            if (outcome.repeated()) {
                out.put("repeated", true);
                return Result.ok(out); // its events went out with the first
            }
            if (outcome.events().isEmpty()) {
                return Result.ok(out);
            }
            return Result.committed(out, Catalogue.streamAddress(envelope.workshopId(), outcome.events().get(0).table()), outcome.lastSeq());
        });
    }

    /** Hands a command to the store; a store that throws instead of answering gives a failed stage, never silence. */
    private CompletionStage<Workshop.Outcome> submit(String workshopId, Integer table, Command command, Actor actor, String commandId) {
        try {
            return store.submit(workshopId, table, command, actor, commandId);
        } catch (RuntimeException e) {
            LOG.error("workshop {}: a {} failed in the store", workshopId, command.getClass().getSimpleName(), e);
            return CompletableFuture.failedFuture(e);
        }
    }

    private Result rejected(ApiError error) {
        metrics.rejected(error.code());
        return Result.fail(error);
    }

    /**
     * Catch-up for a client, once this server holds everything the workshop had committed when asked (a
     * cluster member that cannot yet answers {@code not_ready}); see {@link #sync}.
     */
    public CompletionStage<Result> syncWhenReady(Grant grant, JsonNode body) {
        return ready(store.readyForWorkshop(grant.workshopId())).thenApply(ready -> ready ? sync(grant, body) : Result.fail(ApiError.notReady()));
    }

    /** Catch-up for a client: the events after {@code sinceSeq} of a stream it may read, or a snapshot. */
    public Result sync(Grant grant, JsonNode body) {
        if (body == null || !body.isObject() || !body.path("workshopId").isTextual()) {
            return Result.fail("bad_command", "sync needs {workshopId, table?, sinceSeq}");
        }
        String workshopId = body.get("workshopId").textValue();
        if (!workshopId.equals(grant.workshopId())) {
            return Result.fail("wrong_workshop", "this token belongs to another workshop");
        }
        Integer table = integer(body, "table");
        if (body.hasNonNull("table") && table == null) {
            return Result.fail("bad_value", "table is a table number");
        }
        JsonNode sinceSeq = body.get("sinceSeq");
        if (sinceSeq != null && !sinceSeq.isNull() && !(sinceSeq.isIntegralNumber() && sinceSeq.canConvertToLong())) {
            return Result.fail("bad_value", "sinceSeq is a whole number");
        }
        long since = sinceSeq == null ? 0 : sinceSeq.asLong(0);
        if (table != null) {
            Integer own = store.read(workshopId, w -> ownTable(grant, w)).orElse(null);
            if (own != null && !own.equals(table)) {
                return Result.fail("wrong_table", "you may only follow your own table");
            }
        }
        return store.catchUp(workshopId, table, since).map(c -> {
            ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
            if (c.snapshot() != null) {
                out.set("snapshot", WorkshopJson.MAPPER.valueToTree(c.snapshot()));
            } else {
                ArrayNode events = out.putArray("events");
                c.events().forEach(r -> events.add(WorkshopJson.toWire(r)));
            }
            out.put("seq", c.seq());
            return Result.ok(out);
        }).orElse(Result.fail("unknown_table", "there is no such stream in this workshop"));
    }

    /** Whether a grant may drag a card at a table now: motion is held to the permission of moving a card. */
    public boolean mayDrag(Grant grant, int table) {
        return store.read(grant.workshopId(), w -> w.refusal(table, Action.LAY_CARDS, grant.actor()).isEmpty()).orElse(false);
    }

    /** Why a grant may not read the plenary summary now (it is not shown to participants yet), or null when it may. */
    public ApiError plenaryRefusal(Grant grant) {
        boolean may = store.read(grant.workshopId(), w -> Permissions.maySeePlenary(grant.actor().role(), w.state().phase())).orElse(false);
        return may ? null : ApiError.of("plenary_not_shown", "participants see the plenary once the facilitator shows it (phase plenary, discussion or closed)");
    }

    /** Whether a grant may listen on a bridge address. */
    public boolean mayRegister(Grant grant, String address) {
        String w = grant.workshopId();
        Catalogue.Address parsed = Catalogue.address(address).filter(a -> a.workshopId().equals(w)).orElse(null);
        if (parsed == null) {
            return false;
        }
        if (parsed.table() == null) {
            return true;
        }
        int table = parsed.table();
        return store.read(w, ws -> {
            if (table < 1 || table > ws.tableCount()) {
                return false;
            }
            Integer own = ownTable(grant, ws);
            return own == null || own == table;
        }).orElse(false);
    }

    private static CompletionStage<Result> done(Result r) {
        return CompletableFuture.completedFuture(r);
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    static Integer integer(JsonNode body, String field) {
        return WorkshopJson.wholeNumber(body.get(field));
    }
}
