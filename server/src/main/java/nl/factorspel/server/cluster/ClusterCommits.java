package nl.factorspel.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.spi.exception.TargetNotMemberException;
import nl.factorspel.sessions.journal.JournalCorruptException;
import nl.factorspel.sessions.store.EncodedRecord;
import nl.factorspel.sessions.store.LocalWorkshopStore;
import nl.factorspel.sessions.store.StoreRejections;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.CommandIds;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Rejection;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commands and imports. A workshop's commands are decided on one member, the owner of the workshop's
 * partition: a command that arrives elsewhere is sent there (one hop, {@link DecideOnOwner}), and the owner
 * decides it in memory, with no cluster lock, on the workshop's serial executor. The record goes into the
 * cluster as a {@code putIfAbsent} on its partition; the owner's copy moves once the partition took it, so the
 * workshop's next command is decided without waiting for the backups, and the command is acknowledged (and its
 * events published) once its synchronous backup holds the record, it is fsynced in the owner's journal and every
 * record before it is acknowledged: a burst of commands costs one partition hop each, not one network round
 * trip each. {@code putIfAbsent} is the fence: a member that decided against a copy that was behind (it just
 * took over, or two members believed they owned the workshop while a partition moved) finds record n taken,
 * folds in what the log holds and decides again.
 */
final class ClusterCommits {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);
    private static final long DURABLE_WAIT_SECONDS = 30;
    /** How long the member a command arrived on waits to have the owner's record in its own copy before it answers. */
    private static final long FOLLOW_WAIT_MILLIS = 2000;
    /** How often a command is decided again after finding its record taken by another member. */
    private static final int ATTEMPTS = 100;
    /**
     * Every this many records the owner cuts the cluster's log, keeping this many records above the cut: the
     * cluster holds at most twice this many records of a workshop, however long it runs (as the single server
     * snapshots every {@link LocalWorkshopStore#SNAPSHOT_EVERY} records). Every member's journal keeps them all.
     */
    static final int CUT_EVERY = LocalWorkshopStore.SNAPSHOT_EVERY;
    static final String EXECUTOR = "factorspel.owners";
    /** Where a member's commits are found by the tasks other members send it. */
    static final String USER_CONTEXT = ClusterCommits.class.getName();

    private final MemberWorkshops members;
    private final ClusterLog log;
    private final Follower follower;
    private final Limits limits;
    private final Clock clock;
    private final ClusterCounters counters;

    ClusterCommits(MemberWorkshops members, ClusterLog log, Follower follower, Limits limits, Clock clock, ClusterCounters counters) {
        this.members = members;
        this.log = log;
        this.follower = follower;
        this.limits = limits;
        this.clock = clock;
        this.counters = counters;
        log.hz.getUserContext().put(USER_CONTEXT, this);
    }

    /** A command decided: its outcome, and for an accepted one its record and index in the log. */
    record Decided(Workshop.Outcome outcome, long index, String record) {
    }

    /** Sends a command to its workshop's owner, or decides it here when this member owns it (or nobody does now). */
    CompletionStage<Workshop.Outcome> submit(String workshopId, Integer table, Command command, Actor actor, String commandId) {
        if (members.closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("this member is stopping"));
        }
        if (members.quarantined.contains(workshopId)) {
            return CompletableFuture.completedFuture(StoreRejections.workshopDamaged(workshopId,
                    "its journal on this member could not be loaded, or disagrees with the cluster's log"));
        }
        Member owner = log.owner(workshopId);
        if (owner == null || owner.localMember()) {
            return decideHere(workshopId, table, command, actor, commandId).thenApply(Decided::outcome);
        }
        return forward(workshopId, table, command, actor, commandId);
    }

    /** One hop: the owner decides and answers with the record; this member folds it in before it answers. */
    private CompletionStage<Workshop.Outcome> forward(String workshopId, Integer table, Command command, Actor actor, String commandId) {
        DecideOnOwner task;
        try {
            task = DecideOnOwner.of(workshopId, table, command, actor, commandId);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the command cannot be sent to its workshop's owner", e));
        }
        counters.forwarded.increment();
        counters.roundTrips.increment();
        CompletableFuture<String> reply = new CompletableFuture<>();
        long sent = System.nanoTime();
        log.hz.getExecutorService(EXECUTOR).submitToKeyOwner(task, workshopId, new ExecutionCallback<String>() {
            @Override
            public void onResponse(String response) {
                counters.forwardNanos.add(System.nanoTime() - sent);
                reply.complete(response);
            }

            @Override
            public void onFailure(Throwable t) {
                reply.completeExceptionally(t);
            }
        });
        return reply.handle((answer, failure) -> {
            if (failure == null) {
                return received(workshopId, answer);
            }
            if (notSent(failure)) {
                // The owner did not take it (it is starting, or it left before the task reached it): the fence
                // keeps a command decided here right, only slower.
                LOG.debug("workshop {}: deciding here, the owner did not take the command ({})", workshopId, failure.toString());
                return decideHere(workshopId, table, command, actor, commandId).thenApply(Decided::outcome);
            }
            return CompletableFuture.<Workshop.Outcome>failedFuture(failure);
        }).thenCompose(f -> f);
    }

    /** Whether a failed hop certainly did not decide the command on the owner. */
    private static boolean notSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DecideOnOwner.NotServing || t instanceof TargetNotMemberException || t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    /** The owner's answer: an accepted command's record is folded into this member's copy before the answer goes out. */
    private CompletionStage<Workshop.Outcome> received(String workshopId, String answer) {
        try {
            JsonNode reply = WorkshopJson.MAPPER.readTree(answer);
            if (reply.has("rejection")) {
                return CompletableFuture.completedFuture(new Workshop.Outcome(List.of(),
                        WorkshopJson.MAPPER.treeToValue(reply.get("rejection"), Rejection.class)));
            }
            if (reply.has("repeatOf")) {
                return CompletableFuture.completedFuture(Workshop.Outcome.repeat(
                        WorkshopJson.MAPPER.treeToValue(reply.get("repeatOf"), CommandIds.Committed.class)));
            }
            long n = reply.get("index").longValue();
            String record = reply.get("record").textValue();
            Workshop.Outcome outcome = new Workshop.Outcome(WorkshopJson.fromJournal(record), null);
            if (members.closed || members.quarantined.contains(workshopId)) {
                return CompletableFuture.completedFuture(outcome);
            }
            MemberSlot slot = members.slot(workshopId);
            follower.heard(slot, n, record);
            // The command is committed whatever happens here; the wait only lets the sender read its own write here.
            return slot.whenDurable(n).completeOnTimeout(null, FOLLOW_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                    .handle((done, failure) -> outcome);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the owner's answer cannot be read", e));
        }
    }

    /** A command sent here by another member, as the workshop's owner; refused untried while this member is not serving. */
    CompletionStage<Decided> decideOnOwner(String workshopId, Integer table, Command command, Actor actor, String commandId) {
        if (!members.ready || members.closed) {
            return CompletableFuture.failedFuture(new DecideOnOwner.NotServing());
        }
        return decideHere(workshopId, table, command, actor, commandId);
    }

    /** Decides a command on this member, on the workshop's serial executor. */
    CompletionStage<Decided> decideHere(String workshopId, Integer table, Command command, Actor actor, String commandId) {
        if (members.closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("this member is stopping"));
        }
        MemberSlot slot;
        if (command instanceof Command.Create) {
            slot = members.slot(workshopId);
        } else {
            if (members.quarantined.contains(workshopId)) {
                return CompletableFuture.completedFuture(new Decided(StoreRejections.workshopDamaged(workshopId,
                        "its journal on this member could not be loaded, or disagrees with the cluster's log"), 0, null));
            }
            slot = members.slots.get(workshopId);
            if (slot == null && (log.heads.containsKey(workshopId) || log.records.containsKey(ClusterLog.key(workshopId, 1)))) {
                // This member has not heard of the workshop yet (it just joined or took it over): it catches up first.
                slot = members.slot(workshopId);
            }
            if (slot == null) {
                return CompletableFuture.completedFuture(new Decided(StoreRejections.unknownWorkshop(workshopId), 0, null));
            }
        }
        CompletableFuture<Decided> result = new CompletableFuture<>();
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
                     CompletableFuture<Decided> result) {
        CompletableFuture<Decided> committed;
        try {
            committed = commit(slot, table, command, actor, commandId);
        } catch (Throwable t) {
            committed = CompletableFuture.failedFuture(t);
        }
        committed.whenComplete((decided, failure) -> {
            if (failure != null) {
                LOG.warn("workshop {}: a {} could not be committed: {}", workshopId, command.getClass().getSimpleName(), failure.toString());
            }
            if (command instanceof Command.Create && slot.applied == 0 && (failure != null || decided.outcome().rejected())) {
                members.slots.remove(workshopId, slot);
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(decided);
            }
        });
    }

    /**
     * Decides and commits one command, with no cluster lock. Runs on the slot's serial executor, which is free
     * for the workshop's next command once the record is in the cluster and handed to the journal; the answer
     * completes once the record is durable here (the journal keeps the order).
     */
    private CompletableFuture<Decided> commit(MemberSlot slot, Integer table, Command command, Actor actor, String commandId) throws Exception {
        String id = slot.id;
        if (slot.gone || slot.deleting) {
            return CompletableFuture.completedFuture(new Decided(StoreRejections.unknownWorkshop(id), 0, null));
        }
        if (slot.broken) {
            throw new IllegalStateException("workshop " + id + " cannot be written on this member");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (!slot.current) {
                catchUpWithLog(slot);
            }
            Workshop.Change change;
            synchronized (slot) {
                change = slot.workshop.decide(table, command, actor, clock.instant(), limits, commandId);
            }
            if (change.rejected() || change.outcome().repeated()) {
                // A repeat's first outcome is in the cluster already: this copy folded it from there.
                return CompletableFuture.completedFuture(new Decided(change.outcome(), 0, null));
            }
            Workshop.Outcome outcome = change.outcome();
            EncodedRecord encoded;
            try {
                encoded = EncodedRecord.of(id, outcome.events());
            } catch (EncodedRecord.Unrecordable e) {
                return CompletableFuture.completedFuture(new Decided(new Workshop.Outcome(List.of(), e.rejection()), 0, null));
            }
            long n = slot.applied + 1;
            String record = encoded.json();
            counters.roundTrips.add(log.index(id, outcome.events()));
            // Nothing here has moved yet: a record the cluster does not take leaves this member's copy as it was.
            // The copy moves once the partition took the record (as the single server's once the journal took
            // it); the backups' answer, like the fsync, is waited for by the acknowledgement only.
            ClusterLog.Put put = log.putRecord(id, n, record);
            Optional<String> previous = fenced(put);
            long taken = System.nanoTime();
            counters.roundTrips.add(log.syncBackups() + (log.ownsHere(id) ? 0 : 1));
            if (previous.isPresent()) {
                // Another member decided record n: this member's copy was behind. Fold in the log and decide again.
                LOG.info("workshop {}: record {} was decided by another member; catching up and deciding again", id, n);
                slot.current = false;
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
            log.raiseHead(id, n);
            long cutTo = Math.min(n - CUT_EVERY, slot.forcedIndex); // only what is on this member's disk leaves the cluster's memory
            if (n % CUT_EVERY == 0 && cutTo > slot.cutAt) {
                cut(slot, cutTo);
            }
            counters.decided.increment();
            // Acknowledged (and published) once the record is on this member's disk and in the cluster's backups,
            // and every record before it is.
            CompletableFuture<Void> acknowledged = follower.append(slot, n, encoded.framed(), List.of(outcome.events()),
                    Follower.Origin.COMMITTED_HERE, CompletableFuture.allOf(put.stored(), slot.acknowledged));
            slot.acknowledged = acknowledged.handle((v, failure) -> null);
            put.stored().whenComplete((v, failure) -> {
                if (failure == null) {
                    counters.backupNanos.add(System.nanoTime() - taken);
                } else {
                    LOG.warn("workshop {}: record {} is in the cluster, its backup did not answer ({}); the next command looks at the log again",
                            id, n, failure.toString());
                    slot.current = false;
                }
            });
            Decided decided = new Decided(outcome, n, record);
            return acknowledged.thenApply(done -> decided);
        }
        throw new IllegalStateException("workshop " + id + ": its records kept being taken by other members");
    }

    /** Waits for the partition's answer to a record put: empty when it went in, else the record that holds its place. */
    private static Optional<String> fenced(ClusterLog.Put put) {
        try {
            return put.fence().get(DURABLE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the cluster took a record", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster did not take a record within " + DURABLE_WAIT_SECONDS + " s", e);
        }
    }

    /** Cuts the cluster's log of a workshop after record {@code to} (this member's journal has it, and every record before). */
    private void cut(MemberSlot slot, long to) {
        try {
            String last = log.records.get(ClusterLog.key(slot.id, to));
            if (last == null || slot.firstDigest == null) {
                return;
            }
            log.cut(slot.id, slot.cutAt + 1, new ClusterLog.Cut(to, ClusterLog.digest(last), slot.firstDigest));
            slot.cutAt = to;
        } catch (RuntimeException e) {
            LOG.warn("workshop {}: its log in the cluster was not cut at {} ({}); it is cut at the next chance", slot.id, to, e.toString());
        }
    }

    /**
     * After a member left: each workshop this member owns now is brought to the end of the log, so records
     * the member that left wrote but never announced are adopted (and published) at once, not at the next command.
     */
    void takeOver() {
        for (MemberSlot slot : List.copyOf(members.slots.values())) {
            if (slot.gone || slot.broken || members.quarantined.contains(slot.id) || !log.ownsHere(slot.id)) {
                continue;
            }
            slot.serial.execute(() -> {
                try {
                    if (!slot.gone && !members.closed) {
                        catchUpWithLog(slot);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("workshop {}: taking it over failed ({}); the next command tries again", slot.id, e.toString());
                    slot.current = false;
                }
            });
        }
    }

    /**
     * Brings this member's copy to the end of the cluster's log before it decides: the head is a hint, the
     * records after it are looked for one by one (on the owner they are in this member's own partition). A
     * record a member wrote before it died, never announced, becomes part of the log here.
     */
    private void catchUpWithLog(MemberSlot slot) {
        String id = slot.id;
        slot.cutAt = Math.max(slot.cutAt, log.cut(id).records());
        long head = log.head(id);
        if (slot.applied > head) {
            head = repairHead(slot, head);
        }
        long k = Math.max(slot.applied, head);
        while (log.records.containsKey(ClusterLog.key(id, k + 1))) {
            k++;
        }
        if (!follower.follow(slot, k)) {
            throw new IllegalStateException("workshop " + id + " could not catch up with the cluster");
        }
        if (k > head) {
            log.raiseHead(id, k);
        }
        slot.current = true;
        long cutTo = Math.min(slot.applied - CUT_EVERY, slot.forcedIndex);
        if (cutTo - slot.cutAt > CUT_EVERY) {
            // More than the kept records came back into the cluster's memory (a new owner, or a start that put the journals in).
            cut(slot, cutTo);
        }
    }

    /**
     * This member has applied more records than the cluster's head says: the head (moved without waiting)
     * lags, or the cluster lost records. Adopts what the map holds; a record only this member has goes back
     * from its journal.
     */
    private long repairHead(MemberSlot slot, long head) {
        String id = slot.id;
        if (slot.applied <= slot.cutAt || log.records.containsKey(ClusterLog.key(id, slot.applied))) {
            return slot.applied; // the log has no holes: only the head lagged
        }
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
            LOG.warn("workshop {}: records {} to {} put back into the cluster", id, head + 1, h);
            log.raiseHead(id, h);
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
