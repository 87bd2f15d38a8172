package nl.factorspel.sessions.workshop;

import java.time.Instant;

/** A person at a table, in a seat; {@code left} once they have gone (their seat is free again). */
public record Participant(String id, String name, int table, Seat seat, String tokenHash, Instant joinedAt,
                          boolean left) {

    public Participant renamed(String name) {
        return new Participant(id, name, table, seat, tokenHash, joinedAt, left);
    }

    public Participant seated(int table, Seat seat) {
        return new Participant(id, name, table, seat, tokenHash, joinedAt, left);
    }

    public Participant gone() {
        return new Participant(id, name, table, seat, tokenHash, joinedAt, true);
    }
}
