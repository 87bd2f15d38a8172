package nl.factorspel.sessions.store;

import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.journal.JournalCorruptException;
import nl.factorspel.sessions.journal.JournalReplay;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The single-node store: every workshop in memory, one command at a time per workshop, each
 * accepted command's events appended to the journal and acknowledged once durable.
 *
 * <p>Every {@link #SNAPSHOT_EVERY} records a workshop's state is written as the journal's snapshot (off
 * the command path), so a restart folds only the records after it; the events before it are read from
 * the journal when an export or a long catch-up needs them.
 */
public final class LocalWorkshopStore implements WorkshopStore {

    private static final Logger LOG = LogManager.getLogger(LocalWorkshopStore.class);

    /** Journal records between two snapshots of a workshop. */
    public static final int SNAPSHOT_EVERY = 1000;

    /** A workshop with the lock that serialises its commands and the seqs known durable per stream. */
    private static final class Slot {
        final Workshop workshop;
        final DurableSeqs durable = new DurableSeqs();
        /** Guarded by the slot: records in the journal (or on their way), and how many the last snapshot covers. */
        long records;
        long snapshotAt;
        /** Set once an append failed: the journal refuses the workshop's appends until a restart. */
        volatile Throwable storageFailure;
        /** Guarded by the slot: the last append, which completes after every append before it. */
        CompletableFuture<?> lastAppend = CompletableFuture.completedFuture(null);

        Slot(Workshop workshop, long records, long snapshotAt) {
            this.workshop = workshop;
            this.records = records;
            this.snapshotAt = snapshotAt;
        }
    }

    private final Journal journal;
    private final Limits limits;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final WorkshopIndex index = new WorkshopIndex();
    private final CommitListeners listeners = new CommitListeners();
    private final List<String> loadProblems = new CopyOnWriteArrayList<>();
    /** Workshops whose journal is here but could not be loaded, with the problem: they answer workshop_damaged. */
    private final Map<String, String> damaged = new ConcurrentHashMap<>();
    /** The token hashes a damaged workshop's readable records hand out, to the workshop's id. */
    private final Map<String, String> damagedTokens = new ConcurrentHashMap<>();
    private final int snapshotEvery;
    private final ExecutorService snapshots = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshot-writer");
        t.setDaemon(true);
        return t;
    });

    public LocalWorkshopStore(Journal journal, Limits limits, Clock clock) {
        this(journal, limits, clock, SNAPSHOT_EVERY);
    }

    /** With a snapshot every {@code snapshotEvery} records (0: never). */
    public LocalWorkshopStore(Journal journal, Limits limits, Clock clock, int snapshotEvery) {
        this.journal = journal;
        this.limits = limits;
        this.clock = clock;
        this.snapshotEvery = snapshotEvery;
    }

    /**
     * Rebuilds every workshop from the journal. A workshop whose journal is corrupt in the middle
     * stays unloaded (and is named in {@link #loadProblems()}); the others load.
     */
    public int recover() throws IOException {
        // Workshops are independent: they are read, parsed and folded side by side.
        int events = journal.workshops().parallelStream().mapToInt(this::recover).sum();
        LOG.info("recovered {} workshops from {} events", slots.size(), events);
        return events;
    }

    /** Rebuilds one workshop; answers the number of events folded, 0 when it could not be loaded. */
    private int recover(String id) {
        try {
            JournalReplay replay = journal.read(id);
            long covered = replay.snapshotRecordCount();
            Workshop workshop;
            if (replay.snapshotJson().isPresent()) {
                workshop = restore(id, replay.snapshotJson().get(), covered);
            } else if (replay.records().isEmpty()) {
                return 0;
            } else {
                workshop = new Workshop();
            }
            // the records are parsed on the other cores while this thread folds the ones already parsed
            int folded = WorkshopJson.foldJournal(replay.records(), workshop::apply);
            Slot slot = new Slot(workshop, covered + replay.records().size(), covered);
            slot.durable.markAll(workshop);
            slots.put(id, slot);
            index.add(id, workshop.state());
            return folded;
        } catch (JournalCorruptException e) {
            loadProblems.add(e.getMessage());
            LOG.error("workshop {} not loaded: {}", id, e.getMessage());
            damaged(id, e.getMessage());
        } catch (IOException | RuntimeException e) {
            loadProblems.add("workshop " + id + ": " + e.getMessage());
            LOG.error("workshop {} not loaded", id, e);
            damaged(id, String.valueOf(e.getMessage()));
        }
        return 0;
    }

    /** Keeps a workshop that could not be loaded known as damaged, to the tokens its readable records handed out. */
    private void damaged(String id, String problem) {
        damaged.put(id, problem);
        try {
            Salvage.tokenHashes(Salvage.wholePrefix(journal, id)).forEach(hash -> damagedTokens.put(hash, id));
        } catch (IOException | RuntimeException e) {
            LOG.debug("workshop {}: no tokens read from its damaged journal ({})", id, e.toString());
        }
    }

    @Override
    public Optional<String> damage(String tokenHash) {
        String id = tokenHash == null ? null : damagedTokens.get(tokenHash);
        return id == null ? Optional.empty() : Optional.of(StoreRejections.workshopDamaged(id, damaged.get(id)).rejection().message());
    }

    /** A workshop from its snapshot; one this version cannot read is set aside and the records replayed instead. */
    private Workshop restore(String id, String snapshotJson, long covered) throws IOException, JournalCorruptException {
        Workshop.Snapshot snapshot;
        try {
            snapshot = Workshop.Snapshot.fromJson(snapshotJson);
        } catch (IllegalArgumentException e) {
            LOG.warn("workshop {}: its snapshot cannot be read ({}); replaying all {} records before it", id, e.getMessage(), covered);
            return Workshop.replay(history(id, covered));
        }
        return Workshop.restore(snapshot, () -> {
            try {
                return history(id, covered);
            } catch (IOException | JournalCorruptException e) {
                throw new UncheckedIOException("the events of workshop " + id + " before its snapshot cannot be read",
                        e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            }
        });
    }

    /** The events of a workshop's first {@code records} journal records. */
    private List<Recorded> history(String id, long records) throws IOException, JournalCorruptException {
        return parse(journal.readPrefix(id, records));
    }

    private static List<Recorded> parse(List<String> records) throws IOException {
        List<Recorded> recorded = new ArrayList<>(records.size() * 2);
        WorkshopJson.fromJournal(records).forEach(recorded::addAll);
        return recorded;
    }

    public List<String> loadProblems() {
        return List.copyOf(loadProblems);
    }

    /**
     * Decides a command and records it: its events are framed for the journal and handed to it before the
     * workshop in memory takes them, so a command the journal refuses leaves nothing behind. Never throws:
     * what goes wrong is a refusal, or a failed stage.
     */
    @Override
    public CompletionStage<Workshop.Outcome> submit(String workshopId, Integer table, Command command, Actor actor,
                                                     String commandId) {
        try {
            return record(workshopId, table, command, actor, commandId);
        } catch (RuntimeException e) {
            LOG.error("workshop {}: a {} failed before it was recorded; nothing changed", workshopId, command.getClass().getSimpleName(), e);
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Workshop.Outcome> record(String workshopId, Integer table, Command command, Actor actor,
                                                     String commandId) {
        Slot slot;
        if (command instanceof Command.Create) {
            slot = slots.computeIfAbsent(workshopId, id -> new Slot(new Workshop(), 0, 0));
        } else {
            slot = slots.get(workshopId);
            if (slot == null) {
                return CompletableFuture.completedFuture(damaged.containsKey(workshopId)
                        ? StoreRejections.workshopDamaged(workshopId, damaged.get(workshopId))
                        : StoreRejections.unknownWorkshop(workshopId));
            }
        }
        synchronized (slot) {
            if (slot.storageFailure != null) {
                return CompletableFuture.completedFuture(StoreRejections.storageFailed(workshopId));
            }
            Workshop.Change change;
            Journal.Framed framed;
            CompletableFuture<Void> written;
            try {
                change = slot.workshop.decide(table, command, actor, clock.instant(), limits, commandId);
                if (change.outcome().repeated()) {
                    // Its record may still be on its way to the disk: answer once it (and all before it) is durable.
                    Workshop.Outcome repeat = change.outcome();
                    return slot.lastAppend.thenApply(done -> repeat);
                }
                if (change.rejected()) {
                    forgetIfUncreated(workshopId, slot);
                    return CompletableFuture.completedFuture(change.outcome());
                }
                framed = EncodedRecord.of(workshopId, change.outcome().events()).framed();
            } catch (EncodedRecord.Unrecordable e) {
                forgetIfUncreated(workshopId, slot);
                return CompletableFuture.completedFuture(new Workshop.Outcome(List.of(), e.rejection()));
            } catch (RuntimeException e) {
                forgetIfUncreated(workshopId, slot);
                throw e;
            }
            try {
                written = journal.append(framed);
            } catch (IllegalStateException e) {
                forgetIfUncreated(workshopId, slot);
                return CompletableFuture.completedFuture(StoreRejections.storageFailed(workshopId));
            }
            // The journal has the record: from here on the workshop moves, and nothing can refuse the change.
            slot.workshop.commit(change);
            Workshop.Outcome outcome = change.outcome();
            long record = ++slot.records;
            Workshop.Snapshot snapshot = null;
            if (snapshotEvery > 0 && record - slot.snapshotAt >= snapshotEvery) {
                snapshot = slot.workshop.snapshot();
                slot.snapshotAt = record;
            }
            Workshop.Snapshot taken = snapshot;
            // The callback is attached while the lock is held, so a workshop's commits are heard in seq order.
            CompletableFuture<Workshop.Outcome> appended = written.whenComplete((done, failure) -> {
                if (failure != null) {
                    // The journal takes no more of this workshop; neither do we, rather than fail every command later.
                    slot.storageFailure = failure;
                }
            }).thenApply(done -> {
                slot.durable.mark(outcome.events());
                index.add(workshopId, outcome.events());
                listeners.tell(new Committed(workshopId, outcome.events()));
                if (taken != null) {
                    // Only now are all the records it stands for durable (the journal refuses any after a failure).
                    snapshots.execute(() -> writeSnapshot(workshopId, record, taken));
                }
                return outcome;
            });
            slot.lastAppend = appended;
            return appended;
        }
    }

    /** A workshop that a refused Create left without state is not kept. */
    private void forgetIfUncreated(String workshopId, Slot slot) {
        if (slot.workshop.state() == null) {
            slots.remove(workshopId, slot);
        }
    }

    private void writeSnapshot(String workshopId, long records, Workshop.Snapshot snapshot) {
        try {
            journal.writeSnapshot(workshopId, records, snapshot.toJson());
            LOG.debug("workshop {}: snapshot after {} records", workshopId, records);
        } catch (java.nio.file.NoSuchFileException e) {
            LOG.debug("workshop {} was deleted before its snapshot was written", workshopId);
        } catch (IOException | RuntimeException e) {
            // The journal is whole without it: the next start replays more records, nothing is lost.
            LOG.warn("workshop {}: snapshot after {} records not written", workshopId, records, e);
        }
    }

    @Override
    public <T> Optional<T> read(String workshopId, Function<Workshop, T> reader) {
        Slot slot = slots.get(workshopId);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            return slot.workshop.readIfCreated(reader);
        }
    }

    @Override
    public Optional<CatchUp> catchUp(String workshopId, Integer table, long sinceSeq) {
        Slot slot = slots.get(workshopId);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            return slot.durable.catchUp(slot.workshop, table, sinceSeq, clock.instant());
        }
    }

    @Override
    public CompletionStage<Optional<Rejection>> importWorkshop(List<Recorded> events) {
        Workshop workshop;
        EncodedRecord encoded;
        try {
            workshop = Workshop.replay(events);
            // One record: an import is whole or absent after a crash.
            encoded = EncodedRecord.of(workshop.state().id(), events);
        } catch (EncodedRecord.Unrecordable e) {
            return CompletableFuture.completedFuture(Optional.of(e.rejection()));
        }
        String id = workshop.state().id();
        Slot slot = new Slot(workshop, 1, 0);
        if (slots.putIfAbsent(id, slot) != null) {
            return CompletableFuture.completedFuture(Optional.of(StoreRejections.workshopExists(id)));
        }
        if (workshopByJoinCode(workshop.state().joinCode()).isPresent()) {
            slots.remove(id, slot);
            return CompletableFuture.completedFuture(Optional.of(StoreRejections.joinCodeTaken()));
        }
        synchronized (slot) {
            CompletableFuture<Void> written;
            try {
                written = journal.append(encoded.framed());
            } catch (IllegalStateException e) {
                slots.remove(id, slot);
                return CompletableFuture.completedFuture(Optional.of(StoreRejections.storageFailed(id).rejection()));
            }
            return written.whenComplete((done, failure) -> {
                if (failure != null) {
                    slot.storageFailure = failure;
                }
            }).thenApply(done -> {
                slot.durable.mark(events);
                index.add(id, events);
                LOG.info("workshop {} imported ({} events)", id, events.size());
                return Optional.<Rejection>empty();
            });
        }
    }

    @Override
    public Optional<String> workshopByJoinCode(String joinCode) {
        return index.workshopByJoinCode(joinCode);
    }

    @Override
    public Optional<Grant> grant(String tokenHash) {
        return index.grant(tokenHash).filter(g -> g.stillOpens(this));
    }

    @Override
    public List<String> workshopIds() {
        return slots.entrySet().stream().filter(e -> e.getValue().workshop.state() != null).map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public boolean delete(String workshopId) {
        Slot slot = slots.remove(workshopId);
        if (slot == null) {
            return false;
        }
        synchronized (slot) {
            index.forget(workshopId);
            try {
                journal.delete(workshopId);
            } catch (IOException e) {
                LOG.error("the files of workshop {} could not all be deleted", workshopId, e);
            }
        }
        LOG.info("workshop {} deleted", workshopId);
        return true;
    }

    /** Deletes every workshop whose journal was last written more than {@code maxAge} ago. */
    public int expire(Duration maxAge) {
        return (int) journal.idleSince(clock.instant().minus(maxAge), workshopIds()).stream().filter(this::delete).count();
    }

    @Override
    public void onCommitted(Consumer<Committed> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        // Snapshots already due are written first; the journal is whole without them either way.
        snapshots.shutdown();
        try {
            if (!snapshots.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("snapshots still being written at close; the next start replays their records instead");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }
}
