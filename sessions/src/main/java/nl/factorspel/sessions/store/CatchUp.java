package nl.factorspel.sessions.store;

import nl.factorspel.sessions.workshop.Recorded;

import java.util.List;

/**
 * What a client that fell behind gets: the events after the seq it holds, or, when that would be
 * longer, a snapshot of the stream's state at {@code seq}.
 */
public record CatchUp(List<Recorded> events, Object snapshot, long seq) {
}
