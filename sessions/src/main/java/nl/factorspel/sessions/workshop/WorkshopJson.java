package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;


import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON forms of commands and events: the journal's record, the wire envelope sent to clients,
 * and the command bodies clients send. One mapper, one place.
 */
public final class WorkshopJson {

    /** The mapper every part of Factorspel uses for workshop JSON. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    /**
     * The reader of what clients send: a number must be a JSON number, a whole number must have no
     * fraction, a yes/no must be true or false and a text must be a JSON string. Jackson would otherwise
     * read {@code "0.5"} as 0.5, {@code 1.5} as 1 and {@code 5} as "5".
     */
    private static final ObjectMapper STRICT = strict(MAPPER.copy());

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * A whole number a client sent (a table, a count): a JSON integer in int range, else null. HTTP bodies
     * and bridge bodies are read by this one rule.
     */
    public static Integer wholeNumber(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
    }

    /** Fields of events that hold secrets or bulk and never go to a client. */
    private static final Set<String> NOT_ON_THE_WIRE = Set.of("tokenHash", "facilitatorTokenHash", "projectorTokenHash", "deck");

    private WorkshopJson() {
    }

    /** A client's command: which workshop, which table (null for workshop commands), and what. */
    public record Envelope(String workshopId, Integer table, Command command, String commandId) {
    }

    /** A command body that could not be read; {@code code} is {@code unknown_command} or {@code bad_command}. */
    public static final class BadCommand extends Exception {
        private final Rejection rejection;

        BadCommand(String code, String message) {
            super(message);
            this.rejection = new Rejection(code, message);
        }

        public Rejection rejection() {
            return rejection;
        }
    }

    /** Reads a command body as sent to {@code fs.command}. */
    public static Envelope command(JsonNode body) throws BadCommand {
        if (body == null || !body.isObject()) {
            throw new BadCommand("bad_command", "a command is a JSON object with a \"type\"");
        }
        java.util.Optional<nl.factorspel.decks.TextRule.Violation> badText = nl.factorspel.decks.TextRule.firstViolation(body);
        if (badText.isPresent()) {
            throw new BadCommand("bad_value", badText.get().message());
        }
        JsonNode type = body.get("type");
        if (type == null || !type.isTextual()) {
            throw new BadCommand("bad_command", "the command has no \"type\"");
        }
        JsonNode workshopId = body.get("workshopId");
        if (workshopId == null || !workshopId.isTextual()) {
            throw new BadCommand("bad_command", "the command has no \"workshopId\"");
        }
        JsonNode table = body.get("table");
        if (table != null && !table.isNull() && wholeNumber(table) == null) {
            throw new BadCommand("bad_command", "\"table\" must be a table number");
        }
        Command command;
        try {
            command = STRICT.treeToValue(body, Command.class);
        } catch (InvalidTypeIdException e) {
            throw new BadCommand("unknown_command", "there is no command \"" + type.textValue() + "\"");
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : "it does not fit";
            throw new BadCommand("bad_value", "the field \"" + fieldOf(e) + "\" has a value that does not fit: " + why);
        } catch (InvalidFormatException e) {
            throw new BadCommand("bad_value", "the field \"" + fieldOf(e) + "\" has a value that does not fit: " + e.getValue());
        } catch (MismatchedInputException e) {
            throw new BadCommand("bad_value", "the field \"" + fieldOf(e) + "\" has the wrong kind of value");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadCommand("bad_command", "the command cannot be read");
        }
        JsonNode commandId = body.get("commandId");
        if (commandId != null && !commandId.isNull() && !(commandId.isTextual() && CommandIds.wellFormed(commandId.textValue()))) {
            throw new BadCommand("bad_value", "the field \"commandId\" is 1 to 64 letters, digits or . _ : -");
        }
        Integer tableNumber = table == null || table.isNull() ? null : wholeNumber(table);
        return new Envelope(workshopId.textValue(), tableNumber, command,
                commandId == null || commandId.isNull() ? null : commandId.textValue());
    }

    private static String fieldOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
    }

    /**
     * One event in a journal record: the envelope's fields and the event itself under a key that
     * names its stream's family, so the whole record reads in a single streaming pass.
     */
    record JournalEvent(long seq, long atNanos, Actor by, Integer stream, Event.WorkshopEvent workshop,
                        Event.TableEvent table, String commandId) {
    }

    /** A journal record: the events of one command. */
    record JournalRecord(List<JournalEvent> events) {
    }

    private static final com.fasterxml.jackson.databind.ObjectReader JOURNAL_READER = MAPPER.readerFor(JournalRecord.class);
    private static final com.fasterxml.jackson.databind.ObjectWriter JOURNAL_WRITER = MAPPER.writerFor(JournalRecord.class);

    /**
     * The journal's form of one command's events: one record, so that a command that touches every
     * table survives a crash whole or not at all. Secrets included.
     */
    public static String toJournal(List<Recorded> events) {
        List<JournalEvent> out = new ArrayList<>(events.size());
        for (Recorded r : events) {
            out.add(new JournalEvent(r.seq(), r.at().getEpochSecond() * 1_000_000_000L + r.at().getNano(), r.by(), r.table(),
                    r.table() == null ? (Event.WorkshopEvent) r.event() : null,
                    r.table() == null ? null : (Event.TableEvent) r.event(), r.commandId()));
        }
        try {
            return JOURNAL_WRITER.writeValueAsString(new JournalRecord(out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }

    /**
     * Reads journal records back, in parallel: parsing is most of a replay's cost and records are
     * independent; only the fold that follows must go in order. One list of events per record.
     */
    public static List<List<Recorded>> fromJournal(List<String> records) throws JsonProcessingException {
        try {
            return records.parallelStream().map(record -> {
                try {
                    return fromJournal(record);
                } catch (JsonProcessingException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.UncheckedIOException e) {
            throw (JsonProcessingException) e.getCause();
        }
    }

    /** Records per part of {@link #foldJournal}: small enough that the fold starts at once, large enough to hand out rarely. */
    private static final int FOLD_PART = 1024;

    /**
     * Reads journal records back and hands their events to {@code fold} in order, while later records are still
     * being read: the records are read in parts on the common pool's threads, and the calling thread folds each
     * part as soon as it is read, reading the next unclaimed part itself whenever the one it needs is not ready.
     * A record that does not read stops it with the exception {@link #fromJournal(String)} throws, once the parts
     * before that record's part are folded. Answers the number of events folded.
     */
    public static int foldJournal(List<String> records, java.util.function.Consumer<Recorded> fold) throws JsonProcessingException {
        int parts = (records.size() + FOLD_PART - 1) / FOLD_PART;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        @SuppressWarnings("unchecked")
        java.util.concurrent.CompletableFuture<List<Recorded>>[] read = new java.util.concurrent.CompletableFuture[parts];
        for (int i = 0; i < parts; i++) {
            read[i] = new java.util.concurrent.CompletableFuture<>();
        }
        Runnable helper = () -> {
            for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
                readPart(records, i, read[i]);
            }
        };
        int helpers = Math.min(parts - 1, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        for (int h = 0; h < helpers; h++) {
            java.util.concurrent.ForkJoinPool.commonPool().execute(helper);
        }
        int events = 0;
        for (int i = 0; i < parts; i++) {
            while (!read[i].isDone()) {
                int mine = next.getAndIncrement();
                if (mine >= parts) {
                    break;
                }
                readPart(records, mine, read[mine]);
            }
            List<Recorded> part;
            try {
                part = read[i].join();
            } catch (java.util.concurrent.CompletionException e) {
                next.set(parts); // the helpers stop at their next part
                if (e.getCause() instanceof JsonProcessingException j) {
                    throw j;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
            for (Recorded r : part) {
                fold.accept(r);
            }
            events += part.size();
        }
        return events;
    }

    private static void readPart(List<String> records, int part, java.util.concurrent.CompletableFuture<List<Recorded>> into) {
        try {
            List<Recorded> out = new ArrayList<>(FOLD_PART + FOLD_PART / 2);
            for (String record : records.subList(part * FOLD_PART, Math.min(records.size(), (part + 1) * FOLD_PART))) {
                out.addAll(fromJournal(record));
            }
            into.complete(out);
        } catch (Throwable e) {
            into.completeExceptionally(e);
        }
    }

    /**
     * Reads a journal record back into the events of one command. A record in the shape {@link #toJournal}
     * writes is read in one streaming pass ({@link #streamJournal}); anything else, and every record that does
     * not read, goes through the data binding of {@link JournalRecord} ({@link #bindJournal}), which stays the
     * definition of the form and gives the errors.
     */
    public static List<Recorded> fromJournal(String json) throws JsonProcessingException {
        List<Recorded> streamed = streamJournal(json);
        return streamed != null ? streamed : bindJournal(json);
    }

    /** The journal record read through the data binding of {@link JournalRecord}. */
    static List<Recorded> bindJournal(String json) throws JsonProcessingException {
        JournalRecord record = JOURNAL_READER.readValue(json);
        if (record == null || record.events() == null || record.events().isEmpty()) {
            throw new IllegalArgumentException("a journal record holds {\"events\":[...]}");
        }
        List<Recorded> out = new ArrayList<>(record.events().size());
        for (JournalEvent e : record.events()) {
            Recorded r = recorded(e);
            if (r == null) {
                throw new IllegalArgumentException("a journal event lacks its event or actor");
            }
            out.add(r);
        }
        return out;
    }

    /** The event of a journal envelope, or null when it lacks its event or actor. */
    private static Recorded recorded(JournalEvent e) {
        Event event = e.stream() == null ? e.workshop() : e.table();
        if (event == null || e.by() == null) {
            return null;
        }
        Instant at = Instant.ofEpochSecond(Math.floorDiv(e.atNanos(), 1_000_000_000L), Math.floorMod(e.atNanos(), 1_000_000_000L));
        return new Recorded(e.stream(), e.seq(), at, e.by(), event, e.commandId());
    }

    /**
     * The replay's fast path: the record's envelopes ({@link JournalEvent}, {@link Actor}) and events whose fields
     * are all plain values ({@link EventShape}) read by hand from the token stream, without the tree and the bean
     * machinery. Answers null for anything it does not know to read exactly as the binding does (an event with a
     * deck or a list, a field twice, a value of another kind, a record that does not read): the caller then binds
     * the record.
     */
    static List<Recorded> streamJournal(String json) {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            List<Recorded> out = null;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                if (!name.equals("events")) {
                    p.skipChildren();
                } else if (out != null || t != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    return null;
                } else {
                    out = new ArrayList<>(2);
                    while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                        Recorded r = streamEvent(p);
                        if (r == null) {
                            return null;
                        }
                        out.add(r);
                    }
                    if (t != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                        return null;
                    }
                }
            }
            return out == null || out.isEmpty() || p.currentToken() != com.fasterxml.jackson.core.JsonToken.END_OBJECT ? null : out;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static final List<String> ENVELOPE_FIELDS = List.of("seq", "atNanos", "by", "stream", "workshop", "table", "commandId");

    /** One {@link JournalEvent} from its START_OBJECT to its END_OBJECT; null when it is not in the written shape. */
    private static Recorded streamEvent(com.fasterxml.jackson.core.JsonParser p) throws java.io.IOException {
        long seq = 0;
        long atNanos = 0;
        Actor by = null;
        Integer stream = null;
        Event.WorkshopEvent workshop = null;
        Event.TableEvent table = null;
        String commandId = null;
        int seen = 0; // one bit per envelope field read: a field twice goes to the binding
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            String name = p.currentName();
            com.fasterxml.jackson.core.JsonToken t = p.nextToken();
            boolean isNull = t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
            boolean isObject = t == com.fasterxml.jackson.core.JsonToken.START_OBJECT;
            switch (name) {
                case "seq", "atNanos" -> {
                    if (t != com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT
                            || p.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.BIG_INTEGER) {
                        return null;
                    }
                    if (name.equals("seq")) {
                        seq = p.getLongValue();
                    } else {
                        atNanos = p.getLongValue();
                    }
                }
                case "by" -> {
                    if (!isNull && (!isObject || (by = streamActor(p)) == null)) {
                        return null;
                    }
                }
                case "stream" -> {
                    if (!isNull && (t != com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT
                            || p.getNumberType() != com.fasterxml.jackson.core.JsonParser.NumberType.INT)) {
                        return null;
                    }
                    stream = isNull ? null : p.getIntValue();
                }
                case "workshop" -> {
                    if (!isNull && !isObject) {
                        return null;
                    }
                    workshop = isNull ? null : (Event.WorkshopEvent) streamPayload(p, WORKSHOP_SHAPES);
                }
                case "table" -> {
                    if (!isNull && !isObject) {
                        return null;
                    }
                    table = isNull ? null : (Event.TableEvent) streamPayload(p, TABLE_SHAPES);
                }
                case "commandId" -> {
                    if (!isNull && t != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                        return null;
                    }
                    commandId = isNull ? null : p.getText();
                }
                default -> p.skipChildren();
            }
            int bit = ENVELOPE_FIELDS.indexOf(name) + 1;
            if (bit > 0 && (seen & (1 << bit)) != 0) {
                return null;
            }
            seen |= bit > 0 ? 1 << bit : 0;
        }
        return recorded(new JournalEvent(seq, atNanos, by, stream, workshop, table, commandId));
    }

    /**
     * How the stream reads one event type: the record's canonical constructor and its components, all of
     * kinds it reads by hand (text, whole numbers, numbers, yes/no, a side). Types with other fields (the
     * deck, lists, maps) are not here and are bound by the mapper.
     */
    private record EventShape(java.lang.reflect.Constructor<?> constructor, List<String> names, List<Class<?>> kinds) {
    }

    private static final Set<Class<?>> STREAMED_KINDS = Set.of(String.class, int.class, Integer.class, double.class, boolean.class, Side.class);
    private static final java.util.Map<String, EventShape> WORKSHOP_SHAPES = shapes(Event.WorkshopEvent.class);
    private static final java.util.Map<String, EventShape> TABLE_SHAPES = shapes(Event.TableEvent.class);

    /** The event types the stream reads by hand, by their wire name, from the family's {@code @JsonSubTypes}. */
    private static java.util.Map<String, EventShape> shapes(Class<?> family) {
        java.util.Map<String, EventShape> out = new java.util.HashMap<>();
        for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t : family.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
            java.lang.reflect.RecordComponent[] components = t.value().getRecordComponents();
            if (components == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            List<Class<?>> kinds = new ArrayList<>();
            for (java.lang.reflect.RecordComponent c : components) {
                names.add(c.getName());
                kinds.add(c.getType());
            }
            if (STREAMED_KINDS.containsAll(kinds)) {
                try {
                    out.put(t.name(), new EventShape(t.value().getDeclaredConstructor(kinds.toArray(Class<?>[]::new)), names, kinds));
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return java.util.Map.copyOf(out);
    }

    /**
     * One event from its START_OBJECT to its END_OBJECT, when its {@code "type"} comes first, names a type of
     * {@code shapes} and every field has exactly the kind of value its component takes; else
     * {@link IllegalArgumentException}, and the caller binds the whole record.
     */
    private static Event streamPayload(com.fasterxml.jackson.core.JsonParser p, java.util.Map<String, EventShape> shapes)
            throws java.io.IOException {
        if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.FIELD_NAME || !p.currentName().equals("type")
                || p.nextToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("not in the written shape");
        }
        EventShape shape = shapes.get(p.getText());
        if (shape == null) {
            throw new IllegalArgumentException("an event type the binding reads");
        }
        Object[] values = new Object[shape.names().size()];
        boolean[] set = new boolean[values.length];
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            int i = shape.names().indexOf(p.currentName());
            com.fasterxml.jackson.core.JsonToken t = p.nextToken();
            if (i < 0) {
                p.skipChildren();
                continue;
            }
            if (set[i]) {
                throw new IllegalArgumentException("a field twice");
            }
            set[i] = true;
            values[i] = scalar(p, t, shape.kinds().get(i));
        }
        for (int i = 0; i < values.length; i++) {
            Class<?> kind = shape.kinds().get(i);
            if (!set[i] && kind.isPrimitive()) {
                values[i] = kind == int.class ? (Object) 0 : kind == double.class ? (Object) 0.0 : (Object) false;
            }
        }
        try {
            return (Event) shape.constructor().newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A field's value when its token is exactly the kind the component takes; else {@link IllegalArgumentException}. */
    private static Object scalar(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonToken t, Class<?> kind)
            throws java.io.IOException {
        if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL && !kind.isPrimitive()) {
            return null;
        }
        if (kind == String.class && t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if ((kind == int.class || kind == Integer.class) && t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (kind == double.class && (t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT
                || t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT)) {
            return p.getDoubleValue();
        }
        if (kind == boolean.class && (t == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE || t == com.fasterxml.jackson.core.JsonToken.VALUE_FALSE)) {
            return t == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;
        }
        if (kind == Side.class && t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            return Side.of(p.getText());
        }
        throw new IllegalArgumentException("not the kind of value the field takes");
    }

    /** An {@link Actor} from its START_OBJECT to its END_OBJECT; null when it is not in the written shape. */
    private static Actor streamActor(com.fasterxml.jackson.core.JsonParser p) throws java.io.IOException {
        String participantId = null;
        String role = null;
        int fields = 0;
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            String name = p.currentName();
            com.fasterxml.jackson.core.JsonToken t = p.nextToken();
            if (name.equals("participantId") || name.equals("role")) {
                if (t != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    return null;
                }
                if (name.equals("participantId")) {
                    participantId = p.getText();
                } else {
                    role = p.getText();
                }
                fields++;
            } else {
                p.skipChildren();
            }
        }
        return fields == 2 && participantId != null && role != null ? new Actor(participantId, Role.of(role)) : null;
    }

    /** Reads one event envelope (as in the journal or an archive) back into an event. */
    public static Recorded fromEnvelope(JsonNode node) throws JsonProcessingException {
        Integer table = node.hasNonNull("stream") ? node.get("stream").intValue() : null;
        Event event = table == null
                ? MAPPER.treeToValue(node, Event.WorkshopEvent.class)
                : MAPPER.treeToValue(node, Event.TableEvent.class);
        Actor by = MAPPER.treeToValue(node.get("by"), Actor.class);
        String commandId = node.hasNonNull("commandId") ? node.get("commandId").asText() : null;
        return new Recorded(table, node.get("seq").longValue(), Instant.parse(node.get("at").textValue()), by, event, commandId);
    }

    /** One event's full envelope, secrets included: the form inside journal records and archives. */
    public static ObjectNode toEnvelope(Recorded r) {
        return envelope(r, false);
    }

    /** What a client receives: {@code {seq, type, at, by, stream?, commandId?, ...}} without secrets; {@code stream} is the table number of a table event. */
    public static ObjectNode toWire(Recorded r) {
        return envelope(r, true);
    }

    private static ObjectNode envelope(Recorded r, boolean wire) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", r.seq());
        ObjectNode payload = MAPPER.valueToTree(r.event());
        node.set("type", payload.remove("type"));
        node.put("at", r.at().toString());
        node.set("by", MAPPER.valueToTree(r.by()));
        if (r.table() != null) {
            node.put("stream", r.table());
        }
        if (r.commandId() != null) {
            node.put("commandId", r.commandId());
        }
        if (wire) {
            NOT_ON_THE_WIRE.forEach(payload::remove);
        }
        node.setAll(payload);
        return node;
    }
}
