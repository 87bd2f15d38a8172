package nl.factorspel.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import nl.factorspel.sessions.workshop.Recorded;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/workshops/{id}/retention}: when the server will delete the workshop. A workshop is
 * deleted after {@code retention-days} days without a change; the facilitator is told the date and keeps
 * it longer with the {@code keepWorkshop} command (any change restarts the count).
 */
final class Retention {

    private final Gateway gateway;
    private final HttpApi api;
    private final int days;

    Retention(Gateway gateway, HttpApi api, int days) {
        this.gateway = gateway;
        this.api = api;
        this.days = days;
    }

    void install(Router router) {
        router.get("/api/workshops/:id/retention").handler(ctx -> api.withFacilitator(ctx, grant -> {
            Optional<Instant> last = gateway.store().read(grant.workshopId(), w -> {
                List<Recorded> events = w.allEvents();
                return events.get(events.size() - 1).at();
            });
            if (last.isEmpty()) {
                HttpApi.error(ctx, ApiError.of("unknown_workshop", "there is no such workshop"));
                return;
            }
            HttpApi.json(ctx, 200, new JsonObject().put("retentionDays", days).put("lastChangeAt", last.get().toString())
                    .put("expiresAt", last.get().plus(Duration.ofDays(days)).toString()).encode());
        }));
    }
}
