package nl.factorspel.sessions.journal;

/**
 * Counters of a {@link Journal} since it was opened, for /metrics.
 *
 * @param fsyncs     number of fsync/fdatasync calls (event files, snapshot files and directories)
 * @param fsyncNanos total time spent in those calls, in nanoseconds
 * @param records    records written and made durable
 * @param batches    group commits that wrote at least one record
 */
public record JournalStats(long fsyncs, long fsyncNanos, long records, long batches) {
}
