package nl.factorspel.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.factorspel.sessions.export.ArchiveExport;
import nl.factorspel.sessions.export.CsvExport;
import nl.factorspel.sessions.export.InvalidArchiveException;
import nl.factorspel.sessions.export.PdfExport;
import nl.factorspel.sessions.export.PngExport;
import nl.factorspel.sessions.plenary.PlenarySummary;
import nl.factorspel.sessions.store.Grant;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Workshop;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.factorspel.sessions.workshop.Rejection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The plenary summary and the exports over HTTP. An export works on a private copy of the workshop
 * (replayed from its events under the lock, rendered outside it), so a long PDF never holds up play.
 */
final class Exports {

    private static final Logger LOG = LogManager.getLogger(Exports.class);

    private final Vertx vertx;
    private final Gateway gateway;
    private final HttpApi api;

    Exports(Vertx vertx, Gateway gateway, HttpApi api) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.api = api;
    }

    void install(Router router) {
        router.get("/api/workshops/:id/plenary").handler(ctx -> api.withGrant(ctx, grant -> {
            ApiError notShown = gateway.plenaryRefusal(grant);
            if (notShown != null) {
                HttpApi.error(ctx, notShown);
                return;
            }
            render(ctx, grant, w -> PlenarySummary.of(w).toJson().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "application/json; charset=utf-8", null);
        }));
        router.get("/api/workshops/:id/export.pdf").handler(ctx -> api.withFacilitator(ctx, grant ->
                render(ctx, grant, w -> PdfExport.workshop(w, language(ctx, w), pseudonymise(ctx)), "application/pdf",
                        "factorspel-" + grant.workshopId() + ".pdf")));
        router.get("/api/workshops/:id/export.csv").handler(ctx -> api.withFacilitator(ctx, grant ->
                render(ctx, grant, w -> CsvExport.zip(w, pseudonymise(ctx)), "application/zip",
                        "factorspel-" + grant.workshopId() + "-csv.zip")));
        router.get("/api/workshops/:id/export.zip").handler(ctx -> api.withFacilitator(ctx, grant ->
                render(ctx, grant, w -> CsvExport.zip(w, pseudonymise(ctx)), "application/zip",
                        "factorspel-" + grant.workshopId() + ".zip")));
        router.get("/api/workshops/:id/export/:file").handler(ctx -> api.withFacilitator(ctx, grant -> exportFile(ctx, grant)));
        router.get("/api/workshops/:id/export.json").handler(ctx -> api.withFacilitator(ctx, grant ->
                render(ctx, grant, w -> ArchiveExport.write(w, pseudonymise(ctx)), "application/json; charset=utf-8",
                        "factorspel-" + grant.workshopId() + (pseudonymise(ctx) ? "-pseudonymised" : "") + ".json")));
        router.post("/api/study.zip").handler(this::study);
        router.get("/api/workshops/:id/tables/:table/rounds/:round.pdf").handler(ctx -> api.withGrant(ctx, grant ->
                round(ctx, grant, "application/pdf", "pdf", (w, t, r) -> PdfExport.round(w, t, r, language(ctx, w), pseudonymise(ctx)))));
        router.get("/api/workshops/:id/tables/:table/rounds/:round.png").handler(ctx -> api.withGrant(ctx, grant ->
                round(ctx, grant, "image/png", "png", (w, t, r) -> PngExport.round(w, t, r, language(ctx, w), pseudonymise(ctx)))));
    }

    /** {@code GET /api/workshops/{id}/export/<file>}: one file of the CSV zip on its own, so a spreadsheet or read_csv(url) opens it. */
    private void exportFile(RoutingContext ctx, Grant grant) {
        String name = ctx.pathParam("file");
        if (!CsvExport.FILE_NAMES.contains(name)) {
            HttpApi.error(ctx, ApiError.of("not_found", "the export has no file \"" + name + "\"; it has " + String.join(", ", CsvExport.FILE_NAMES)));
            return;
        }
        String type = name.endsWith(".csv") ? "text/csv; charset=utf-8; header=present" : "text/plain; charset=utf-8";
        render(ctx, grant, w -> CsvExport.file(w, name, pseudonymise(ctx)), type, "factorspel-" + grant.workshopId() + "-" + name);
    }

    /** The most workshops one study request puts together. */
    static final int MAX_STUDY_WORKSHOPS = 100;

    /**
     * {@code POST /api/study.zip} {@code {"workshops":[{"workshopId","token"?}],"pseudonymise"?}}: several
     * workshops of this server as one study. The operator's token opens every workshop; otherwise each
     * workshop needs its facilitator's token beside it.
     */
    private void study(RoutingContext ctx) {
        io.vertx.core.json.JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        io.vertx.core.json.JsonArray list = body == null ? null : body.getValue("workshops") instanceof io.vertx.core.json.JsonArray a ? a : null;
        if (list == null || list.isEmpty()) {
            HttpApi.error(ctx, ApiError.of("bad_value", "the body must be {\"workshops\":[{\"workshopId\",\"token\"}],\"pseudonymise\":false}"));
            return;
        }
        if (list.size() > MAX_STUDY_WORKSHOPS) {
            HttpApi.error(ctx, ApiError.of("too_many", "a study puts at most " + MAX_STUDY_WORKSHOPS + " workshops together"));
            return;
        }
        boolean operator = api.isOperator(ctx);
        // Every token is looked up first (a cluster member may have to bring a workshop in), without waiting on the event loop.
        List<CompletableFuture<Gateway.Access>> accesses = new java.util.ArrayList<>();
        for (Object item : list) {
            String token = item instanceof io.vertx.core.json.JsonObject o && o.getValue("token") instanceof String t ? t : null;
            accesses.add(operator ? CompletableFuture.completedFuture(null) : gateway.access(token).toCompletableFuture());
        }
        io.vertx.core.Context context = vertx.getOrCreateContext();
        io.vertx.core.json.JsonObject request = body;
        CompletableFuture.allOf(accesses.toArray(CompletableFuture[]::new)).whenComplete((v, failure) -> context.runOnContext(x -> {
            if (failure != null) {
                HttpApi.error(ctx, ApiError.notReady());
            } else {
                study(ctx, request, list, operator, accesses.stream().map(CompletableFuture::join).toList());
            }
        }));
    }

    private void study(RoutingContext ctx, io.vertx.core.json.JsonObject body, io.vertx.core.json.JsonArray list, boolean operator,
                       List<Gateway.Access> accesses) {
        List<List<Recorded>> histories = new java.util.ArrayList<>();
        int index = 0;
        for (Object item : list) {
            io.vertx.core.json.JsonObject entry = item instanceof io.vertx.core.json.JsonObject o ? o : null;
            String id = entry == null || !(entry.getValue("workshopId") instanceof String s) ? null : s;
            if (id == null) {
                HttpApi.error(ctx, ApiError.of("bad_value", "each workshop is {\"workshopId\",\"token\"}"));
                return;
            }
            Gateway.Access access = accesses.get(index++);
            if (!operator) {
                if (access.error() != null) {
                    HttpApi.error(ctx, access.error());
                    return;
                }
                if (!access.grant().workshopId().equals(id) || access.grant().actor().role() != nl.factorspel.sessions.workshop.Role.FACILITATOR) {
                    HttpApi.error(ctx, ApiError.of("not_allowed", "workshop " + id + " needs its facilitator's token (or the operator's)"));
                    return;
                }
            }
            Optional<List<Recorded>> events = gateway.store().read(id, Workshop::allEvents);
            if (events.isEmpty()) {
                HttpApi.error(ctx, ApiError.of("unknown_workshop", "there is no workshop " + id));
                return;
            }
            histories.add(events.get());
        }
        boolean pseudonymise = Boolean.TRUE.equals(body.getValue("pseudonymise"));
        vertx.executeBlocking(() -> nl.factorspel.sessions.export.StudyExport.zip(
                histories.stream().map(Workshop::replay).toList(), pseudonymise), false).onComplete(done -> {
            if (done.failed()) {
                Throwable cause = done.cause();
                if (cause instanceof IllegalArgumentException) {
                    HttpApi.error(ctx, ApiError.of("bad_value", cause.getMessage()));
                } else {
                    LOG.error("study export failed", cause);
                    HttpApi.error(ctx, new ApiError(500, "internal", "the study export failed; the workshops are unharmed"));
                }
                return;
            }
            HttpApi.bytes(ctx, "application/zip", "factorspel-study.zip", done.result());
        });
    }


    /** An archive read, checked and given new secrets, with the tokens to hand back. */
    private record Imported(List<Recorded> events, String workshopId, String joinCode, String facilitatorToken,
                            String projectorToken, Map<String, String> participantTokens) {
    }

    /**
     * {@code POST /api/workshops/import}: a JSON archive, refused whole when tampered with, partial or beyond
     * the limits of live commands; imported as a new workshop with its own id, join code and tokens (the
     * archive's token hashes are never used), which the answer carries.
     */
    void importArchive(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        vertx.<Imported>executeBlocking(() -> {
            List<Recorded> read = ArchiveExport.read(body);
            ArchiveExport.checkLimits(read, gateway.limits());
            String facilitatorToken = Tokens.newToken();
            String projectorToken = Tokens.projectorTokenFor(facilitatorToken);
            Map<String, String> tokens = new LinkedHashMap<>();
            Map<String, String> hashes = new LinkedHashMap<>();
            for (String participantId : ArchiveExport.participantIds(read)) {
                String token = Tokens.newToken();
                tokens.put(participantId, token);
                hashes.put(participantId, Tokens.hash(token));
            }
            ArchiveExport.Keys keys = new ArchiveExport.Keys(Tokens.newId(12), Tokens.newJoinCode(), Tokens.hash(facilitatorToken),
                    Tokens.hash(projectorToken), hashes);
            return new Imported(ArchiveExport.withKeys(read, keys), keys.workshopId(), keys.joinCode(), facilitatorToken, projectorToken, tokens);
        }).onComplete(read -> {
            if (read.failed()) {
                Throwable cause = read.cause();
                String message = cause instanceof InvalidArchiveException ? cause.getMessage() : "the archive cannot be read";
                HttpApi.error(ctx, ApiError.of("invalid_archive", message));
                return;
            }
            Imported imported = read.result();
            io.vertx.core.Context context = vertx.getOrCreateContext();
            CompletionStage<Optional<Rejection>> stored;
            try {
                stored = gateway.store().importWorkshop(imported.events());
            } catch (RuntimeException e) {
                stored = CompletableFuture.failedFuture(e);
            }
            stored.whenComplete((rejection, failure) -> context.runOnContext(v -> {
                if (failure != null) {
                    LOG.error("import failed", failure);
                    HttpApi.error(ctx, new ApiError(500, "internal", "the archive could not be stored"));
                } else if (rejection.isPresent()) {
                    HttpApi.error(ctx, ApiError.of(rejection.get()));
                } else {
                    HttpApi.json(ctx, 201, answer(imported).encode());
                }
            }));
        });
    }

    private static JsonObject answer(Imported imported) {
        JsonArray participants = new JsonArray();
        Workshop.replay(imported.events()).state().participants().values().forEach(p -> participants.add(new JsonObject()
                .put("participantId", p.id()).put("name", p.name()).put("table", p.table()).put("seat", p.seat().wire())
                .put("left", p.left()).put("token", imported.participantTokens().get(p.id()))));
        return new JsonObject().put("workshopId", imported.workshopId()).put("joinCode", imported.joinCode())
                .put("facilitatorToken", imported.facilitatorToken()).put("projectorToken", imported.projectorToken())
                .put("participants", participants).put("events", imported.events().size());
    }

    /** Something computed from a workshop's events. */
    @FunctionalInterface
    private interface RoundRender {
        byte[] render(Workshop w, int table, int round) throws Exception;
    }

    private void round(RoutingContext ctx, Grant grant, String contentType, String extension, RoundRender renderer) {
        int table;
        int round;
        try {
            table = Integer.parseInt(ctx.pathParam("table"));
            round = Integer.parseInt(ctx.pathParam("round"));
        } catch (NumberFormatException e) {
            HttpApi.error(ctx, ApiError.of("bad_value", "table and round are numbers"));
            return;
        }
        Integer own = gateway.store().read(grant.workshopId(), w -> Gateway.ownTable(grant, w)).orElse(null);
        if (own != null && own != table) {
            HttpApi.error(ctx, ApiError.of("wrong_table", "you may only see your own table"));
            return;
        }
        Optional<Boolean> exists = gateway.store().read(grant.workshopId(),
                w -> table >= 1 && table <= w.tableCount() && w.table(table).round(round).isPresent());
        if (!exists.orElse(false)) {
            HttpApi.error(ctx, ApiError.of("not_found", "table " + table + " has no round " + round));
            return;
        }
        render(ctx, grant, w -> renderer.render(w, table, round), contentType,
                "factorspel-" + grant.workshopId() + "-table" + table + "-round" + round + "." + extension);
    }

    /** A checked renderer of a private copy of a workshop. */
    @FunctionalInterface
    private interface Render {
        byte[] render(Workshop copy) throws Exception;
    }

    private void render(RoutingContext ctx, Grant grant, Render renderer, String contentType, String fileName) {
        Optional<List<Recorded>> events = gateway.store().read(grant.workshopId(), Workshop::allEvents);
        if (events.isEmpty()) {
            HttpApi.error(ctx, ApiError.of("unknown_workshop", "there is no such workshop"));
            return;
        }
        Callable<byte[]> work = () -> renderer.render(Workshop.replay(events.get()));
        vertx.executeBlocking(work, false).onComplete(done -> {
            if (done.failed()) {
                LOG.error("export of workshop {} failed", grant.workshopId(), done.cause());
                HttpApi.error(ctx, new ApiError(500, "internal", "the export failed; the workshop itself is unharmed"));
                return;
            }
            if (fileName == null) {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(io.vertx.core.buffer.Buffer.buffer(done.result()));
            } else {
                HttpApi.bytes(ctx, contentType, fileName, done.result());
            }
        });
    }

    private static boolean pseudonymise(RoutingContext ctx) {
        return ctx.queryParam("pseudonymise").stream().anyMatch(v -> v.equals("true") || v.equals("1"));
    }

    private static String language(RoutingContext ctx, Workshop w) {
        return ctx.queryParam("language").stream().filter(l -> l.equals("nl") || l.equals("en")).findFirst()
                .orElse(w.state().language());
    }

}
