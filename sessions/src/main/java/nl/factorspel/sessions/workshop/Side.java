package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A half of the board: what stimulated learning (left) or what hindered it (right). */
public enum Side {
    STIMULATING, HINDERING;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
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
