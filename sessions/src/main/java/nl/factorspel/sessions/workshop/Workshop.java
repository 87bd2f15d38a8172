package nl.factorspel.sessions.workshop;

import nl.factorspel.sessions.workshop.Command.TableCommand;
import nl.factorspel.sessions.workshop.Command.WorkshopCommand;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * One workshop in memory: the room's state, every table's state, and each stream's events. It routes a
 * command to the workshop or table decider, numbers the events it gets back, and folds them in. Not
 * thread-safe: its owner runs one command at a time per workshop.
 *
 * <p>A workshop restored from a {@link Snapshot} holds only the events after it; the events before it
 * are read from their {@link History} (the journal) when someone asks for them, and kept while memory
 * allows. Everything a workshop answers is the same either way.
 */
public final class Workshop {

    /** What handling a command came to: committed-to-be events in order, or a rejection. */
    public record Outcome(List<Recorded> events, Rejection rejection, CommandIds.Committed repeatOf) {
        public Outcome(List<Recorded> events, Rejection rejection) {
            this(events, rejection, null);
        }

        /** The command's id was committed before: nothing new to store, the reply repeats the first one. */
        public static Outcome repeat(CommandIds.Committed first) {
            return new Outcome(List.of(), null, first);
        }

        public boolean rejected() {
            return rejection != null;
        }

        public boolean repeated() {
            return repeatOf != null;
        }

        /** The seq of the last event in the stream of the first event: what the command's reply reports. */
        public long lastSeq() {
            if (repeatOf != null) {
                return repeatOf.seq();
            }
            if (events.isEmpty()) {
                return 0;
            }
            Integer stream = events.get(0).table();
            return events.stream().filter(r -> java.util.Objects.equals(r.table(), stream))
                    .mapToLong(Recorded::seq).max().orElse(0);
        }
    }

    /**
     * The state after some prefix of the events, without the events: what a journal snapshot stores.
     * Immutable, so it can be taken under a workshop's lock and written out after.
     *
     * @param workshopSeq the last seq of the workshop stream
     * @param tableSeqs   the last seq of each table's stream, table 1 first
     */
    public record Snapshot(WorkshopState state, List<TableState> tables, long workshopSeq, List<Long> tableSeqs,
                           java.util.Map<String, CommandIds.Committed> commandIds) {
        public Snapshot {
            tables = List.copyOf(tables);
            tableSeqs = List.copyOf(tableSeqs);
            // Snapshots written before command ids hold none.
            commandIds = commandIds == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(commandIds));
            if (tables.size() != tableSeqs.size()) {
                throw new IllegalArgumentException(tables.size() + " tables but " + tableSeqs.size() + " table seqs");
            }
        }

        public String toJson() {
            try {
                return WorkshopJson.MAPPER.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a snapshot could not be written as JSON", e);
            }
        }

        /** @throws IllegalArgumentException when the text is not a snapshot this version can read */
        public static Snapshot fromJson(String json) {
            Snapshot s;
            try {
                s = WorkshopJson.MAPPER.readValue(json, Snapshot.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a workshop snapshot: " + e.getOriginalMessage(), e);
            }
            if (s.state() == null || s.state().id() == null || s.tables().size() != s.state().tables()) {
                throw new IllegalArgumentException("not a workshop snapshot: the state or its tables are missing");
            }
            return s;
        }
    }

    /** Where the events before a restored snapshot are read from, in commit order. */
    @FunctionalInterface
    public interface History {
        List<Recorded> load();
    }

    private WorkshopState state;
    private TableState[] tables = new TableState[0];
    private final CommandIds commandIds = new CommandIds();
    private final List<Recorded> workshopEvents = new ArrayList<>();
    private final List<List<Recorded>> tableEvents = new ArrayList<>();
    private final List<Recorded> allEvents = new ArrayList<>();
    /** The seq of each stream at the snapshot this workshop was restored from (0: it holds every event). */
    private long workshopBase;
    private long[] tableBase = new long[0];
    private History earlier;
    private SoftReference<List<Recorded>> earlierCache = new SoftReference<>(null);

    /** Rebuilds a workshop by folding its committed events, in the order they were committed. */
    public static Workshop replay(Iterable<Recorded> events) {
        Workshop w = new Workshop();
        for (Recorded r : events) {
            w.apply(r);
        }
        return w;
    }

    /**
     * A workshop as it was at a snapshot; the events before it come from {@code earlier} when asked for.
     * Events after the snapshot are folded in with {@link #apply}.
     */
    public static Workshop restore(Snapshot snapshot, History earlier) {
        Workshop w = new Workshop();
        w.state = snapshot.state();
        w.tables = snapshot.tables().toArray(new TableState[0]);
        w.workshopBase = snapshot.workshopSeq();
        w.tableBase = snapshot.tableSeqs().stream().mapToLong(Long::longValue).toArray();
        w.commandIds.restore(snapshot.commandIds());
        for (int t = 0; t < w.tables.length; t++) {
            w.tableEvents.add(new ArrayList<>());
        }
        w.earlier = Objects.requireNonNull(earlier, "earlier");
        return w;
    }

    /** The state now, without the events: cheap, for a snapshot to be written outside the lock. */
    public Snapshot snapshot() {
        List<Long> seqs = new ArrayList<>(tables.length);
        for (int t = 1; t <= tables.length; t++) {
            seqs.add(seq(t));
        }
        return new Snapshot(state, List.of(tables), seq(null), seqs, commandIds.asMap());
    }

    public WorkshopState state() {
        return state;
    }

    /** What {@code reader} answers about this workshop once it is created; empty before its creation. */
    public <T> java.util.Optional<T> readIfCreated(java.util.function.Function<Workshop, T> reader) {
        return state == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(reader.apply(this));
    }

    public TableState table(int table) {
        return tables[table - 1];
    }

    public int tableCount() {
        return tables.length;
    }

    /** The last seq of a stream (table null: the workshop stream); 0 before its first event. */
    public long seq(Integer table) {
        return base(table) + held(table).size();
    }

    /** Every event of every stream in the order it was applied, which is the order it was committed (for the archive). */
    public List<Recorded> allEvents() {
        if (earlier == null) {
            return List.copyOf(allEvents);
        }
        List<Recorded> before = earlierEvents();
        List<Recorded> all = new ArrayList<>(before.size() + allEvents.size());
        all.addAll(before);
        all.addAll(allEvents);
        return Collections.unmodifiableList(all);
    }

    /** The events of a stream after {@code sinceSeq}, in order. */
    public List<Recorded> eventsSince(Integer table, long sinceSeq) {
        List<Recorded> stream = held(table);
        long base = base(table);
        if (sinceSeq >= base) {
            int from = (int) Math.min(sinceSeq - base, stream.size());
            return Collections.unmodifiableList(new ArrayList<>(stream.subList(from, stream.size())));
        }
        List<Recorded> events = new ArrayList<>();
        for (Recorded r : earlierEvents()) {
            if (Objects.equals(r.table(), table) && r.seq() > sinceSeq) {
                events.add(r);
            }
        }
        events.addAll(stream);
        return Collections.unmodifiableList(events);
    }

    /** Whether the events of a stream after {@code sinceSeq} are in memory (else asking reads the journal). */
    public boolean holdsSince(Integer table, long sinceSeq) {
        return sinceSeq >= base(table);
    }

    private long base(Integer table) {
        return table == null ? workshopBase : table <= tableBase.length ? tableBase[table - 1] : 0;
    }

    private List<Recorded> held(Integer table) {
        return table == null ? workshopEvents : tableEvents.get(table - 1);
    }

    private List<Recorded> earlierEvents() {
        List<Recorded> events = earlierCache.get();
        if (events == null) {
            events = List.copyOf(earlier.load());
            long workshopSeqs = events.stream().filter(r -> r.table() == null).count();
            if (workshopSeqs != workshopBase) {
                throw new IllegalStateException("workshop " + state.id() + ": the history before the snapshot holds "
                        + workshopSeqs + " workshop events, the snapshot was taken after " + workshopBase);
            }
            earlierCache = new SoftReference<>(events);
        }
        return events;
    }

    /**
     * A decided command: its events numbered and folded into the state they lead to, while this
     * workshop is still exactly as before. A store records the events first and then {@link #commit}s
     * the change; a change it could not record is dropped and leaves nothing behind.
     */
    public static final class Change {
        private final Outcome outcome;
        private final WorkshopState state;
        private final TableState[] tables;

        private Change(Outcome outcome, WorkshopState state, TableState[] tables) {
            this.outcome = outcome;
            this.state = state;
            this.tables = tables;
        }

        public Outcome outcome() {
            return outcome;
        }

        public boolean rejected() {
            return outcome.rejected();
        }
    }

    /** Decides a command and, when accepted, commits its events at once (for what keeps no journal). */
    public Outcome handle(Integer table, Command command, Actor actor, Instant now, Limits limits) {
        return handle(table, command, actor, now, limits, null);
    }

    /**
     * Decides a command and, when accepted, commits its events at once (for what keeps no journal); the
     * command id travels as with {@link #decide(Integer, Command, Actor, Instant, Limits, String)}.
     */
    public Outcome handle(Integer table, Command command, Actor actor, Instant now, Limits limits, String commandId) {
        Change change = decide(table, command, actor, now, limits, commandId);
        if (!change.rejected() && !change.outcome().repeated()) {
            commit(change);
        }
        return change.outcome();
    }

    public Change decide(Integer table, Command command, Actor actor, Instant now, Limits limits) {
        return decide(table, command, actor, now, limits, null);
    }

    /**
     * Decides a command: a rejection, or its events numbered after this workshop's streams and the state
     * they fold into. Changes nothing here. {@code table} is the table a table command is for; it is
     * ignored for workshop commands. A command the client gave an id ({@code commandId}, null for none)
     * carries it on every event it produces; one whose id this sender already committed is not decided
     * again but answered as {@link Outcome#repeat}, with nothing to commit.
     */
    public Change decide(Integer table, Command command, Actor actor, Instant now, Limits limits, String commandId) {
        if (state == null && !(command instanceof Command.Create)) {
            return refused("unknown_workshop", "there is no such workshop");
        }
        if (commandId != null && !CommandIds.wellFormed(commandId)) {
            return refused("bad_value", "a commandId is 1 to 64 letters, digits or . _ : -");
        }
        CommandIds.Committed first = commandIds.committed(actor, commandId);
        if (first != null) {
            return new Change(Outcome.repeat(first), null, null);
        }
        Participant participant = present(actor);
        if (seated(actor) && participant == null && !(command instanceof Command.Join)) {
            return refused("unknown_participant", "you are not (or no longer) a participant of this workshop");
        }
        Actor effective = participant == null ? actor : new Actor(participant.id(), participant.seat().role());
        List<Pending> pending;
        if (command instanceof TableCommand tc) {
            Optional<Rejection> refused = tableRefusal(table, effective);
            if (refused.isPresent()) {
                return new Change(new Outcome(List.of(), refused.get()), null, null);
            }
            Decision<Event.TableEvent> d = TableDecider.decide(tc, tables[table - 1],
                    new TableDecider.Context(state.deck(), effective, participant, state.phase(), limits));
            if (d.rejected()) {
                return new Change(new Outcome(List.of(), d.rejection()), null, null);
            }
            pending = d.events().stream().map(e -> Pending.table(table, e)).toList();
        } else {
            Decision<Pending> d = WorkshopDecider.decide((WorkshopCommand) command, state,
                    new WorkshopDecider.Context(effective, participant, now, limits));
            if (d.rejected()) {
                return new Change(new Outcome(List.of(), d.rejection()), null, null);
            }
            pending = d.events();
        }
        Fold fold = new Fold(state, tables.clone());
        List<Recorded> recorded = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            long before = recorded.stream().filter(r -> Objects.equals(r.table(), p.table())).count();
            Recorded r = new Recorded(p.table(), seq(p.table()) + before + 1, now, effective, p.event(), commandId);
            fold.add(r);
            recorded.add(r);
        }
        return new Change(new Outcome(List.copyOf(recorded), null), fold.state, fold.tables);
    }

    /**
     * Takes in a change decided here, once it is recorded. Nothing may have been committed since it was
     * decided; it cannot fail otherwise, because its fold was done when it was decided.
     */
    public void commit(Change change) {
        if (change.rejected()) {
            throw new IllegalArgumentException("a rejected command has nothing to commit");
        }
        List<Recorded> events = change.outcome().events();
        for (int i = 0; i < events.size(); i++) {
            Recorded r = events.get(i);
            long before = events.subList(0, i).stream().filter(e -> Objects.equals(e.table(), r.table())).count();
            if (r.seq() != seq(r.table()) + before + 1) {
                throw new IllegalStateException("a change decided before seq " + r.seq() + " cannot be committed after seq " + seq(r.table()));
            }
        }
        state = change.state;
        tables = change.tables;
        events.forEach(this::hold);
    }

    /**
     * Why {@code actor} may not do {@code action} at {@code table} now, by exactly the checks a table command
     * passes before it is decided; empty when it may. Drag motion (never a command) is held to it.
     */
    public Optional<Rejection> refusal(Integer table, Action action, Actor actor) {
        if (state == null) {
            return Optional.of(new Rejection("unknown_workshop", "there is no such workshop"));
        }
        Participant participant = present(actor);
        if (seated(actor) && participant == null) {
            return Optional.of(new Rejection("unknown_participant", "you are not (or no longer) a participant of this workshop"));
        }
        Actor effective = participant == null ? actor : new Actor(participant.id(), participant.seat().role());
        return tableRefusal(table, effective).or(() -> TableDecider.refusal(action, tables[table - 1],
                new TableDecider.Context(state.deck(), effective, participant, state.phase(), Limits.DEFAULT), null));
    }

    /** The participant the actor is, while present (not left); null for the facilitator, projector and system. */
    private Participant present(Actor actor) {
        return state == null ? null : state.participant(actor.participantId()).filter(p -> !p.left()).orElse(null);
    }

    private static boolean seated(Actor actor) {
        return actor.role() != Role.FACILITATOR && actor.role() != Role.PROJECTOR && actor.role() != Role.SYSTEM;
    }

    /** A table command needs a table of this workshop, and an actor who is not the projector. */
    private Optional<Rejection> tableRefusal(Integer table, Actor effective) {
        if (table == null || table < 1 || table > tables.length) {
            return Optional.of(new Rejection("unknown_table", "the workshop has tables 1 to " + tables.length + ", not " + table));
        }
        if (effective.role() == Role.PROJECTOR) {
            return Optional.of(new Rejection("not_allowed", "the projector only watches"));
        }
        return Optional.empty();
    }

    /** Folds one committed event in; its seq must be the next of its stream. */
    public void apply(Recorded r) {
        if (r.seq() != seq(r.table()) + 1) {
            throw new IllegalStateException("event " + r.seq() + " of stream " + (r.table() == null ? "workshop" : "table " + r.table())
                    + " does not follow " + seq(r.table()));
        }
        Fold fold = new Fold(state, tables);
        fold.add(r);
        state = fold.state;
        tables = fold.tables;
        hold(r);
    }

    /** Keeps a folded event in its stream (a created workshop's tables get their streams). */
    private void hold(Recorded r) {
        if (r.table() == null) {
            workshopEvents.add(r);
            if (r.event() instanceof Event.WorkshopCreated created) {
                tableBase = new long[created.tables()];
                for (int t = 1; t <= created.tables(); t++) {
                    tableEvents.add(new ArrayList<>());
                }
            }
        } else {
            tableEvents.get(r.table() - 1).add(r);
        }
        allEvents.add(r);
        commandIds.remember(r);
    }

    /** The state values as events are folded into them: the one fold both deciding and replaying use. */
    private static final class Fold {
        WorkshopState state;
        TableState[] tables;

        Fold(WorkshopState state, TableState[] tables) {
            this.state = state;
            this.tables = tables;
        }

        void add(Recorded r) {
            if (r.table() == null) {
                state = WorkshopDecider.evolve(state, r);
                if (r.event() instanceof Event.WorkshopCreated created) {
                    tables = new TableState[created.tables()];
                    for (int t = 1; t <= created.tables(); t++) {
                        tables[t - 1] = TableState.empty(t);
                    }
                }
            } else {
                tables[r.table() - 1] = TableDecider.evolve(tables[r.table() - 1], r);
            }
        }
    }

    private static Change refused(String code, String message) {
        return new Change(rejected(code, message), null, null);
    }

    private static Outcome rejected(String code, String message) {
        return new Outcome(List.of(), new Rejection(code, message));
    }
}
