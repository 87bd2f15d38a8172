package nl.factorspel.sessions.workshop;

import java.time.Instant;

/**
 * An event as it was committed: its stream ({@code table} null for the workshop stream), its
 * number there (from 1, no gaps), when, and by whom.
 */
public record Recorded(Integer table, long seq, Instant at, Actor by, Event event) {

    public boolean isWorkshopStream() {
        return table == null;
    }
}
