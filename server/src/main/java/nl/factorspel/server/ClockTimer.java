package nl.factorspel.server;

import io.vertx.core.Vertx;
import nl.factorspel.sessions.store.Committed;
import nl.factorspel.sessions.store.WorkshopStore;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Clock;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.WorkshopState;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The server's side of the one clock: when a workshop's clock runs out it blows the whistle, and when
 * the workshop has a grace period it ends the round after it. Re-armed after every commit and on start.
 * In a cluster every member keeps the timers, but only the member that decides the workshop's commands
 * (its owner) sends the whistle; the others look again a moment later, in case the owner left.
 */
final class ClockTimer {

    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(ClockTimer.class);

    /** How long a member that does not decide a workshop waits before it looks again whether the whistle went. */
    static final long OWNER_CHECK_MILLIS = 2000;

    private final Vertx vertx;
    private final WorkshopStore store;
    private final Predicate<String> decidesHere;
    private final Map<String, Long> timers = new ConcurrentHashMap<>();

    ClockTimer(Vertx vertx, WorkshopStore store) {
        this(vertx, store, workshopId -> true);
    }

    /** A timer that sends the clock's commands only for the workshops {@code decidesHere} says this member decides. */
    ClockTimer(Vertx vertx, WorkshopStore store, Predicate<String> decidesHere) {
        this.vertx = vertx;
        this.store = store;
        this.decidesHere = decidesHere;
        store.onCommitted(this::onCommitted);
    }

    void armAll() {
        store.workshopIds().forEach(this::arm);
    }

    private void onCommitted(Committed committed) {
        if (committed.events().stream().anyMatch(r -> r.table() == null)) {
            arm(committed.workshopId());
        }
    }

    /** Sets (or clears) the one timer of a workshop from its current state. */
    void arm(String workshopId) {
        store.read(workshopId, w -> w.state()).ifPresent(s -> {
            Long old = timers.remove(workshopId);
            if (old != null) {
                vertx.cancelTimer(old);
            }
            Instant due;
            Command command;
            if (s.clock().status() == Clock.Status.RUNNING) {
                due = s.clock().endsAt();
                command = new Command.ExpireClock();
            } else if (s.clock().status() == Clock.Status.EXPIRED && s.roundOpen() && s.graceSeconds() != null) {
                due = graceEnd(s);
                command = new Command.EndRound();
            } else {
                return;
            }
            long delay = Math.max(1, due.toEpochMilli() - System.currentTimeMillis());
            timers.put(workshopId, vertx.setTimer(delay, id -> {
                timers.remove(workshopId, id);
                if (!decidesHere.test(workshopId)) {
                    timers.put(workshopId, vertx.setTimer(OWNER_CHECK_MILLIS, again -> {
                        timers.remove(workshopId, again);
                        arm(workshopId);
                    }));
                    return;
                }
                // A refusal (a timer a hair early, or the facilitator acting at the same moment) re-arms
                // from the state as it is now; a commit re-arms through onCommitted.
                store.submit(workshopId, null, command, Actor.SYSTEM).whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        LOG.warn("workshop {}: the clock's {} could not be recorded: {}", workshopId,
                                command.getClass().getSimpleName(), failure.toString());
                    } else if (outcome.rejected()) {
                        vertx.runOnContext(v -> arm(workshopId));
                    }
                });
            }));
        });
    }

    /** The end of the grace period, counted from the last whistle. */
    private Instant graceEnd(WorkshopState s) {
        Instant whistle = store.read(s.id(), w -> {
            // The last few workshop events first: the whistle is among them, and in memory even after a restart
            // from a snapshot (older events would be read from disk).
            for (long since : new long[] {Math.max(0, w.seq(null) - 50), 0}) {
                var events = w.eventsSince(null, since);
                for (int i = events.size() - 1; i >= 0; i--) {
                    if (events.get(i).event() instanceof nl.factorspel.sessions.workshop.Event.WhistleBlown) {
                        return events.get(i).at();
                    }
                }
            }
            return null;
        }).orElse(Instant.now());
        return whistle.plusSeconds(s.graceSeconds());
    }

    void cancelAll() {
        timers.values().forEach(vertx::cancelTimer);
        timers.clear();
    }
}
