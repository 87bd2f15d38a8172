package nl.factorspel.sessions.workshop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The client's ids of the commands a workshop committed lately, per sender: a command sent again with
 * an id it already committed (a resend after a lost reply) is answered with the first outcome instead
 * of being applied twice. Rebuilt from the events' ids on replay; bounded, oldest forgotten first.
 */
public final class CommandIds {

    /** How many ids a workshop remembers: far more than any client's outbox holds across a reconnection. */
    static final int REMEMBERED = 4096;

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Where the command's events went: its first event's stream and the last seq there (the reply's seq). */
    public record Committed(Integer stream, long seq) {
    }

    private final LinkedHashMap<String, Committed> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Committed> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Whether {@code id} has the form the protocol allows: 1 to 64 of letters, digits and {@code . _ : -}. */
    public static boolean wellFormed(String id) {
        return id != null && FORM.matcher(id).matches();
    }

    /** What the command with this id from this sender committed, or null when it is new. */
    public Committed committed(Actor by, String commandId) {
        return commandId == null ? null : recent.get(key(by, commandId));
    }

    /** Remembers one committed event; a command's later events raise the seq of its first stream. */
    void remember(Recorded r) {
        if (r.commandId() == null) {
            return;
        }
        String key = key(r.by(), r.commandId());
        Committed before = recent.get(key);
        if (before == null) {
            recent.put(key, new Committed(r.table(), r.seq()));
        } else if (java.util.Objects.equals(before.stream(), r.table())) {
            recent.put(key, new Committed(r.table(), Math.max(before.seq(), r.seq())));
        }
    }

    /** The ids as a snapshot keeps them, oldest first. */
    Map<String, Committed> asMap() {
        return new LinkedHashMap<>(recent);
    }

    void restore(Map<String, Committed> ids) {
        if (ids != null) {
            recent.putAll(ids);
        }
    }

    // A sender's ids are its own: another participant who learns an id from the stream cannot use it to
    // make a command that was never sent count as done.
    private static String key(Actor by, String commandId) {
        return by.participantId() + '/' + commandId;
    }
}
