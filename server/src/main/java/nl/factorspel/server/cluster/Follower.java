package nl.factorspel.server.cluster;

import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.store.CommitListeners;
import nl.factorspel.sessions.store.Committed;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.WorkshopJson;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Follows the cluster's log of each workshop into this member: takes the records it heard (the records
 * map's listener, or the owner's answer to a command sent there) or fetches the ones it missed, folds them
 * into its copy and appends them to its own journal in log order; once a record is in the journal here it
 * counts for catch-up and the listeners hear it. A record another member decided is written to this
 * member's journal without an fsync of its own: the owner made it durable before it was acknowledged, and
 * this member's next fsync of the file (when it decides a command itself) or its close makes it durable
 * here too. So a command costs one fsync in the cluster, however many members follow it.
 */
final class Follower {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);

    /** How long records the cluster's listener is bringing are waited for before they are fetched. */
    static final long HEARD_GRACE_MILLIS = 200;

    /** Where a record came from, which decides who hears it once it is durable on this member. */
    enum Origin { COMMITTED_HERE, FOLLOWED, IMPORTED }

    private final MemberWorkshops members;
    private final ClusterLog log;
    private final CommitListeners listeners;
    private final CommitListeners followers;
    private final ClusterCounters counters;
    private final PeerJournals peers;

    Follower(MemberWorkshops members, ClusterLog log, CommitListeners listeners, CommitListeners followers, ClusterCounters counters,
             PeerJournals peers) {
        this.peers = peers;
        this.members = members;
        this.log = log;
        this.listeners = listeners;
        this.followers = followers;
        this.counters = counters;
    }

    /**
     * Record {@code n} of a workshop was heard: it is folded in on the slot's serial executor, in order. The
     * records heard without a gap are followed at once; the records before {@code n} not heard yet are usually
     * on their way (the owner's answer to a command can overtake the listener's record before it), so they are
     * fetched only if they have not come within {@link #HEARD_GRACE_MILLIS}.
     */
    void heard(MemberSlot slot, long n, String record) {
        if (n <= slot.applied || slot.gone || slot.broken) {
            return;
        }
        slot.heard.put(n, record);
        long end = slot.applied;
        while (slot.heard.containsKey(end + 1)) {
            end++;
        }
        if (end > slot.applied) {
            requestFollow(slot, end);
        }
        if (end < n) {
            followAfterGrace(slot, n);
        }
    }

    /**
     * Follows up to {@code target} what has not come by the listener within {@link #HEARD_GRACE_MILLIS}: the
     * records before a head or a record heard are usually on their way, and fetching them costs a round trip.
     */
    void followAfterGrace(MemberSlot slot, long target) {
        CompletableFuture.delayedExecutor(HEARD_GRACE_MILLIS, TimeUnit.MILLISECONDS, slot.serial).execute(() -> {
            if (slot.applied < target && !slot.gone && !slot.broken) {
                requestFollow(slot, target);
            }
        });
    }

    /** Asks the slot's serial executor to follow up to {@code target} (requests made meanwhile fold into one). */
    void requestFollow(MemberSlot slot, long target) {
        slot.wanted.accumulateAndGet(target, Math::max);
        if (slot.followQueued.compareAndSet(false, true)) {
            try {
                slot.serial.execute(() -> {
                    slot.followQueued.set(false);
                    try {
                        follow(slot, slot.wanted.get());
                    } catch (RuntimeException e) {
                        LOG.warn("workshop {}: catching up failed ({}); trying again shortly", slot.id, e.toString());
                    }
                });
            } catch (RuntimeException e) {
                slot.followQueued.set(false);
            }
        }
    }

    /**
     * Folds records {@code applied+1..target} from the cluster into this member's copy and appends them to
     * its journal, in order. Runs on the slot's serial executor. Answers whether it got to {@code target}.
     */
    boolean follow(MemberSlot slot, long target) {
        String id = slot.id;
        slot.heard.headMap(slot.applied, true).clear();
        while (slot.applied < target) {
            if (slot.gone || slot.broken || members.closed) {
                return false;
            }
            long from = slot.applied + 1;
            long to = Math.min(target, from + ClusterLog.FETCH_BATCH - 1);
            slot.heard.headMap(from).clear();
            Map<String, String> got = new HashMap<>();
            Set<String> keys = new LinkedHashSet<>();
            for (long k = from; k <= to; k++) {
                String rec = slot.heard.remove(k);
                if (rec != null) {
                    got.put(ClusterLog.key(id, k), rec);
                } else {
                    keys.add(ClusterLog.key(id, k));
                }
            }
            if (!keys.isEmpty()) {
                counters.fetches.increment();
                got.putAll(log.records.getAll(keys));
                long cut = got.containsKey(ClusterLog.key(id, from)) ? 0 : log.cut(id).records();
                if (from <= cut) {
                    // The cluster cut these records from its memory: another member's journal has them.
                    List<String> early = peers.read(id, from, Math.min(to, cut));
                    for (int i = 0; i < early.size(); i++) {
                        got.put(ClusterLog.key(id, from + i), early.get(i));
                    }
                }
            }
            List<String> recs = new ArrayList<>();
            List<List<Recorded>> events = new ArrayList<>();
            long k = from;
            try {
                for (; k <= to; k++) {
                    String rec = got.get(ClusterLog.key(id, k));
                    if (rec == null) {
                        break;
                    }
                    List<Recorded> parsed = WorkshopJson.fromJournal(rec);
                    synchronized (slot) {
                        for (Recorded r : parsed) {
                            slot.workshop.apply(r);
                        }
                        slot.applied = k;
                    }
                    members.index.add(id, parsed);
                    if (k == 1) {
                        slot.firstDigest = ClusterLog.digest(rec);
                    }
                    recs.add(rec);
                    events.add(parsed);
                }
            } catch (IOException | RuntimeException e) {
                members.broken(slot, "record " + k + " from the cluster does not fold into this member's copy", e);
            }
            if (!recs.isEmpty()) {
                append(slot, from, recs, events, Origin.FOLLOWED);
            }
            if (slot.broken) {
                return false;
            }
            if (k <= to) {
                LOG.warn("workshop {}: record {} is not in the cluster; trying again shortly", id, k);
                return false;
            }
        }
        return true;
    }

    /**
     * Appends records {@code first, first+1, ...} to this member's journal. Once durable they count for
     * catch-up, and listeners hear them (see {@link #durable}). The future completes after that.
     */
    CompletableFuture<Void> append(MemberSlot slot, long first, List<String> recs, List<List<Recorded>> events, Origin origin) {
        Journal.Framed framed;
        try {
            framed = Journal.frame(slot.id, recs);
        } catch (RuntimeException e) {
            members.broken(slot, "the journal refused records", e);
            return CompletableFuture.failedFuture(e);
        }
        return append(slot, first, framed, events, origin);
    }

    /** Appends records framed before; see {@link #append(MemberSlot, long, List, List, Origin)}. */
    CompletableFuture<Void> append(MemberSlot slot, long first, Journal.Framed framed, List<List<Recorded>> events, Origin origin) {
        return append(slot, first, framed, events, origin, CompletableFuture.completedFuture(null));
    }

    /**
     * Appends records framed before, which count as durable here (and are heard) once {@code replicated}
     * completes too: a record this member decided, once the cluster's backups hold it and every record
     * before it is acknowledged. When {@code replicated} fails the records stay unheard here and the returned
     * future fails; the journal is not blamed.
     */
    CompletableFuture<Void> append(MemberSlot slot, long first, Journal.Framed framed, List<List<Recorded>> events, Origin origin,
                                   CompletableFuture<?> replicated) {
        CompletableFuture<Void> written;
        try {
            if (origin == Origin.FOLLOWED) {
                counters.followed.add(events.size());
            }
            written = origin == Origin.FOLLOWED ? members.journal.appendWritten(framed) : members.journal.append(framed);
        } catch (RuntimeException e) {
            members.broken(slot, "the journal refused records", e);
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> journalled = written.whenComplete((v, failure) -> {
            if (failure != null) {
                members.broken(slot, "the journal could not store records", failure);
            }
        });
        return CompletableFuture.allOf(journalled, replicated).thenRun(() -> {
            for (int i = 0; i < events.size(); i++) {
                durable(slot, first + i, events.get(i), origin);
            }
        });
    }

    /**
     * A record is durable here: it counts for catch-up now, and its listeners hear it. The committed
     * listeners (which publish on the clustered event bus) hear it on one member only, the workshop's
     * publisher, so every event goes out once and all of a workshop's events go out from one member in
     * log order; the others' followed listeners hear it.
     */
    private void durable(MemberSlot slot, long index, List<Recorded> events, Origin origin) {
        slot.durable.mark(events);
        slot.durableIndex = index;
        if (origin != Origin.FOLLOWED) {
            slot.forcedIndex = index;
        }
        if (origin != Origin.IMPORTED) {
            (log.publisher(slot.id, origin == Origin.COMMITTED_HERE) ? listeners : followers).tell(new Committed(slot.id, events));
        }
        slot.completeWaiters(index);
    }
}
