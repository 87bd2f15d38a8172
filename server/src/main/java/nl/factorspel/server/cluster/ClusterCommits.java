package nl.factorspel.server.cluster;

import nl.factorspel.sessions.journal.JournalCorruptException;
import nl.factorspel.sessions.store.EncodedRecord;
import nl.factorspel.sessions.store.StoreRejections;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Rejection;
import nl.factorspel.sessions.workshop.Workshop;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Commands and imports on this member: decided under the workshop's cluster lock after this member's copy
 * has followed the log to its head; the record goes into the cluster, the head moves, and the command is
 * acknowledged once the record is durable in this member's journal too.
 */
final class ClusterCommits {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);
    private static final long DURABLE_WAIT_SECONDS = 30;

    private final MemberWorkshops members;
    private final ClusterLog log;
    private final Follower follower;
    private final Limits limits;
    private final Clock clock;

    ClusterCommits(MemberWorkshops members, ClusterLog log, Follower follower, Limits limits, Clock clock) {
        this.members = members;
        this.log = log;
        this.follower = follower;
        this.limits = limits;
        this.clock = clock;
    }

    CompletionStage<Workshop.Outcome> submit(String workshopId, Integer table, Command command, Actor actor, String commandId) {
        if (members.closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("this member is stopping"));
        }
        MemberSlot slot;
        if (command instanceof Command.Create) {
            slot = members.slot(workshopId);
        } else {
            slot = members.slots.get(workshopId);
            if (members.quarantined.contains(workshopId)) {
                return CompletableFuture.completedFuture(StoreRejections.workshopDamaged(workshopId,
                        "its journal on this member could not be loaded, or disagrees with the cluster's log"));
            }
            if (slot == null) {
                return CompletableFuture.completedFuture(StoreRejections.unknownWorkshop(workshopId));
            }
        }
        CompletableFuture<Workshop.Outcome> result = new CompletableFuture<>();
        MemberSlot chosen = slot;
        try {
            slot.serial.execute(() -> run(chosen, workshopId, table, command, actor, commandId, result));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Commits one command on the slot's serial executor and completes {@code result}, whatever happens. */
    private void run(MemberSlot slot, String workshopId, Integer table, Command command, Actor actor, String commandId,
                     CompletableFuture<Workshop.Outcome> result) {
        try {
            Workshop.Outcome outcome = commit(slot, table, command, actor, commandId);
            if (outcome.rejected() && command instanceof Command.Create && slot.applied == 0) {
                members.slots.remove(workshopId, slot);
            }
            result.complete(outcome);
        } catch (Throwable t) {
            LOG.warn("workshop {}: a {} could not be committed: {}", workshopId, command.getClass().getSimpleName(), t.toString());
            if (command instanceof Command.Create && slot.applied == 0) {
                members.slots.remove(workshopId, slot);
            }
            result.completeExceptionally(t);
        }
    }

    /** Decides and commits one command under the workshop's cluster lock. Runs on the slot's serial executor. */
    private Workshop.Outcome commit(MemberSlot slot, Integer table, Command command, Actor actor, String commandId) throws Exception {
        String id = slot.id;
        if (slot.broken || slot.gone) {
            throw new IllegalStateException("workshop " + id + " cannot be written on this member");
        }
        Workshop.Outcome committed = null;
        CompletableFuture<Void> durable = null;
        log.lock(id);
        try {
            for (int attempt = 0; attempt < 20; attempt++) {
                long head = log.head(id);
                if (slot.applied > head) {
                    head = repairHead(slot, head);
                }
                if (!follower.follow(slot, head)) {
                    throw new IllegalStateException("workshop " + id + " could not catch up with the cluster");
                }
                Workshop.Change change;
                synchronized (slot) {
                    change = slot.workshop.decide(table, command, actor, clock.instant(), limits, commandId);
                }
                if (change.rejected() || change.outcome().repeated()) {
                    // A repeat's first outcome is in the cluster already: follow() folded it from there.
                    return change.outcome();
                }
                Workshop.Outcome outcome = change.outcome();
                EncodedRecord encoded;
                try {
                    encoded = EncodedRecord.of(id, outcome.events());
                } catch (EncodedRecord.Unrecordable e) {
                    return new Workshop.Outcome(List.of(), e.rejection());
                }
                long n = head + 1;
                String record = encoded.json();
                log.index(id, outcome.events());
                // Nothing here has moved yet: a record the cluster does not take leaves this member's copy as it was.
                String previous = log.records.putIfAbsent(ClusterLog.key(id, n), record);
                if (previous != null) {
                    // A member wrote record n and stopped before it moved the head: the record stands.
                    LOG.warn("workshop {}: record {} was left by a member that stopped; adopting it", id, n);
                    log.heads.set(id, n);
                    continue;
                }
                synchronized (slot) {
                    slot.workshop.commit(change);
                    slot.applied = n;
                }
                members.index.add(id, outcome.events());
                if (n == 1) {
                    slot.firstDigest = ClusterLog.digest(record);
                }
                log.heads.set(id, n);
                durable = follower.append(slot, n, encoded.framed(), List.of(outcome.events()), Follower.Origin.COMMITTED_HERE);
                committed = outcome;
                break;
            }
        } finally {
            log.unlock(id);
        }
        if (committed == null) {
            throw new IllegalStateException("workshop " + id + ": too many records left by stopped members");
        }
        // The record is in the cluster; it is acknowledged once it is on this member's disk too.
        durable.get(DURABLE_WAIT_SECONDS, TimeUnit.SECONDS);
        return committed;
    }

    /**
     * This member has applied more records than the cluster's head says: a committer (maybe this one)
     * wrote a record and failed before it moved the head, or the cluster lost the head. Adopts what the
     * map holds; a record only this member has goes back from its journal.
     */
    private long repairHead(MemberSlot slot, long head) {
        String id = slot.id;
        long h = head;
        while (h < slot.applied && log.records.containsKey(ClusterLog.key(id, h + 1))) {
            h++;
        }
        if (h < slot.applied && h < slot.durableIndex) {
            try {
                List<String> recs = members.allRecords(id);
                if (!log.fillMissing(id, recs, h + 1, Math.min(slot.durableIndex, recs.size()))) {
                    throw new IllegalStateException("workshop " + id + ": this member's journal disagrees with the cluster");
                }
                h = Math.min(slot.durableIndex, recs.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JournalCorruptException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (h < slot.applied) {
            throw new IllegalStateException("workshop " + id + ": the cluster lacks records this member applied");
        }
        if (h > head) {
            LOG.warn("workshop {}: head moved from {} to {} after a member failed", id, head, h);
            log.heads.set(id, h);
        }
        return h;
    }

    /** Loads a whole workshop (an archive) as one record of the cluster's log. */
    CompletionStage<Optional<Rejection>> importWorkshop(List<Recorded> events) {
        Workshop workshop = Workshop.replay(events);
        String id = workshop.state().id();
        MemberSlot slot = members.newSlot(id);
        if (members.slots.putIfAbsent(id, slot) != null) {
            return CompletableFuture.completedFuture(Optional.of(StoreRejections.workshopExists(id)));
        }
        CompletableFuture<Optional<Rejection>> result = new CompletableFuture<>();
        slot.serial.execute(() -> {
            boolean imported = false;
            try {
                log.lock(id);
                try {
                    if (log.heads.containsKey(id)) {
                        result.complete(Optional.of(StoreRejections.workshopExists(id)));
                        return;
                    }
                    if (log.joinCodes.containsKey(workshop.state().joinCode())) {
                        result.complete(Optional.of(StoreRejections.joinCodeTaken()));
                        return;
                    }
                    // One record: an import is whole or absent after a crash.
                    EncodedRecord encoded;
                    try {
                        encoded = EncodedRecord.of(id, events);
                    } catch (EncodedRecord.Unrecordable e) {
                        result.complete(Optional.of(e.rejection()));
                        return;
                    }
                    String record = encoded.json();
                    log.index(id, events);
                    if (log.records.putIfAbsent(ClusterLog.key(id, 1), record) != null) {
                        result.complete(Optional.of(StoreRejections.workshopExists(id)));
                        return;
                    }
                    synchronized (slot) {
                        slot.workshop = workshop;
                        slot.applied = 1;
                    }
                    members.index.add(id, events);
                    slot.firstDigest = ClusterLog.digest(record);
                    CompletableFuture<Void> durable = follower.append(slot, 1, encoded.framed(), List.of(events), Follower.Origin.IMPORTED);
                    log.heads.set(id, 1L);
                    durable.get(DURABLE_WAIT_SECONDS, TimeUnit.SECONDS);
                    imported = true;
                    LOG.info("workshop {} imported ({} events)", id, events.size());
                    result.complete(Optional.empty());
                } finally {
                    log.unlock(id);
                }
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                if (!imported && slot.applied == 0) {
                    members.slots.remove(id, slot);
                }
            }
        });
        return result;
    }
}
