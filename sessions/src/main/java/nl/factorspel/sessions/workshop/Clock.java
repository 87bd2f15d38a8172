package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Locale;

/**
 * The one clock of the workshop, shared by every table. Running: it ends at {@code endsAt}. Paused:
 * {@code remainingMs} are left. Expired: the whistle has blown.
 */
public record Clock(Status status, long durationMs, Instant endsAt, long remainingMs) {

    public static final Clock IDLE = new Clock(Status.IDLE, 0, null, 0);

    /** What the clock is doing. */
    public enum Status {
        IDLE, RUNNING, PAUSED, EXPIRED;

        private final String wire = name().toLowerCase(Locale.ROOT);

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    /** Milliseconds left at {@code now}, never negative. */
    public long remainingAt(Instant now) {
        return switch (status) {
            case RUNNING -> Math.max(0, endsAt.toEpochMilli() - now.toEpochMilli());
            case PAUSED -> remainingMs;
            case IDLE, EXPIRED -> 0;
        };
    }
}
