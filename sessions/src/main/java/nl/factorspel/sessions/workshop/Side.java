package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A half of the board: what stimulated learning (left) or what hindered it (right). */
public enum Side {
    STIMULATING, HINDERING;

    /** The lower-case name, computed once: it is read and written for every event of a replay. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Side of(String wire) {
        for (Side s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("side must be \"stimulating\" or \"hindering\", not \"" + wire + "\"");
    }
}
