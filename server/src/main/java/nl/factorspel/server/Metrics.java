package nl.factorspel.server;

import nl.factorspel.sessions.journal.JournalStats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The figures behind {@code GET /metrics}, in the Prometheus text format. */
public final class Metrics {

    final AtomicLong connections = new AtomicLong();
    final LongAdder connectionsTotal = new LongAdder();
    final LongAdder commands = new LongAdder();
    final LongAdder events = new LongAdder();
    final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    final LongAdder commandNanos = new LongAdder();
    final LongAdder publishNanos = new LongAdder();
    final LongAdder published = new LongAdder();
    private final Supplier<JournalStats> journal;
    /** Counters others keep (a cluster member's), rendered after the journal's. */
    private final Map<String, Map.Entry<String, java.util.function.DoubleSupplier>> more = new java.util.concurrent.ConcurrentSkipListMap<>();

    public Metrics(Supplier<JournalStats> journal) {
        this.journal = journal;
    }

    /** Adds a counter kept elsewhere, read when {@code /metrics} is asked for. */
    public void counter(String name, String help, LongSupplier value) {
        more.put(name, Map.entry(help, value::getAsLong));
    }

    /** A counter of a fractional amount (seconds), added by a part of the server that keeps its own. */
    public void counter(String name, String help, java.util.function.DoubleSupplier value) {
        more.put(name, Map.entry(help, value));
    }

    void rejected(String code) {
        rejections.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    public String render(int workshops) {
        StringBuilder sb = new StringBuilder();
        gauge(sb, "factorspel_connections", "Open bridge connections", connections.get());
        counter(sb, "factorspel_connections_total", "Bridge connections opened", connectionsTotal.sum());
        gauge(sb, "factorspel_workshops", "Workshops held by this server", workshops);
        counter(sb, "factorspel_commands_total", "Commands received (accepted or rejected)", commands.sum());
        counter(sb, "factorspel_events_total", "Events committed", events.sum());
        sb.append("# HELP factorspel_rejections_total Commands rejected, by code\n# TYPE factorspel_rejections_total counter\n");
        new TreeMap<>(rejections).forEach((code, n) -> sb.append("factorspel_rejections_total{code=\"").append(code).append("\"} ").append(n.sum()).append('\n'));
        counter(sb, "factorspel_command_seconds_total", "Time from a command's arrival to its durable reply", commandNanos.sum() / 1e9);
        counter(sb, "factorspel_eventbus_publish_seconds_total", "Time from commit to publication on the event bus", publishNanos.sum() / 1e9);
        counter(sb, "factorspel_eventbus_published_total", "Events published on the event bus", published.sum());
        JournalStats j = journal.get();
        counter(sb, "factorspel_journal_fsyncs_total", "Journal fsyncs", j.fsyncs());
        counter(sb, "factorspel_journal_fsync_seconds_total", "Time spent in journal fsyncs", j.fsyncNanos() / 1e9);
        counter(sb, "factorspel_journal_records_total", "Journal records written", j.records());
        counter(sb, "factorspel_journal_batches_total", "Journal group-commit batches", j.batches());
        more.forEach((name, c) -> counter(sb, name, c.getKey(), c.getValue().getAsDouble()));
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help, double value) {
        line(sb, name, help, "gauge", value);
    }

    private static void counter(StringBuilder sb, String name, String help, double value) {
        line(sb, name, help, "counter", value);
    }

    private static void line(StringBuilder sb, String name, String help, String type, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ');
        if (value == Math.rint(value)) {
            sb.append((long) value);
        } else {
            sb.append(value);
        }
        sb.append('\n');
    }
}
