package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Where the whole room is: waiting, playing a round, plenary feedback, table talk (Deel 3), or done. */
public enum Phase {
    LOBBY, ROUND, PLENARY, DISCUSSION, CLOSED;

    /** The lower-case name, computed once: it is read and written for every event of a replay. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Phase of(String wire) {
        return parse(wire).orElseThrow(() -> new IllegalArgumentException("unknown phase \"" + wire + "\""));
    }

    public static Optional<Phase> parse(String wire) {
        for (Phase p : values()) {
            if (p.wire().equals(wire)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
