package nl.factorspel.sessions.workshop;

import nl.factorspel.sessions.workshop.Command.TableCommand;
import nl.factorspel.sessions.workshop.Command.WorkshopCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One workshop in memory: the room's state, every table's state, and each stream's events. It routes a
 * command to the workshop or table decider, numbers the events it gets back, and folds them in. Not
 * thread-safe: its owner runs one command at a time per workshop.
 */
public final class Workshop {

    /** What handling a command came to: committed-to-be events in order, or a rejection. */
    public record Outcome(List<Recorded> events, Rejection rejection) {
        public boolean rejected() {
            return rejection != null;
        }

        /** The seq of the last event in the stream of the first event: what the command's reply reports. */
        public long lastSeq() {
            if (events.isEmpty()) {
                return 0;
            }
            Integer stream = events.get(0).table();
            return events.stream().filter(r -> java.util.Objects.equals(r.table(), stream))
                    .mapToLong(Recorded::seq).max().orElse(0);
        }
    }

    private WorkshopState state;
    private TableState[] tables = new TableState[0];
    private final List<Recorded> workshopEvents = new ArrayList<>();
    private final List<List<Recorded>> tableEvents = new ArrayList<>();
    private final List<Recorded> allEvents = new ArrayList<>();

    /** Rebuilds a workshop by folding its committed events, in the order they were committed. */
    public static Workshop replay(Iterable<Recorded> events) {
        Workshop w = new Workshop();
        for (Recorded r : events) {
            w.apply(r);
        }
        return w;
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
        return table == null ? workshopEvents.size() : tableEvents.get(table - 1).size();
    }

    /** Every event of every stream in the order it was applied, which is the order it was committed (for the archive). */
    public List<Recorded> allEvents() {
        return List.copyOf(allEvents);
    }

    /** The events of a stream after {@code sinceSeq}, in order. */
    public List<Recorded> eventsSince(Integer table, long sinceSeq) {
        List<Recorded> stream = table == null ? workshopEvents : tableEvents.get(table - 1);
        int from = (int) Math.max(0, Math.min(sinceSeq, stream.size()));
        return Collections.unmodifiableList(new ArrayList<>(stream.subList(from, stream.size())));
    }

    /**
     * Decides a command and, when accepted, numbers and applies its events. {@code table} is the table
     * a table command is for; it is ignored for workshop commands.
     */
    public Outcome handle(Integer table, Command command, Actor actor, Instant now, Limits limits) {
        if (state == null && !(command instanceof Command.Create)) {
            return rejected("unknown_workshop", "there is no such workshop");
        }
        Participant participant = state == null ? null : state.participant(actor.participantId())
                .filter(p -> !p.left()).orElse(null);
        boolean seated = actor.role() != Role.FACILITATOR && actor.role() != Role.PROJECTOR && actor.role() != Role.SYSTEM;
        if (seated && participant == null && !(command instanceof Command.Join)) {
            return rejected("unknown_participant", "you are not (or no longer) a participant of this workshop");
        }
        Actor effective = participant == null ? actor : new Actor(participant.id(), participant.seat().role());
        List<Pending> pending;
        if (command instanceof TableCommand tc) {
            if (table == null || table < 1 || table > tables.length) {
                return rejected("unknown_table", "the workshop has tables 1 to " + tables.length + ", not " + table);
            }
            if (effective.role() == Role.PROJECTOR) {
                return rejected("not_allowed", "the projector only watches");
            }
            Decision<Event.TableEvent> d = TableDecider.decide(tc, tables[table - 1],
                    new TableDecider.Context(state.deck(), effective, participant, state.phase(), limits));
            if (d.rejected()) {
                return new Outcome(List.of(), d.rejection());
            }
            pending = d.events().stream().map(e -> Pending.table(table, e)).toList();
        } else {
            Decision<Pending> d = WorkshopDecider.decide((WorkshopCommand) command, state,
                    new WorkshopDecider.Context(effective, participant, now, limits));
            if (d.rejected()) {
                return new Outcome(List.of(), d.rejection());
            }
            pending = d.events();
        }
        List<Recorded> recorded = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            Recorded r = new Recorded(p.table(), seq(p.table()) + 1, now, effective, p.event());
            apply(r);
            recorded.add(r);
        }
        return new Outcome(List.copyOf(recorded), null);
    }

    /** Folds one committed event in; its seq must be the next of its stream. */
    public void apply(Recorded r) {
        if (r.seq() != seq(r.table()) + 1) {
            throw new IllegalStateException("event " + r.seq() + " of stream " + (r.table() == null ? "workshop" : "table " + r.table())
                    + " does not follow " + seq(r.table()));
        }
        if (r.table() == null) {
            state = WorkshopDecider.evolve(state, r);
            workshopEvents.add(r);
            if (r.event() instanceof Event.WorkshopCreated created) {
                tables = new TableState[created.tables()];
                for (int t = 1; t <= created.tables(); t++) {
                    tables[t - 1] = TableState.empty(t);
                    tableEvents.add(new ArrayList<>());
                }
            }
        } else {
            tables[r.table() - 1] = TableDecider.evolve(tables[r.table() - 1], r);
            tableEvents.get(r.table() - 1).add(r);
        }
        allEvents.add(r);
    }

    private static Outcome rejected(String code, String message) {
        return new Outcome(List.of(), new Rejection(code, message));
    }
}
