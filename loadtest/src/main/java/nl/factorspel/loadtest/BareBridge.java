package nl.factorspel.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The yardstick: a bare Vert.x SockJS event-bus bridge on the same Vert.x as the server, set up as
 * the server sets up its own (same SockJS options, same HTTP options, same event loops), that
 * permits everything and only relays. No tokens, no validation, no journal: a command is answered
 * {@code {"ok":true,"seq":n}} at once and its body published as the "event" on the table's (or the
 * workshop's) address; motion is published on the table's motion address. Just enough HTTP (create
 * a workshop, join) for the generator to play the same traffic as against Factorspel.
 *
 * <p>{@code java -cp factorspel-loadtest.jar nl.factorspel.loadtest.BareBridge [--host H] [--port P]}
 */
public final class BareBridge {

    private BareBridge() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        String host = "127.0.0.1";
        int port = 8081;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--host")) {
                host = args[++i];
            } else if (args[i].equals("--port")) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: BareBridge [--host 127.0.0.1] [--port 8081]");
                System.exit(2);
            }
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        HttpServer server = start(vertx, host, port).toCompletionStage().toCompletableFuture().get();
        System.out.println("bare bridge ready at http://" + host + ":" + server.actualPort());
    }

    /** Starts the bare bridge on a Vert.x of the caller's (for tests, in-process). */
    public static Future<HttpServer> start(Vertx vertx, String host, int port) {
        Router router = Router.router(vertx);
        SockJSBridgeOptions bridge = new SockJSBridgeOptions()
                .addInboundPermitted(new PermittedOptions().setAddressRegex(".*"))
                .addOutboundPermitted(new PermittedOptions().setAddressRegex(".*"))
                .setPingTimeout(30_000);
        SockJSHandler sockJS = SockJSHandler.create(vertx, new SockJSHandlerOptions()
                .setHeartbeatInterval(10_000)
                .setMaxBytesStreaming(128 * 1024));
        router.route("/eventbus/*").subRouter(sockJS.bridge(bridge));

        Map<String, Long> seqs = new HashMap<>();
        vertx.eventBus().<JsonObject>consumer("fs.command", message -> {
            JsonObject body = message.body();
            String workshopId = body.getString("workshopId", "");
            String address = body.containsKey("table") ? "fs.table." + workshopId + "." + body.getValue("table")
                    : "fs.workshop." + workshopId;
            long seq = seqs.merge(address, 1L, Long::sum);
            vertx.eventBus().publish(address, body);
            message.reply(new JsonObject().put("ok", true).put("seq", seq));
        });
        vertx.eventBus().<JsonObject>consumer("fs.motion", message -> {
            JsonObject body = message.body();
            vertx.eventBus().publish("fs.motion." + body.getString("workshopId", "") + "." + body.getValue("table"), body);
        });
        vertx.eventBus().<JsonObject>consumer("fs.sync", message -> message.reply(new JsonObject().put("events", new io.vertx.core.json.JsonArray()).put("seq", 0)));

        AtomicLong ids = new AtomicLong();
        router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
        router.post("/api/workshops").handler(ctx -> {
            String id = "bare" + ids.incrementAndGet();
            ctx.response().setStatusCode(201);
            ctx.json(new JsonObject().put("workshopId", id).put("joinCode", id.toUpperCase())
                    .put("facilitatorToken", "f-" + id).put("projectorToken", "p-" + id));
        });
        router.post("/api/join").handler(ctx -> {
            JsonObject body = ctx.body().asJsonObject();
            String seat = body.getString("role", "observer");
            String participantId = "u" + ids.incrementAndGet();
            ctx.json(new JsonObject().put("workshopId", body.getString("joinCode", "").toLowerCase()).put("participantId", participantId)
                    .put("token", "t-" + participantId).put("table", body.getInteger("table", 1))
                    .put("role", seat.startsWith("respondent") ? "respondent" : seat).put("seat", seat));
        });

        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setMaxWebSocketFrameSize(65536)
                .setMaxWebSocketMessageSize(65536)
                .setCompressionSupported(true);
        return vertx.createHttpServer(options).requestHandler(router).listen();
    }
}
