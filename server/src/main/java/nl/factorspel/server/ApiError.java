package nl.factorspel.server;

import io.vertx.core.json.JsonObject;
import nl.factorspel.sessions.workshop.Rejection;

import java.util.Map;

/** A refusal as it goes out: an HTTP status with {@code {"error":{"code","message"}}}, or a failed bridge reply. */
public record ApiError(int status, String code, String message) {

    /** The code of an answer this server does not know yet (a cluster member catching up): ask again. */
    public static final String NOT_READY = "not_ready";
    /** How long a client waits before it asks again after {@code not_ready} ({@code Retry-After}, and {@code retryAfter} in the body). */
    public static final int RETRY_AFTER_SECONDS = 1;

    /** The HTTP status each rejection code maps to; anything not listed is a conflict with the state (409). */
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("bad_command", 400), Map.entry("unknown_command", 400), Map.entry("bad_value", 400),
            Map.entry("text_too_long", 400), Map.entry("empty_text", 400), Map.entry("unknown_card", 400),
            Map.entry("unknown_copy", 400), Map.entry("unknown_question", 400), Map.entry("unknown_profile", 400),
            Map.entry("unknown_outcome", 400), Map.entry("unknown_prompt", 400), Map.entry("same_card", 400),
            Map.entry("invalid_deck", 400), Map.entry("invalid_archive", 400), Map.entry("no_token", 401), Map.entry("unknown_token", 401),
            Map.entry("token_expired", 401), Map.entry("not_allowed", 403), Map.entry("wrong_table", 403),
            Map.entry("wrong_workshop", 403), Map.entry("subscription_ended", 403), Map.entry("plenary_not_shown", 403), Map.entry("unknown_workshop", 404), Map.entry("unknown_table", 404),
            Map.entry("unknown_participant", 404), Map.entry("unknown_placement", 404), Map.entry("unknown_link", 404),
            Map.entry("unknown_deck", 404), Map.entry("unknown_script", 400), Map.entry("unknown_join_code", 404), Map.entry("not_found", 404),
            Map.entry("no_projector_link", 404), Map.entry("storage_failed", 503),
            Map.entry("too_large", 413), Map.entry("rate_limited", 429), Map.entry("too_many_workshops", 429),
            Map.entry("not_recordable", 400), Map.entry("workshop_damaged", 503), Map.entry(NOT_READY, 503));

    /** The retryable answer of a server that cannot tell yet: never a refusal. */
    public static ApiError notReady() {
        return of(NOT_READY, "this server is still catching up with the cluster; try again in a moment");
    }

    /** Whether the client should ask again (and after how long: {@link #RETRY_AFTER_SECONDS}). */
    public boolean retryable() {
        return NOT_READY.equals(code);
    }

    public static ApiError of(Rejection r) {
        return new ApiError(STATUS.getOrDefault(r.code(), 409), r.code(), r.message());
    }

    public static ApiError of(String code, String message) {
        return new ApiError(STATUS.getOrDefault(code, 409), code, message);
    }

    public JsonObject body() {
        return new JsonObject().put("error", fields());
    }

    /** The message of a failed bridge reply: JSON {@code {code,message}} ({@code retryAfter} in seconds when retryable). */
    public String replyMessage() {
        return fields().encode();
    }

    private JsonObject fields() {
        JsonObject fields = new JsonObject().put("code", code).put("message", message);
        if (retryable()) {
            fields.put("retryAfter", RETRY_AFTER_SECONDS);
        }
        return fields;
    }
}
