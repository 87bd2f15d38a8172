package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Who someone is in the workshop; what each role may do is decided in {@link Permissions}. */
public enum Role {
    FACILITATOR, INTERVIEWER, RESPONDENT, REPORTER, OBSERVER, PROJECTOR,
    /** One laptop shared by a whole table: it holds every seat. */
    SHARED,
    /** The server itself (the clock running out, an automatic end of round). */
    SYSTEM;

    /** The lower-case name, computed once: it is read and written for every event of a replay. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Role of(String wire) {
        for (Role r : values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + wire + "\"");
    }
}
