package nl.factorspel.sessions.workshop;

import java.time.Instant;

/**
 * An event as it was committed: its stream ({@code table} null for the workshop stream), its
 * number there (from 1, no gaps), when, by whom, and the client's id of the command that produced it
 * (null when the sender gave none).
 */
public record Recorded(Integer table, long seq, Instant at, Actor by, Event event, String commandId) {

    public Recorded(Integer table, long seq, Instant at, Actor by, Event event) {
        this(table, seq, at, by, event, null);
    }

    public boolean isWorkshopStream() {
        return table == null;
    }
}
