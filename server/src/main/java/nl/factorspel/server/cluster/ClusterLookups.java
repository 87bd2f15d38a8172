package nl.factorspel.server.cluster;

import com.hazelcast.map.IMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Makes this member's copy able to answer for a token, a join code or a catch-up, as futures that never
 * hold a thread: what the cluster's index ({@code factorspel.grants}, {@code factorspel.joinCodes}) names
 * and this member has not folded yet is followed up to the cluster's head first. The answer is true once
 * this member's copy answers as the cluster would, false when it cannot tell within {@link #PATIENCE_MILLIS}
 * (the caller answers a retryable {@code not_ready}, never an unknown token).
 */
final class ClusterLookups {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);

    /** How long a lookup may wait for the cluster before it answers "not yet". */
    static final long PATIENCE_MILLIS = 3000;
    /** How soon a lookup looks again when the index names a workshop whose new record has not reached its head yet. */
    private static final long AGAIN_MILLIS = 50;

    private final MemberWorkshops members;
    private final ClusterLog log;
    private final Follower follower;
    private final Executor pool;
    /** The workshops this member has caught up with since it started; it follows them live from then on. */
    private final Set<String> caughtUpSinceStart = ConcurrentHashMap.newKeySet();

    ClusterLookups(MemberWorkshops members, ClusterLog log, Follower follower, Executor pool) {
        this.members = members;
        this.log = log;
        this.follower = follower;
        this.pool = pool;
    }

    CompletionStage<Boolean> token(String tokenHash) {
        return indexed(log.grants, tokenHash, () -> members.index.grant(tokenHash).map(g -> g.workshopId()));
    }

    CompletionStage<Boolean> joinCode(String joinCode) {
        return indexed(log.joinCodes, joinCode, () -> members.index.workshopByJoinCode(joinCode));
    }

    /** Whether this member holds durably what the cluster had committed of a workshop when asked. */
    CompletionStage<Boolean> workshop(String workshopId) {
        MemberSlot slot = members.slots.get(workshopId);
        if (slot == null || members.quarantined.contains(workshopId)) {
            return CompletableFuture.completedFuture(true); // this member's answer (unknown, damaged) is the cluster's
        }
        return caughtUp(slot, deadline()).handleAsync((done, failure) -> {
            if (failure == null) {
                return done;
            }
            if (timedOut(failure)) {
                return false;
            }
            // The cluster cannot be read (a member cut off from the majority): answer from this member's copy.
            LOG.debug("workshop {}: answering from this member's copy ({})", workshopId, failure.toString());
            return true;
        }, pool);
    }

    /**
     * Known here: this member answers. Otherwise the cluster's index says whether anyone knows it; if a
     * workshop does, this member follows it until it knows it too.
     */
    private CompletionStage<Boolean> indexed(IMap<String, String> index, String key, Supplier<Optional<String>> workshopHere) {
        if (key == null) {
            return CompletableFuture.completedFuture(true);
        }
        BooleanSupplier knownHere = () -> workshopHere.get().isPresent();
        Optional<MemberSlot> here = workshopHere.get().map(members.slots::get);
        if (here.isPresent()) {
            return behind(here.get());
        }
        if (knownHere.getAsBoolean()) {
            return CompletableFuture.completedFuture(true);
        }
        if (!members.ready || members.closed) {
            return CompletableFuture.completedFuture(false);
        }
        long deadline = deadline();
        return index.getAsync(key).toCompletableFuture()
                .thenComposeAsync(id -> id == null || members.quarantined.contains(id) ? CompletableFuture.completedFuture(true)
                        : untilKnown(members.slot(id), knownHere, deadline), pool)
                .handleAsync((done, failure) -> {
                    if (failure != null) {
                        LOG.debug("index lookup not answered yet ({})", failure.toString());
                        return false;
                    }
                    return done;
                }, pool);
    }

    /**
     * A workshop this member knows: answered at once once this member has caught up with it since it
     * started (after that it follows it live, a record behind at most). Until then (a member that was away
     * and is fetching what it missed) it answers once it has reached the head it heard of.
     */
    private CompletionStage<Boolean> behind(MemberSlot slot) {
        if (caughtUpSinceStart.contains(slot.id)) {
            return CompletableFuture.completedFuture(true);
        }
        long wanted = slot.wanted.get();
        if (wanted <= slot.durableIndex || slot.broken || slot.gone) {
            caughtUpSinceStart.add(slot.id);
            return CompletableFuture.completedFuture(true);
        }
        // Answered on the pool, never on the journal's thread that completes the wait.
        return slot.whenDurable(wanted).thenApply(v -> true)
                .completeOnTimeout(false, PATIENCE_MILLIS, TimeUnit.MILLISECONDS)
                .handleAsync((done, failure) -> failure != null || done, pool); // broke or went: this member's answer is all there is
    }

    /**
     * Follows a workshop to the cluster's head until this member knows the key: the index is written before
     * the record that holds the key, so the head may need another look before it has the record.
     */
    private CompletableFuture<Boolean> untilKnown(MemberSlot slot, BooleanSupplier knownHere, long deadline) {
        return caughtUp(slot, deadline).thenComposeAsync(done -> {
            if (knownHere.getAsBoolean()) {
                return CompletableFuture.completedFuture(true);
            }
            if (slot.broken || slot.gone || System.nanoTime() > deadline) {
                return CompletableFuture.completedFuture(false);
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(AGAIN_MILLIS, TimeUnit.MILLISECONDS, pool))
                    .thenComposeAsync(v -> untilKnown(slot, knownHere, deadline), pool);
        }, pool);
    }

    /**
     * Completes once this member holds durably what the cluster's head of the workshop was when asked;
     * times out at the deadline.
     */
    private CompletableFuture<Boolean> caughtUp(MemberSlot slot, long deadline) {
        long left = Math.max(1, deadline - System.nanoTime());
        return log.heads.getAsync(slot.id).toCompletableFuture()
                .thenComposeAsync(h -> {
                    long head = h == null ? 0 : h;
                    if (head <= slot.durableIndex || slot.broken) {
                        return CompletableFuture.completedFuture(true);
                    }
                    // The head moves after its record went into the log, whose listener is carrying that record here
                    // already: what has not come in a moment is fetched.
                    follower.followAfterGrace(slot, head);
                    return slot.whenDurable(head).thenApply(v -> true);
                }, pool)
                .orTimeout(left, TimeUnit.NANOSECONDS);
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
    }

    private static boolean timedOut(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof TimeoutException;
    }
}
