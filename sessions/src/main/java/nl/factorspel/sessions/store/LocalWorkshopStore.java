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
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The single-node store: every workshop in memory, one command at a time per workshop, each
 * accepted command's events appended to the journal and acknowledged once durable.
 */
public final class LocalWorkshopStore implements WorkshopStore {

    private static final Logger LOG = LogManager.getLogger(LocalWorkshopStore.class);

    /** A workshop with the lock that serialises its commands and the seqs known durable per stream. */
    private static final class Slot {
        final Workshop workshop;
        final DurableSeqs durable = new DurableSeqs();

        Slot(Workshop workshop) {
            this.workshop = workshop;
        }
    }

    private final Journal journal;
    private final Limits limits;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final WorkshopIndex index = new WorkshopIndex();
    private final CommitListeners listeners = new CommitListeners();
    private final List<String> loadProblems = new CopyOnWriteArrayList<>();

    public LocalWorkshopStore(Journal journal, Limits limits, Clock clock) {
        this.journal = journal;
        this.limits = limits;
        this.clock = clock;
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

    /** Rebuilds one workshop; answers its number of events, 0 when it could not be loaded. */
    private int recover(String id) {
        try {
            JournalReplay replay = journal.read(id);
            List<Recorded> recorded = new ArrayList<>(replay.records().size() * 2);
            WorkshopJson.fromJournal(replay.records()).forEach(recorded::addAll);
            if (recorded.isEmpty()) {
                return 0;
            }
            Workshop workshop = Workshop.replay(recorded);
            Slot slot = new Slot(workshop);
            slot.durable.mark(recorded);
            slots.put(id, slot);
            index.add(id, recorded);
            return recorded.size();
        } catch (JournalCorruptException e) {
            loadProblems.add(e.getMessage());
            LOG.error("workshop {} not loaded: {}", id, e.getMessage());
        } catch (IOException | RuntimeException e) {
            loadProblems.add("workshop " + id + ": " + e.getMessage());
            LOG.error("workshop {} not loaded", id, e);
        }
        return 0;
    }

    public List<String> loadProblems() {
        return List.copyOf(loadProblems);
    }

    @Override
    public CompletionStage<Workshop.Outcome> submit(String workshopId, Integer table, Command command, Actor actor) {
        Slot slot;
        if (command instanceof Command.Create) {
            slot = slots.computeIfAbsent(workshopId, id -> new Slot(new Workshop()));
        } else {
            slot = slots.get(workshopId);
            if (slot == null) {
                return CompletableFuture.completedFuture(StoreRejections.unknownWorkshop(workshopId));
            }
        }
        synchronized (slot) {
            Workshop.Outcome outcome = slot.workshop.handle(table, command, actor, clock.instant(), limits);
            if (outcome.rejected()) {
                if (command instanceof Command.Create && slot.workshop.state() == null) {
                    slots.remove(workshopId, slot);
                }
                return CompletableFuture.completedFuture(outcome);
            }
            List<String> records = List.of(WorkshopJson.toJournal(outcome.events()));
            // The callback is attached while the lock is held, so a workshop's commits are heard in seq order.
            return journal.append(workshopId, records).thenApply(done -> {
                slot.durable.mark(outcome.events());
                index.add(workshopId, outcome.events());
                listeners.tell(new Committed(workshopId, outcome.events()));
                return outcome;
            });
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
        Workshop workshop = Workshop.replay(events);
        String id = workshop.state().id();
        Slot slot = new Slot(workshop);
        if (slots.putIfAbsent(id, slot) != null) {
            return CompletableFuture.completedFuture(Optional.of(StoreRejections.workshopExists(id)));
        }
        if (workshopByJoinCode(workshop.state().joinCode()).isPresent()) {
            slots.remove(id, slot);
            return CompletableFuture.completedFuture(Optional.of(StoreRejections.joinCodeTaken()));
        }
        synchronized (slot) {
            // One record: an import is whole or absent after a crash.
            return journal.append(id, List.of(WorkshopJson.toJournal(events))).thenApply(done -> {
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
        journal.close();
    }
}
