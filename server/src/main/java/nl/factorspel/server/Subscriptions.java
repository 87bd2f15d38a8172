package nl.factorspel.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import nl.factorspel.sessions.store.Grant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * The streams each bridge connection registered for, with the token that registered them, so that a
 * registration the token no longer grants (its participant moved to another table or left, its
 * workshop was deleted) ends at once: nothing more is delivered on it and the client is told with an
 * {@code err} frame ({@code subscription_ended}). The bridge keeps its own consumers out of reach, so
 * an ended registration is filtered where every message to a client passes (the RECEIVE hook).
 */
final class Subscriptions {

    /** One registration: who registered it (token and workshop) and whether it still holds. */
    private static final class Registration {
        final String token;
        final String workshopId;
        volatile boolean ended;

        Registration(String token, String workshopId) {
            this.token = token;
            this.workshopId = workshopId;
        }
    }

    /** A registration that just ended, for the caller to tidy what depends on it (presence). */
    record Ended(SockJSSocket socket, String address) {
    }

    private final Map<SockJSSocket, Map<String, Registration>> bySocket = new ConcurrentHashMap<>();

    void registered(SockJSSocket socket, String address, String token, Grant grant) {
        bySocket.computeIfAbsent(socket, s -> new ConcurrentHashMap<>()).put(address, new Registration(token, grant.workshopId()));
    }

    void unregistered(SockJSSocket socket, String address) {
        Map<String, Registration> own = bySocket.get(socket);
        if (own != null) {
            own.remove(address);
        }
    }

    void closed(SockJSSocket socket) {
        bySocket.remove(socket);
    }

    /** Whether a message on {@code address} may still go to this connection: false once its registration ended. */
    boolean delivers(SockJSSocket socket, String address) {
        Map<String, Registration> own = bySocket.get(socket);
        Registration r = own == null || address == null ? null : own.get(address);
        return r == null || !r.ended;
    }

    /**
     * Checks every registration of one workshop again with {@code stillGranted(token, address)} and ends
     * those it refuses; answers what ended.
     */
    List<Ended> recheck(String workshopId, BiPredicate<String, String> stillGranted) {
        List<Ended> ended = new ArrayList<>();
        bySocket.forEach((socket, own) -> own.forEach((address, r) -> {
            if (!r.ended && r.workshopId.equals(workshopId) && !stillGranted.test(r.token, address)) {
                r.ended = true;
                ended.add(new Ended(socket, address));
                socket.write(endedFrame(address).encode());
            }
        }));
        return ended;
    }

    /** The frame that tells a client its registration ended, in the bridge's own error shape. */
    static JsonObject endedFrame(String address) {
        return new JsonObject().put("type", "err").put("address", address).put("failureCode", 403)
                .put("failureType", "RECIPIENT_FAILURE")
                .put("message", ApiError.of("subscription_ended",
                        "this token no longer grants " + address + " (its participant moved or left, or the workshop is gone)").replyMessage());
    }
}
