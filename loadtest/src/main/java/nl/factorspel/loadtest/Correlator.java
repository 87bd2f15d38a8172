package nl.factorspel.loadtest;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Matches what arrives to what was sent. A message's key is the address it travels on, its kind, and
 * the {@code commandId} the sender gave the command: our server puts it on every event the command
 * produced, and the bare bridge relays the command body with it as it is. Drag motion has no command
 * id; its key is the drag position {@code y} (a random double). The sender registers the key with the
 * number of other clients that should hear it; each arrival at another client is one latency sample;
 * what never arrives is lost.
 */
final class Correlator {

    /** Commands and events, by their {@code type}, to the message kind they are measured under. */
    static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("placeCard", "placeCard"), Map.entry("cardPlaced", "placeCard"),
            Map.entry("moveCard", "moveCard"), Map.entry("cardMoved", "moveCard"),
            Map.entry("removeCard", "removeCard"), Map.entry("cardRemoved", "removeCard"),
            Map.entry("explainCard", "explainCard"), Map.entry("cardExplained", "explainCard"),
            Map.entry("annotate", "annotate"), Map.entry("annotationAdded", "annotate"),
            Map.entry("writeNote", "writeNote"), Map.entry("noteWritten", "writeNote"),
            Map.entry("setQuestion", "setQuestion"), Map.entry("questionSet", "setQuestion"),
            Map.entry("startRound", "startRound"), Map.entry("roundStarted", "startRound"),
            Map.entry("endRound", "endRound"), Map.entry("roundEnded", "endRound"));

    static final class Pending {
        final String kind;
        final String sender;
        final long sentNanos;
        final boolean measured;
        final boolean toConsole;
        final AtomicInteger remaining;
        /** Set on the sender's event loop when the sender's own copy of the event arrived (before or after its answer). */
        volatile boolean senderHeard;
        /** Arrivals still to come before the key is let go: the other clients', and the sender's own if it waits for it. */
        final AtomicInteger held;

        Pending(String kind, String sender, long sentNanos, boolean measured, int recipients, boolean toConsole, boolean senderHears) {
            this.kind = kind;
            this.sender = sender;
            this.sentNanos = sentNanos;
            this.measured = measured;
            this.toConsole = toConsole;
            this.remaining = new AtomicInteger(recipients);
            this.held = new AtomicInteger(recipients + (senderHears ? 1 : 0));
        }
    }

    private final Stats stats;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** In a cluster run: the member (0-based) each client is connected to now, by client name. */
    final Map<String, Integer> memberByName = new ConcurrentHashMap<>();

    Correlator(Stats stats) {
        this.stats = stats;
    }

    /** The key of a message on an address (a command body with its stream's address, or an event), or null. */
    static String key(String address, JsonObject body) {
        if (body == null) {
            return null;
        }
        if (address.startsWith("fs.motion.")) {
            Object y = body.getValue("y");
            return y instanceof Number n ? address + "|motion|" + n.doubleValue() : null;
        }
        String kind = KINDS.get(body.getString("type"));
        String commandId = body.getString("commandId");
        return kind == null || commandId == null ? null : address + "|" + kind + "|" + commandId;
    }

    /** Registers a send; {@code recipients} counts the other clients listening on its address. */
    Pending expect(String key, String kind, String sender, long sentNanos, int recipients, boolean toConsole) {
        return expect(key, kind, sender, sentNanos, recipients, toConsole, false);
    }

    /**
     * Registers a send whose sender follows the address too ({@code senderHears}): the key is kept until the
     * sender's own copy arrived as well, so {@link Pending#senderHeard} tells whether it came before the answer.
     */
    Pending expect(String key, String kind, String sender, long sentNanos, int recipients, boolean toConsole, boolean senderHears) {
        Pending p = new Pending(kind, sender, sentNanos, stats.measuring, recipients, toConsole, senderHears);
        if (p.held.get() > 0 && pending.put(key, p) != null) {
            stats.keyCollisions.increment();
        }
        return p;
    }

    /** The send was refused: its event will never come. */
    void forget(String key, Pending p) {
        pending.remove(key, p);
    }

    /** One client received one event. */
    void arrived(SockJsClient receiver, boolean console, String address, JsonObject body, long arrivedNanos) {
        stats.deliveries.increment();
        if (stats.measuring) {
            stats.measuredDeliveries.increment();
        }
        String key = key(address, body);
        Pending p = key == null ? null : pending.get(key);
        if (p == null) {
            stats.unmatched.increment();
            return;
        }
        if (p.sender.equals(receiver.name)) {
            p.senderHeard = true;
            release(key, p);
            return;
        }
        if (p.measured) {
            long latency = arrivedNanos - p.sentNanos;
            stats.sample(p.kind, p.sentNanos, latency);
            Integer from = memberByName.get(p.sender);
            Integer to = memberByName.get(receiver.name);
            if (from != null && to != null && Play.TABLE_KINDS.contains(p.kind)) {
                stats.path(from, to).add(latency);
            }
            if (console) {
                stats.console.add(latency);
            }
        }
        p.remaining.decrementAndGet();
        release(key, p);
    }

    private void release(String key, Pending p) {
        if (p.held.decrementAndGet() == 0) {
            pending.remove(key, p);
        }
    }

    /** Expected deliveries that have not arrived: {measured, all}. */
    long[] missing() {
        long measured = 0;
        long all = 0;
        for (Pending p : pending.values()) {
            int r = Math.max(0, p.remaining.get());
            all += r;
            if (p.measured) {
                measured += r;
            }
        }
        return new long[]{measured, all};
    }

    /** Missing deliveries by kind (for the report when something was lost). */
    JsonObject missingByKind() {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        for (Pending p : pending.values()) {
            if (p.remaining.get() > 0) {
                byKind.merge(p.kind, (long) p.remaining.get(), Long::sum);
            }
        }
        JsonObject out = new JsonObject();
        byKind.forEach(out::put);
        return out;
    }

    int outstanding() {
        return pending.size();
    }
}
