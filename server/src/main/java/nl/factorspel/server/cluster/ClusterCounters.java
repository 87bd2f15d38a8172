package nl.factorspel.server.cluster;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * What the cluster costs this member, counted where it happens: commands decided here as their workshop's
 * owner, commands sent on to the owner, the network round trips a command waited for, and the records of
 * other members followed into this member's copy. Served on {@code /metrics}; the scaling test reads them.
 */
public final class ClusterCounters {

    /** One counter as {@code /metrics} names it. */
    public record Figure(String name, String help, DoubleSupplier value) {
    }

    final LongAdder decided = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder roundTrips = new LongAdder();
    final LongAdder followed = new LongAdder();
    final LongAdder fetches = new LongAdder();
    /** On the owner: from the partition taking a record to its synchronous backups holding it. */
    final LongAdder backupNanos = new LongAdder();
    /** On the member a command came in on: from sending it to its owner to the owner's answer. */
    final LongAdder forwardNanos = new LongAdder();

    public List<Figure> figures() {
        return List.of(
                new Figure("factorspel_cluster_commands_decided_total", "Commands decided on this member as their workshop's owner", decided::sum),
                new Figure("factorspel_cluster_commands_forwarded_total", "Commands this member sent to their workshop's owner", forwarded::sum),
                new Figure("factorspel_cluster_round_trips_total",
                        "Network round trips commands waited for here: the hop to the owner, each synchronous backup of a record, index writes", roundTrips::sum),
                new Figure("factorspel_cluster_records_followed_total", "Records decided on other members folded into this member's copy", followed::sum),
                new Figure("factorspel_cluster_record_fetches_total", "Fetches of records from the cluster to catch up", fetches::sum),
                new Figure("factorspel_cluster_backup_wait_seconds_total",
                        "Time records decided here waited, after their partition took them, for their synchronous backups", () -> backupNanos.sum() / 1e9),
                new Figure("factorspel_cluster_forward_seconds_total",
                        "Time commands sent to their workshop's owner took to be answered by it", () -> forwardNanos.sum() / 1e9));
    }
}
