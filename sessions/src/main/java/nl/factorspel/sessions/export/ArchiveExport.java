package nl.factorspel.sessions.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The whole workshop as one JSON file: every event of every stream in the order it was committed, as
 * the journal records it (secrets' hashes included, so an import rebuilds the workshop exactly), with a
 * SHA-256 over the events that shows whether the file was changed or damaged. See {@code docs/exports.md}.
 */
public final class ArchiveExport {

    public static final String FORMAT = "factorspel-archive";
    public static final int VERSION = 1;

    private ArchiveExport() {
    }

    /** The archive of a workshop. The same events always give the same bytes. */
    public static byte[] write(Workshop w) {
        return write(w, false);
    }

    /**
     * The archive of a workshop; with {@code pseudonymise} every name is the participant's key (P01, ...)
     * and every token hash is withheld ({@code withheld:<key>}), so the file names no one and opens nothing,
     * and still reads back and replays (its sha256 is that of the pseudonymised events).
     */
    public static byte[] write(Workshop w, boolean pseudonymise) {
        ArrayNode events = WorkshopJson.MAPPER.createArrayNode();
        List<Recorded> all = w.allEvents();
        ParticipantKeys keys = ParticipantKeys.of(all);
        try {
            for (Recorded r : all) {
                events.add(WorkshopJson.toEnvelope(pseudonymise ? pseudonymised(r, keys) : r));
            }
            ObjectNode root = WorkshopJson.MAPPER.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", VERSION);
            root.put("workshopId", w.state().id());
            root.put("title", w.state().title());
            root.set("deck", WorkshopJson.MAPPER.valueToTree(w.state().deck()));
            root.set("events", events);
            root.put("sha256", sha256(events));
            return WorkshopJson.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the workshop's events could not be written as JSON", e);
        }
    }

    /**
     * Reads an archive back into its events, in commit order, after checking that it is whole: the right
     * format and version, events that match the hash, every stream numbered from 1 without gaps, a
     * workshop that begins with {@code workshopCreated}, and events that replay.
     */
    public static List<Recorded> read(byte[] archive) throws InvalidArchiveException {
        JsonNode root;
        try {
            root = WorkshopJson.MAPPER.readTree(archive);
        } catch (IOException e) {
            throw new InvalidArchiveException("the archive is not valid JSON: " + firstLine(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidArchiveException("the archive is not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new InvalidArchiveException("this is not a Factorspel archive: \"format\" must be \"" + FORMAT + "\"");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new InvalidArchiveException("archive version " + version + " cannot be read; this Factorspel reads version " + VERSION);
        }
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw new InvalidArchiveException("the archive has no \"events\" array");
        }
        JsonNode hash = root.get("sha256");
        if (hash == null || !hash.isTextual()) {
            throw new InvalidArchiveException("the archive has no \"sha256\"");
        }
        if (!sha256((ArrayNode) events).equalsIgnoreCase(hash.textValue())) {
            throw new InvalidArchiveException("the archive's events do not match its sha256: it was changed or damaged after it was exported");
        }
        if (events.isEmpty()) {
            throw new InvalidArchiveException("the archive holds no events");
        }
        java.util.Optional<nl.factorspel.decks.TextRule.Violation> badText = nl.factorspel.decks.TextRule.firstViolation(root);
        if (badText.isPresent()) {
            throw new InvalidArchiveException(badText.get().message());
        }

        List<Recorded> recorded = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                recorded.add(WorkshopJson.fromEnvelope(events.get(i)));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new InvalidArchiveException("event " + (i + 1) + " cannot be read: " + firstLine(e), e);
            }
        }
        Recorded first = recorded.get(0);
        if (!(first.event() instanceof Event.WorkshopCreated created) || first.table() != null || first.seq() != 1) {
            throw new InvalidArchiveException("the archive is incomplete: its first event is not the workshop's workshopCreated");
        }
        if (!created.workshopId().matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidArchiveException("the archive's workshop id is not a workshop id (letters, digits, - and _, at most 64)");
        }
        if (!created.workshopId().equals(root.path("workshopId").asText(null))) {
            throw new InvalidArchiveException("the archive's workshopId does not match its events (" + created.workshopId() + ")");
        }
        JsonNode deck = root.get("deck");
        if (deck != null && !deck.equals(WorkshopJson.MAPPER.valueToTree(created.deck()))) {
            throw new InvalidArchiveException("the archive's deck is not the deck its workshop was created with");
        }
        checkNumbering(recorded, created.tables());
        try {
            Workshop.replay(recorded);
        } catch (RuntimeException e) {
            throw new InvalidArchiveException("the archive's events do not replay: " + firstLine(e), e);
        }
        return List.copyOf(recorded);
    }

    /** The event with names replaced by keys and secrets' hashes withheld; other events unchanged. */
    private static Recorded pseudonymised(Recorded r, ParticipantKeys keys) {
        Event e = r.event();
        if (e instanceof Event.WorkshopCreated c) {
            e = new Event.WorkshopCreated(c.workshopId(), c.title(), c.deck(), c.tables(), c.roundMinutes(), c.language(),
                    c.graceSeconds(), c.joinCode(), "withheld:facilitator", "withheld:projector");
        } else if (e instanceof Event.ParticipantJoined j) {
            String key = keys.key(j.participantId());
            e = new Event.ParticipantJoined(j.participantId(), key, j.table(), j.seat(), "withheld:" + key);
        } else if (e instanceof Event.ParticipantRenamed n) {
            e = new Event.ParticipantRenamed(n.participantId(), keys.key(n.participantId()));
        }
        return e == r.event() ? r : new Recorded(r.table(), r.seq(), r.at(), r.by(), e, r.commandId());
    }

    /**
     * The secrets an imported workshop gets instead of the archive's: its own id and join code, and new token
     * hashes for the facilitator, the projector and each participant (by participant id). An archive's hashes
     * are never used, so a file cannot give anyone a way into a workshop, this one or another.
     */
    public record Keys(String workshopId, String joinCode, String facilitatorTokenHash, String projectorTokenHash,
                       Map<String, String> participantTokenHashes) {
    }

    /** The ids of the archive's participants, in the order they joined: the ones that get new tokens. */
    public static List<String> participantIds(List<Recorded> events) {
        return events.stream().filter(r -> r.event() instanceof Event.ParticipantJoined)
                .map(r -> ((Event.ParticipantJoined) r.event()).participantId()).distinct().toList();
    }

    /** The archive's events as a new workshop's: the same story under the new id, join code and token hashes. */
    public static List<Recorded> withKeys(List<Recorded> events, Keys keys) {
        List<Recorded> out = new ArrayList<>(events.size());
        for (Recorded r : events) {
            Event e = r.event();
            if (e instanceof Event.WorkshopCreated c) {
                e = new Event.WorkshopCreated(keys.workshopId(), c.title(), c.deck(), c.tables(), c.roundMinutes(), c.language(),
                        c.graceSeconds(), keys.joinCode(), keys.facilitatorTokenHash(), keys.projectorTokenHash());
            } else if (e instanceof Event.ParticipantJoined j) {
                String hash = keys.participantTokenHashes().get(j.participantId());
                if (hash == null) {
                    throw new IllegalArgumentException("no new token for participant " + j.participantId());
                }
                e = new Event.ParticipantJoined(j.participantId(), j.name(), j.table(), j.seat(), hash);
            }
            out.add(new Recorded(r.table(), r.seq(), r.at(), r.by(), e, r.commandId()));
        }
        return List.copyOf(out);
    }

    /**
     * Holds an archive to the limits live commands are held to: tables, title, names and texts (the longest
     * text any command takes), and a deck that passes the deck loader's checks.
     */
    public static void checkLimits(List<Recorded> events, Limits limits) throws InvalidArchiveException {
        int longest = java.util.stream.IntStream.of(limits.maxExplanation(), limits.maxNote(), limits.maxAnnotation(),
                limits.maxReflection(), limits.maxBroadcast(), limits.maxLinkLabel(), limits.maxDiscussionAnswer()).max().orElse(0);
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i).event();
            String where = "event " + (i + 1) + " (" + e.getClass().getSimpleName() + ")";
            if (e instanceof Event.WorkshopCreated c) {
                if (c.tables() < 1 || c.tables() > limits.maxTables()) {
                    throw new InvalidArchiveException(where + " has " + c.tables() + " tables; this server takes 1 to " + limits.maxTables());
                }
                if (c.title() == null || c.title().length() > limits.maxTitle()) {
                    throw new InvalidArchiveException(where + ": the title is missing or longer than " + limits.maxTitle() + " characters");
                }
                try {
                    nl.factorspel.decks.DeckLoader.parse("the archive's deck", WorkshopJson.MAPPER.writeValueAsString(c.deck()));
                } catch (nl.factorspel.decks.InvalidDeckException | JsonProcessingException ex) {
                    throw new InvalidArchiveException("the archive's deck is not a valid deck: " + firstLine(ex), ex);
                }
                continue;
            }
            String name = e instanceof Event.ParticipantJoined j ? j.name() : e instanceof Event.ParticipantRenamed n ? n.name() : null;
            if (name != null && name.length() > limits.maxName()) {
                throw new InvalidArchiveException(where + ": a name longer than " + limits.maxName() + " characters");
            }
            JsonNode fields = WorkshopJson.MAPPER.valueToTree(e);
            for (JsonNode field : fields) {
                if (field.isTextual() && field.textValue().length() > longest) {
                    throw new InvalidArchiveException(where + ": a text longer than " + longest + " characters");
                }
            }
        }
    }

    /** Every stream must count 1, 2, 3, ... in commit order: a gap means events are missing. */
    private static void checkNumbering(List<Recorded> recorded, int tables) throws InvalidArchiveException {
        Map<Integer, Long> last = new HashMap<>();
        for (int i = 0; i < recorded.size(); i++) {
            Recorded r = recorded.get(i);
            String stream = r.table() == null ? "the workshop stream" : "table " + r.table();
            if (r.table() != null && (r.table() < 1 || r.table() > tables)) {
                throw new InvalidArchiveException("event " + (i + 1) + " is for table " + r.table()
                        + ", but the workshop has tables 1 to " + tables);
            }
            if (i > 0 && r.event() instanceof Event.WorkshopCreated) {
                throw new InvalidArchiveException("event " + (i + 1) + " creates the workshop a second time");
            }
            long expected = last.getOrDefault(r.table(), 0L) + 1;
            if (r.seq() != expected) {
                throw new InvalidArchiveException("the archive is incomplete: event " + (i + 1) + " has seq " + r.seq()
                        + " in " + stream + " where seq " + expected + " was due");
            }
            last.put(r.table(), r.seq());
        }
    }

    /** The SHA-256 of the events array's canonical text: Jackson's compact form of it, as UTF-8. */
    static String sha256(ArrayNode events) {
        try {
            byte[] text = WorkshopJson.MAPPER.writeValueAsString(events).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("events could not be written as JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
