package nl.factorspel.sessions.store;

import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.journal.JournalCorruptException;
import nl.factorspel.sessions.journal.JournalReplay;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Rejection;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;
import nl.factorspel.sessions.workshop.WorkshopViews;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
        final Map<Integer, Long> durable = new ConcurrentHashMap<>();

        Slot(Workshop workshop) {
            this.workshop = workshop;
        }

        long durable(Integer table) {
            return durable.getOrDefault(table == null ? 0 : table, 0L);
        }
    }

    private final Journal journal;
    private final Limits limits;
    private final Clock clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Map<String, String> joinCodes = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final List<Consumer<Committed>> listeners = new CopyOnWriteArrayList<>();
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
            List<Recorded> recorded = parse(replay.records());
            if (recorded.isEmpty()) {
                return 0;
            }
            Workshop workshop = Workshop.replay(recorded);
            Slot slot = new Slot(workshop);
            markDurable(slot, recorded);
            slots.put(id, slot);
            recorded.forEach(r -> index(id, r));
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

    /**
     * Parses journal records, in parallel: parsing is most of a replay's cost and records are
     * independent; only the fold that follows must go in order.
     */
    private static List<Recorded> parse(List<String> records) throws IOException {
        try {
            List<List<Recorded>> parsed = records.parallelStream().map(record -> {
                try {
                    return WorkshopJson.fromJournal(record);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            List<Recorded> all = new ArrayList<>(records.size() * 2);
            parsed.forEach(all::addAll);
            return all;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
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
                return CompletableFuture.completedFuture(rejected("unknown_workshop", "there is no workshop \"" + workshopId + "\""));
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
                markDurable(slot, outcome.events());
                outcome.events().forEach(r -> index(workshopId, r));
                Committed committed = new Committed(workshopId, outcome.events());
                for (Consumer<Committed> listener : listeners) {
                    try {
                        listener.accept(committed);
                    } catch (RuntimeException e) {
                        LOG.error("a listener failed on committed events of {}", workshopId, e);
                    }
                }
                return outcome;
            });
        }
    }

    private static void markDurable(Slot slot, List<Recorded> events) {
        Map<Integer, Long> highest = new java.util.HashMap<>();
        for (Recorded r : events) {
            highest.merge(r.table() == null ? 0 : r.table(), r.seq(), Math::max);
        }
        highest.forEach((stream, seq) -> slot.durable.merge(stream, seq, Math::max));
    }

    /** Keeps the join-code and token indexes in step with the events that define them. */
    private void index(String workshopId, Recorded r) {
        if (r.event() instanceof Event.WorkshopCreated e) {
            joinCodes.put(e.joinCode(), workshopId);
            grants.put(e.facilitatorTokenHash(), new Grant(workshopId, Actor.facilitator()));
            grants.put(e.projectorTokenHash(), new Grant(workshopId, Actor.projector()));
        } else if (r.event() instanceof Event.ParticipantJoined e) {
            grants.put(e.tokenHash(), new Grant(workshopId, new Actor(e.participantId(), e.seat().role())));
        }
    }

    @Override
    public <T> Optional<T> read(String workshopId, Function<Workshop, T> reader) {
        Slot slot = slots.get(workshopId);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            return slot.workshop.state() == null ? Optional.empty() : Optional.ofNullable(reader.apply(slot.workshop));
        }
    }

    @Override
    public Optional<CatchUp> catchUp(String workshopId, Integer table, long sinceSeq) {
        Slot slot = slots.get(workshopId);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            Workshop w = slot.workshop;
            if (w.state() == null || (table != null && (table < 1 || table > w.tableCount()))) {
                return Optional.empty();
            }
            long durable = slot.durable(table);
            List<Recorded> events = w.eventsSince(table, sinceSeq).stream().filter(r -> r.seq() <= durable).toList();
            if (events.size() > WorkshopViews.SNAPSHOT_THRESHOLD && durable == w.seq(table)) {
                Object snapshot = table == null ? WorkshopViews.workshop(w, clock.instant())
                        : WorkshopViews.table(w, table);
                return Optional.of(new CatchUp(List.of(), snapshot, durable));
            }
            return Optional.of(new CatchUp(events, null, events.isEmpty() ? Math.min(sinceSeq, durable) : events.get(events.size() - 1).seq()));
        }
    }

    @Override
    public CompletionStage<Optional<Rejection>> importWorkshop(List<Recorded> events) {
        Workshop workshop = Workshop.replay(events);
        String id = workshop.state().id();
        Slot slot = new Slot(workshop);
        if (slots.putIfAbsent(id, slot) != null) {
            return CompletableFuture.completedFuture(Optional.of(new Rejection("workshop_exists",
                    "a workshop with id \"" + id + "\" is on this server already")));
        }
        if (workshopByJoinCode(workshop.state().joinCode()).isPresent()) {
            slots.remove(id, slot);
            return CompletableFuture.completedFuture(Optional.of(new Rejection("workshop_exists",
                    "a workshop with the same join code is on this server already")));
        }
        synchronized (slot) {
            // One record: an import is whole or absent after a crash.
            return journal.append(id, List.of(WorkshopJson.toJournal(events))).thenApply(done -> {
                markDurable(slot, events);
                events.forEach(r -> index(id, r));
                LOG.info("workshop {} imported ({} events)", id, events.size());
                return Optional.<Rejection>empty();
            });
        }
    }

    @Override
    public Optional<String> workshopByJoinCode(String joinCode) {
        return joinCode == null ? Optional.empty() : Optional.ofNullable(joinCodes.get(joinCode));
    }

    @Override
    public Optional<Grant> grant(String tokenHash) {
        Grant grant = tokenHash == null ? null : grants.get(tokenHash);
        if (grant == null || grant.actor().role() == Role.FACILITATOR || grant.actor().role() == Role.PROJECTOR) {
            return Optional.ofNullable(grant);
        }
        // A participant who left no longer holds a seat; the token stops working with it.
        boolean present = read(grant.workshopId(), w -> w.state().participant(grant.actor().participantId())
                .map(p -> !p.left()).orElse(false)).orElse(false);
        return present ? Optional.of(grant) : Optional.empty();
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
            joinCodes.values().removeIf(workshopId::equals);
            grants.values().removeIf(g -> g.workshopId().equals(workshopId));
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
        Instant cutoff = clock.instant().minus(maxAge);
        int deleted = 0;
        for (String id : workshopIds()) {
            Optional<Instant> last = journal.lastWrite(id);
            if (last.isPresent() && last.get().isBefore(cutoff) && delete(id)) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public void onCommitted(Consumer<Committed> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        journal.close();
    }

    private static Workshop.Outcome rejected(String code, String message) {
        return new Workshop.Outcome(List.of(), new Rejection(code, message));
    }
}
