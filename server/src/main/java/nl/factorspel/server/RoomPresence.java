package nl.factorspel.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.factorspel.sessions.workshop.Catalogue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Who is online in each workshop, over every member of a cluster: each member tells the others its own
 * part (the people connected to it) on the clustered event bus, and announces the union to its own
 * browsers on {@code fs.presence.<workshopId>}. A member's part goes when it leaves the cluster, or when it
 * has not been told again for {@link #STALE_MILLIS} (a member that died without a word). On one server the
 * union is its own part. All state lives on one context, so it needs no locks.
 *
 * <p>Changes are gathered for {@link #GATHER_MILLIS} before they are told and announced: a list of everyone
 * online goes to everyone in the workshop, so one message per connection would cost the square of the room
 * for every person who joins, and the cube of it when a whole member's people reconnect at once (a failover,
 * a wifi hiccup). Gathered, a burst of reconnections is a few messages.
 */
final class RoomPresence {

    /** Where members tell each other their parts; not an address the bridge lets browsers use. */
    static final String PARTS = "factorspel.presence.parts";
    /** Every member tells all its parts again this often, so a member that joins later hears them. */
    static final long REFRESH_MILLIS = 5000;
    /** A part not told again for this long belongs to a member that went away without a word. */
    static final long STALE_MILLIS = 16_000;
    /** How long changes are gathered before they are told to the members and announced to the browsers. */
    static final long GATHER_MILLIS = 200;

    /** One member's people online in one workshop, and when that member last said so. */
    private record Part(Set<String> online, long heardAt) {
    }

    private final Vertx vertx;
    private final String member;
    /** Where this member's browsers hear the union. */
    private Bridge bridge;
    private Context context;
    /** This member's own people per workshop, as it last told them. */
    private final Map<String, Set<String>> mine = new HashMap<>();
    /** Every member's part per workshop (this member's too, as heard back from the bus). */
    private final Map<String, Map<String, Part>> parts = new HashMap<>();
    /** The last message number heard from each member: an older message is stale. */
    private final Map<String, Long> lastHeard = new HashMap<>();
    private long told;
    /** This member's workshops whose part changed and has not been told yet. */
    private final Set<String> untold = new HashSet<>();
    /** Workshops whose union changed and has not been announced yet. */
    private final Set<String> unannounced = new HashSet<>();

    /** {@code member} names this member in the cluster (its Hazelcast member id), or anything unique on one server. */
    RoomPresence(Vertx vertx, String member) {
        this.vertx = vertx;
        this.member = member == null ? UUID.randomUUID().toString() : member;
    }

    void announceThrough(Bridge bridge) {
        this.bridge = bridge;
    }

    void start() {
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            vertx.eventBus().<JsonObject>consumer(PARTS, this::heard);
            vertx.setPeriodic(REFRESH_MILLIS, id -> refresh());
        });
    }

    /** This member's people online in a workshop changed: tell every member. */
    void changed(String workshopId, Set<String> online) {
        Set<String> now = Set.copyOf(online);
        try {
            context.runOnContext(v -> {
                if (now.isEmpty()) {
                    mine.remove(workshopId);
                } else {
                    mine.put(workshopId, now);
                }
                gather(untold, workshopId, this::tellChanged);
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // The server is stopping and its sockets close after its event loops: nobody is left to tell.
        }
    }

    /** Tells the members this member's parts that changed, as they are now. */
    private void tellChanged(List<String> changed) {
        JsonObject byWorkshop = new JsonObject();
        for (String w : changed) {
            byWorkshop.put(w, new JsonArray(List.copyOf(mine.getOrDefault(w, Set.of()))));
        }
        tell(byWorkshop, false);
    }

    /** Adds a workshop to {@code pending}; the first one of a moment starts the wait, after which all of them go to {@code then}. */
    private void gather(Set<String> pending, String workshopId, Consumer<List<String>> then) {
        if (pending.isEmpty()) {
            vertx.setTimer(GATHER_MILLIS, id -> {
                List<String> due = List.copyOf(pending);
                pending.clear();
                then.accept(due);
            });
        }
        pending.add(workshopId);
    }

    /** A member left the cluster: its people are gone. */
    void memberLeft(String leftMember) {
        context.runOnContext(v -> {
            lastHeard.remove(leftMember);
            for (Map.Entry<String, Map<String, Part>> w : List.copyOf(parts.entrySet())) {
                if (w.getValue().remove(leftMember) != null) {
                    announce(w.getKey());
                }
            }
        });
    }

    /** {@code whole}: the parts are all this member has (a workshop not named has nobody here). */
    private void tell(JsonObject byWorkshop, boolean whole) {
        vertx.eventBus().publish(PARTS, new JsonObject().put("member", member).put("n", ++told).put("whole", whole).put("parts", byWorkshop));
    }

    private void refresh() {
        JsonObject all = new JsonObject();
        mine.forEach((w, online) -> all.put(w, new JsonArray(List.copyOf(online))));
        tell(all, true);
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Map<String, Part>> w : List.copyOf(parts.entrySet())) {
            if (w.getValue().values().removeIf(p -> now - p.heardAt() > STALE_MILLIS)) {
                announce(w.getKey());
            }
        }
    }

    private void heard(Message<JsonObject> message) {
        JsonObject body = message.body();
        String from = body.getString("member");
        long n = body.getLong("n", 0L);
        if (from == null || n <= lastHeard.getOrDefault(from, 0L)) {
            return;
        }
        lastHeard.put(from, n);
        long now = System.currentTimeMillis();
        JsonObject told = body.getJsonObject("parts", new JsonObject());
        Set<String> touched = new HashSet<>(told.fieldNames());
        boolean whole = body.getBoolean("whole", false);
        if (whole) {
            parts.forEach((w, byMember) -> {
                if (!told.containsKey(w) && byMember.remove(from) != null) {
                    touched.add(w);
                }
            });
        }
        for (String w : told.fieldNames()) {
            Set<String> online = new HashSet<>();
            told.getJsonArray(w).forEach(p -> online.add(String.valueOf(p)));
            Map<String, Part> byMember = parts.computeIfAbsent(w, k -> new HashMap<>());
            Part before = byMember.get(from);
            if (online.isEmpty()) {
                byMember.remove(from);
            } else {
                byMember.put(from, new Part(online, now));
            }
            if (whole && before != null && before.online().equals(online)) {
                touched.remove(w); // a refresh that changes nothing is not announced again
            }
        }
        touched.forEach(this::announce);
    }

    /** Announces a workshop's union to this member's browsers once the changes of the moment are in. */
    private void announce(String workshopId) {
        gather(unannounced, workshopId, due -> due.forEach(this::announceNow));
    }

    /** Tells this member's browsers of a workshop who is online in it, on every member. */
    private void announceNow(String workshopId) {
        Map<String, Part> byMember = parts.getOrDefault(workshopId, Map.of());
        Set<String> online = new TreeSet<>();
        byMember.values().forEach(p -> online.addAll(p.online()));
        if (byMember.isEmpty()) {
            parts.remove(workshopId);
        }
        String address = Catalogue.presenceAddress(workshopId);
        com.fasterxml.jackson.databind.node.ObjectNode body = nl.factorspel.sessions.workshop.WorkshopJson.MAPPER.createObjectNode()
                .put("type", "presence");
        online.forEach(body.putArray("online")::add);
        bridge.publishHere(address, Bridge.recFrame(address, body), -1);
    }
}
