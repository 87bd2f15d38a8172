package nl.factorspel.sessions.store;

import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopViews;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each stream of one workshop is durable (table number, or 0 for the workshop stream): catch-up
 * hands out only events that are, so a client never holds an event a crash could take back.
 */
public final class DurableSeqs {

    private final Map<Integer, Long> highest = new ConcurrentHashMap<>();

    /** The highest durable seq of a stream ({@code null}: the workshop stream). */
    public long of(Integer table) {
        return highest.getOrDefault(table == null ? 0 : table, 0L);
    }

    /** The events of one record are durable now. */
    public void mark(List<Recorded> events) {
        Map<Integer, Long> inRecord = new HashMap<>();
        for (Recorded r : events) {
            inRecord.merge(r.table() == null ? 0 : r.table(), r.seq(), Math::max);
        }
        inRecord.forEach((stream, seq) -> highest.merge(stream, seq, Math::max));
    }

    /** Every event the workshop holds is durable (it was read from the journal). */
    public void markAll(Workshop w) {
        highest.merge(0, w.seq(null), Math::max);
        for (int t = 1; t <= w.tableCount(); t++) {
            highest.merge(t, w.seq(t), Math::max);
        }
    }

    /**
     * The durable events of a stream after {@code sinceSeq}, or a snapshot when that is shorter and the
     * stream is durable to its end; empty for a stream the workshop does not have. The caller holds the
     * workshop still while this runs.
     */
    public Optional<CatchUp> catchUp(Workshop w, Integer table, long sinceSeq, Instant now) {
        if (w.state() == null || (table != null && (table < 1 || table > w.tableCount()))) {
            return Optional.empty();
        }
        long durable = of(table);
        // Behind a workshop's snapshot the events are on disk, not in memory: a view answers without reading them.
        boolean onDisk = !w.holdsSince(table, sinceSeq);
        if (onDisk && durable == w.seq(table)) {
            Object snapshot = table == null ? WorkshopViews.workshop(w, now) : WorkshopViews.table(w, table);
            return Optional.of(new CatchUp(List.of(), snapshot, durable));
        }
        List<Recorded> events = w.eventsSince(table, sinceSeq).stream().filter(r -> r.seq() <= durable).toList();
        if (events.size() > WorkshopViews.SNAPSHOT_THRESHOLD && durable == w.seq(table)) {
            Object snapshot = table == null ? WorkshopViews.workshop(w, now) : WorkshopViews.table(w, table);
            return Optional.of(new CatchUp(List.of(), snapshot, durable));
        }
        return Optional.of(new CatchUp(events, null, events.isEmpty() ? Math.min(sinceSeq, durable) : events.get(events.size() - 1).seq()));
    }
}
