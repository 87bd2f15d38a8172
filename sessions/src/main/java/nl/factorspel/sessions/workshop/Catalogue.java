package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.factorspel.sessions.workshop.Command.*;
import nl.factorspel.sessions.workshop.Event.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol between clients and the server, defined once: every command with its wire name, its
 * stream, the row of the permission matrix it falls under and the events it may produce; every event
 * with its stream; the seats, roles and phases; the bridge addresses; the protocol version. The
 * deciders take a command's permission row from here, the gate builds its addresses here, the web
 * client reads it from {@code GET /api/protocol}, and tests hold the docs and every fold against it.
 */
public final class Catalogue {

    /** The protocol's version: the fixed core of PROTOCOL.md is version 1; extensions do not change it. */
    public static final int VERSION = 1;

    /** The stream a command acts on and an event belongs to. */
    public enum Stream {
        TABLE, WORKSHOP;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One command: {@code action} is its row of the permission matrix; {@code events} the events it may
     * produce; {@code fromClient} false for the commands only the server itself issues.
     */
    public record CommandSpec(String name, Class<? extends Command> type, Stream stream, Action action,
                              List<Class<? extends Event>> events, boolean fromClient) {
    }

    /** One event type: its wire name and stream (a round start and end have one of each stream). */
    public record EventSpec(String name, Class<? extends Event> type, Stream stream) {
    }

    private static final Map<Class<? extends Command>, CommandSpec> COMMANDS = new LinkedHashMap<>();
    private static final Map<Class<? extends Event>, EventSpec> EVENTS = new LinkedHashMap<>();

    static {
        names(Event.WorkshopEvent.class).forEach((type, name) -> EVENTS.put(type.asSubclass(Event.class),
                new EventSpec(name, type.asSubclass(Event.class), Stream.WORKSHOP)));
        names(Event.TableEvent.class).forEach((type, name) -> EVENTS.put(type.asSubclass(Event.class),
                new EventSpec(name, type.asSubclass(Event.class), Stream.TABLE)));

        // table
        table(PlaceCard.class, Action.LAY_CARDS, CardPlaced.class);
        table(MoveCard.class, Action.LAY_CARDS, CardMoved.class);
        table(RemoveCard.class, Action.LAY_CARDS, CardRemoved.class);
        table(UndoPlacement.class, Action.LAY_CARDS, CardRemoved.class);
        table(ExplainCard.class, Action.LAY_CARDS, CardExplained.class);
        table(LinkCards.class, Action.LAY_CARDS, CardsLinked.class);
        table(UnlinkCards.class, Action.LAY_CARDS, LinkRemoved.class);
        table(Annotate.class, Action.ANNOTATE, AnnotationAdded.class);
        table(WriteNote.class, Action.WRITE_NOTE, NoteWritten.class);
        table(WriteReflection.class, Action.WRITE_REFLECTION, ReflectionWritten.class);
        table(SetQuestion.class, Action.SET_QUESTION, QuestionSet.class);
        table(SetProfile.class, Action.CHOOSE_PROFILE, ProfileSet.class);
        table(MarkOutcome.class, Action.CHOOSE_PROFILE, OutcomeMarked.class);
        table(AnswerDiscussion.class, Action.ANSWER_DISCUSSION, DiscussionAnswered.class);
        table(SetAttribute.class, Action.RECORD_ATTRIBUTES, AttributeSet.class);
        // workshop
        server(Create.class, "create", null, WorkshopCreated.class);
        server(Join.class, "join", null, ParticipantJoined.class);
        workshop(StartRound.class, Action.RUN_WORKSHOP, RoundStarted.class, TableRoundStarted.class);
        workshop(PauseClock.class, Action.RUN_WORKSHOP, ClockPaused.class);
        workshop(ResumeClock.class, Action.RUN_WORKSHOP, ClockResumed.class);
        workshop(ExtendClock.class, Action.RUN_WORKSHOP, ClockExtended.class);
        server(ExpireClock.class, "expireClock", Action.BLOW_WHISTLE, WhistleBlown.class, TableWhistleBlown.class);
        workshop(EndRound.class, Action.RUN_WORKSHOP, RoundEnded.class, TableRoundEnded.class);
        workshop(SetPhase.class, Action.RUN_WORKSHOP, PhaseChanged.class);
        workshop(Broadcast.class, Action.RUN_WORKSHOP, BroadcastSent.class);
        workshop(ClearBroadcast.class, Action.RUN_WORKSHOP, BroadcastCleared.class);
        workshop(ShowPlenary.class, Action.RUN_WORKSHOP, PlenaryShown.class);
        workshop(UndoLastChange.class, Action.RUN_WORKSHOP, PhaseChangeUndone.class, RoundReopened.class, TableRoundReopened.class);
        workshop(KeepWorkshop.class, Action.RUN_WORKSHOP, WorkshopKept.class);
        workshop(AssignRole.class, Action.RUN_WORKSHOP, SeatAssigned.class);
        workshop(ClaimSeat.class, Action.TAKE_SEAT, SeatAssigned.class);
        workshop(Rename.class, Action.TAKE_SEAT, ParticipantRenamed.class);
        workshop(Leave.class, Action.TAKE_SEAT, ParticipantLeft.class);
    }

    private static final Map<String, CommandSpec> BY_NAME = new HashMap<>();

    static {
        COMMANDS.values().forEach(c -> BY_NAME.put(c.name(), c));
    }

    private Catalogue() {
    }

    /** The catalogue entry of a command. */
    public static CommandSpec command(Command command) {
        return command(command.getClass());
    }

    public static CommandSpec command(Class<? extends Command> type) {
        CommandSpec spec = COMMANDS.get(type);
        if (spec == null) {
            throw new IllegalStateException("the catalogue has no entry for " + type.getSimpleName());
        }
        return spec;
    }

    public static java.util.Optional<CommandSpec> command(String name) {
        return java.util.Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every command, table commands first, in the order of the docs. */
    public static List<CommandSpec> commands() {
        return List.copyOf(COMMANDS.values());
    }

    public static EventSpec event(Class<? extends Event> type) {
        EventSpec spec = EVENTS.get(type);
        if (spec == null) {
            throw new IllegalStateException("the catalogue has no entry for " + type.getSimpleName());
        }
        return spec;
    }

    public static List<EventSpec> events() {
        return List.copyOf(EVENTS.values());
    }

    // --- the addresses of the event-bus bridge ---

    /** Where clients send commands. */
    public static final String COMMAND_ADDRESS = "fs.command";
    /** Where clients ask for the events they missed. */
    public static final String SYNC_ADDRESS = "fs.sync";
    /** Where clients send drag motion (never journaled). */
    public static final String MOTION_ADDRESS = "fs.motion";

    public static String tableAddress(String workshopId, int table) {
        return tableAddress(workshopId, Integer.toString(table));
    }

    public static String workshopAddress(String workshopId) {
        return "fs.workshop." + workshopId;
    }

    /** The stream an event of {@code table} goes out on: that table's, or the workshop's when {@code table} is null. */
    public static String streamAddress(String workshopId, Integer table) {
        return table == null ? workshopAddress(workshopId) : tableAddress(workshopId, table);
    }

    public static String presenceAddress(String workshopId) {
        return "fs.presence." + workshopId;
    }

    public static String motionAddress(String workshopId, int table) {
        return motionAddress(workshopId, Integer.toString(table));
    }

    // One way to write each address: the int forms above and the templates of toJson() use these.
    private static String tableAddress(String workshopId, String table) {
        return "fs.table." + workshopId + "." + table;
    }

    private static String motionAddress(String workshopId, String table) {
        return "fs.motion." + workshopId + "." + table;
    }

    /** The kinds of stream a client may register for. */
    public enum StreamKind { TABLE, WORKSHOP, PRESENCE, MOTION }

    /** A stream address taken apart: its kind, its workshop, and its table (null for the workshop's own streams). */
    public record Address(StreamKind kind, String workshopId, Integer table) {
    }

    /**
     * Reads an address a client wants to register for; empty when it is none of the stream addresses
     * (workshop ids hold no dots, table numbers are whole numbers from 1).
     */
    public static java.util.Optional<Address> address(String address) {
        String[] parts = address == null ? new String[0] : address.split("\\.", -1);
        if (parts.length < 3 || !parts[0].equals("fs") || parts[2].isEmpty()) {
            return java.util.Optional.empty();
        }
        String workshopId = parts[2];
        switch (parts[1]) {
            case "workshop", "presence" -> {
                return parts.length == 3
                        ? java.util.Optional.of(new Address(parts[1].equals("workshop") ? StreamKind.WORKSHOP : StreamKind.PRESENCE, workshopId, null))
                        : java.util.Optional.empty();
            }
            case "table", "motion" -> {
                if (parts.length != 4 || !parts[3].matches("[1-9][0-9]{0,5}")) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new Address(parts[1].equals("table") ? StreamKind.TABLE : StreamKind.MOTION,
                        workshopId, Integer.parseInt(parts[3])));
            }
            default -> {
                return java.util.Optional.empty();
            }
        }
    }

    /** The catalogue as {@code GET /api/protocol} serves it. */
    public static ObjectNode toJson() {
        ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
        out.put("version", VERSION);
        ArrayNode commands = out.putArray("commands");
        for (CommandSpec c : COMMANDS.values()) {
            if (!c.fromClient()) {
                continue;
            }
            ObjectNode n = commands.addObject();
            n.put("type", c.name());
            n.put("stream", c.stream().wire());
            n.put("action", actionName(c.action()));
            ArrayNode events = n.putArray("events");
            c.events().forEach(e -> events.add(event(e).name()));
        }
        ArrayNode events = out.putArray("events");
        for (EventSpec e : EVENTS.values()) {
            events.addObject().put("type", e.name()).put("stream", e.stream().wire());
        }
        ArrayNode seats = out.putArray("seats");
        for (Seat s : Seat.values()) {
            seats.addObject().put("seat", s.wire()).put("role", s.role().wire()).put("respondent", s.respondentNumber());
        }
        ArrayNode fillOrder = out.putArray("fillOrder");
        Seat.FILL_ORDER.forEach(s -> fillOrder.add(s.wire()));
        ArrayNode roles = out.putArray("roles");
        for (Role r : Role.values()) {
            if (r != Role.SYSTEM) {
                roles.add(r.wire());
            }
        }
        ArrayNode phases = out.putArray("phases");
        for (Phase p : Phase.values()) {
            phases.add(p.wire());
        }
        ObjectNode matrix = out.putObject("permissions");
        for (Action a : Action.values()) {
            if (a == Action.BLOW_WHISTLE) {
                continue;
            }
            ArrayNode allowed = matrix.putArray(actionName(a));
            Permissions.rolesFor(a).stream().filter(r -> r != Role.SYSTEM).map(Role::wire).sorted().forEach(allowed::add);
        }
        ArrayNode own = out.putArray("respondentOfRoundOnly");
        Permissions.respondentOfRoundOnly().stream().map(Catalogue::actionName).sorted().forEach(own::add);
        ObjectNode addresses = out.putObject("addresses");
        addresses.put("command", COMMAND_ADDRESS);
        addresses.put("sync", SYNC_ADDRESS);
        addresses.put("motion", MOTION_ADDRESS);
        addresses.put("table", tableAddress("{workshopId}", "{table}"));
        addresses.put("workshop", workshopAddress("{workshopId}"));
        addresses.put("presence", presenceAddress("{workshopId}"));
        addresses.put("tableMotion", motionAddress("{workshopId}", "{table}"));
        return out;
    }

    /** An action's name on the wire: {@code LAY_CARDS} is {@code layCards}. */
    public static String actionName(Action action) {
        if (action == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char ch : action.name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return sb.toString();
    }

    @SafeVarargs
    private static void table(Class<? extends TableCommand> type, Action action, Class<? extends TableEvent>... events) {
        add(type, name(type), Stream.TABLE, action, List.of(events), true);
    }

    @SafeVarargs
    private static void workshop(Class<? extends WorkshopCommand> type, Action action, Class<? extends Event>... events) {
        add(type, name(type), Stream.WORKSHOP, action, List.of(events), true);
    }

    @SafeVarargs
    private static void server(Class<? extends WorkshopCommand> type, String name, Action action, Class<? extends Event>... events) {
        add(type, name, Stream.WORKSHOP, action, List.of(events), false);
    }

    private static void add(Class<? extends Command> type, String name, Stream stream, Action action,
                            List<Class<? extends Event>> events, boolean fromClient) {
        for (Class<? extends Event> e : events) {
            if (!EVENTS.containsKey(e)) {
                throw new IllegalStateException(e.getSimpleName() + " has no wire name in Event's @JsonSubTypes");
            }
        }
        if (COMMANDS.put(type, new CommandSpec(name, type, stream, action, List.copyOf(events), fromClient)) != null) {
            throw new IllegalStateException(type.getSimpleName() + " is in the catalogue twice");
        }
    }

    private static String name(Class<? extends Command> type) {
        String name = names(Command.class).get(type);
        if (name == null) {
            throw new IllegalStateException(type.getSimpleName() + " has no wire name in Command's @JsonSubTypes");
        }
        return name;
    }

    private static Map<Class<?>, String> names(Class<?> family) {
        Map<Class<?>, String> names = new LinkedHashMap<>();
        for (JsonSubTypes.Type t : family.getAnnotation(JsonSubTypes.class).value()) {
            names.put(t.value(), t.name());
        }
        return Collections.unmodifiableMap(names);
    }

    /** Every concrete command or event type of a sealed family, for the exhaustiveness tests. */
    public static <T> List<Class<? extends T>> concrete(Class<T> family) {
        List<Class<? extends T>> out = new ArrayList<>();
        collect(family, family, out);
        return out;
    }

    private static <T> void collect(Class<T> family, Class<?> type, List<Class<? extends T>> out) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(family, sub, out);
            }
        } else if (!type.isInterface()) {
            out.add(type.asSubclass(family));
        }
    }
}
