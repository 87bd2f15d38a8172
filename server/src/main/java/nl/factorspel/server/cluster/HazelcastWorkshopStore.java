package nl.factorspel.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.store.CatchUp;
import nl.factorspel.sessions.store.CommitListeners;
import nl.factorspel.sessions.store.Committed;
import nl.factorspel.sessions.store.Grant;
import nl.factorspel.sessions.store.WorkshopStore;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Rejection;
import nl.factorspel.sessions.workshop.Workshop;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The store of a cluster member. The authoritative log of every workshop lives in Hazelcast: record
 * {@code n} of a workshop (the events of its n-th accepted command, in the journal's form) under key
 * {@code n@<workshopId>} in {@value ClusterLog#RECORDS}, written once with {@code putIfAbsent}. A workshop's
 * commands are decided on its owner (the member that owns the partition of its id), in memory and with no
 * cluster lock; a command that arrives elsewhere goes there in one hop. The owner's record goes into the map
 * (with its synchronous backup), and the command is acknowledged once the record is fsynced in the owner's
 * journal. Every 1,000 records the owner cuts the log in the cluster's memory; the journals keep it whole.
 *
 * <p>Every member follows every workshop: the records map's listener brings each record, which the member
 * folds into its own copy (which serves reads) and writes to its own journal without an fsync of its own, in
 * log order, so each member's journal is the log (or a prefix of it) in exactly the single-node format. The
 * owner notifies {@link #onCommitted} listeners (which publish on the clustered event bus), so each event goes
 * out once and in log order; on the others {@link #onFollowed} hears them. See {@code docs/cluster.md}.
 *
 * <p>This class is the store's API and wiring. The parts, one job each: {@link ClusterLog} the cluster's maps;
 * {@link MemberWorkshops} and {@link MemberSlot} what this member holds; {@link ClusterSeeding} the start;
 * {@link Follower} following the log into this member; {@link ClusterCommits} commands (sent to the owner by
 * {@link DecideOnOwner}) and imports; {@link PeerJournals} records below the cut from another member's journal;
 * {@link ClusterRepair} putting back what the cluster lost; {@link ClusterDeletion} deleting everywhere;
 * {@link ClusterLookups} bringing in what a token, join code or catch-up needs, without waiting on a thread;
 * {@link ClusterCounters} what it costs.
 */
public final class HazelcastWorkshopStore implements WorkshopStore {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);

    /** How long a starting member catches up before it serves; after that it catches up while serving. */
    static final Duration CATCH_UP_BEFORE_SERVING = Duration.ofSeconds(5);
    /** How long after a member left its partitions are taken to have new owners. */
    private static final long TAKE_OVER_DELAY_MILLIS = 1500;

    private final ClusterLog log;
    private final MemberWorkshops members;
    private final Clock clock;
    private final ExecutorService pool;
    private final ScheduledExecutorService scheduler;
    private final CommitListeners listeners = new CommitListeners();
    private final CommitListeners followers = new CommitListeners();
    private final Follower follower;
    private final ClusterSeeding seeding;
    private final ClusterCommits commits;
    private final ClusterDeletion deletion;
    private final ClusterRepair repair;
    private final ClusterLookups lookups;
    private final ClusterCounters counters = new ClusterCounters();
    private UUID recordListenerId;
    private UUID tombstoneListenerId;
    private UUID membershipListenerId;

    /**
     * A member's store on {@code hz}, journaling under {@code dataDir}; a deletion's tombstone lives for
     * {@code tombstoneLife} (the retention period: no journal older than that comes back).
     */
    public HazelcastWorkshopStore(HazelcastInstance hz, Journal journal, java.nio.file.Path dataDir, Limits limits, Clock clock,
                                  Duration tombstoneLife) {
        this.log = new ClusterLog(hz);
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(16, daemon("factorspel-cluster"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("factorspel-reconcile"));
        this.members = new MemberWorkshops(journal, pool);
        LocalTombstones localTombstones = new LocalTombstones(dataDir, clock, tombstoneLife);
        this.follower = new Follower(members, log, listeners, followers, counters, new PeerJournals(log, members));
        this.seeding = new ClusterSeeding(members, log, localTombstones);
        this.commits = new ClusterCommits(members, log, follower, limits, clock, counters);
        this.deletion = new ClusterDeletion(members, log, localTombstones);
        this.repair = new ClusterRepair(members, log, follower, deletion, scheduler);
        this.lookups = new ClusterLookups(members, log, follower, pool);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ------------------------------------------------------------------------------------------- start

    /**
     * Brings this member into the cluster's log and starts following it. On a cold start (no member has
     * formed the cluster yet: a first start, or every member was stopped) it first waits, up to
     * {@code waitForMembers}, for a majority of {@code expectedMembers} (writing needs one) and a few seconds
     * more for the rest, then seeds the cluster from its journal, and waits for the members present to have
     * seeded theirs too, so that no member serves a workshop before every journal present that might hold a
     * longer log is in. Answers once this member has caught up with every workshop, or after
     * {@link #CATCH_UP_BEFORE_SERVING}: it goes on catching up while it serves.
     */
    public void start(int expectedMembers, Duration waitForMembers) throws InterruptedException {
        int workshops = seeding.seed(expectedMembers, waitForMembers);
        registerListeners();
        members.ready = true;
        repair.reconcile();
        // Serving starts within seconds: a workshop not caught up yet answers not_ready until it is (ClusterLookups).
        boolean caughtUp = ClusterSeeding.waitFor(() -> log.heads.entrySet().stream().allMatch(e -> members.quarantined.contains(e.getKey())
                || Optional.ofNullable(members.slots.get(e.getKey())).map(s -> s.durableIndex >= e.getValue() || s.broken).orElse(false)),
                CATCH_UP_BEFORE_SERVING.compareTo(waitForMembers) < 0 ? CATCH_UP_BEFORE_SERVING : waitForMembers);
        LOG.info("cluster store ready: {} workshops from this member's journal, {} in the cluster{}", workshops,
                members.slots.size(), caughtUp ? "" : " (still catching up)");
    }

    private void registerListeners() {
        recordListenerId = log.records.addEntryListener((EntryAddedListener<String, String>) e -> recordAdded(e.getKey(), e.getValue()), true);
        tombstoneListenerId = log.tombstones.addEntryListener(new OnSet<String>(deletion::buried), true);
        log.records.addPartitionLostListener(e -> {
            LOG.warn("the cluster lost a partition of workshop records; putting back what this member's journal holds");
            scheduler.execute(repair::reseedAll);
        });
        log.heads.addPartitionLostListener(e -> {
            LOG.warn("the cluster lost a partition of workshop heads; putting back what this member's journal holds");
            scheduler.execute(repair::reseedAll);
        });
        membershipListenerId = log.hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("cluster member joined: {} ({} members)", event.getMember().getAddress(), event.getMembers().size());
                // Partitions move to the new member: an owner looks at the log again before it decides.
                members.slots.values().forEach(slot -> slot.current = false);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info("cluster member left: {} ({} members)", event.getMember().getAddress(), event.getMembers().size());
                if (members.closed) {
                    return;
                }
                members.slots.values().forEach(slot -> slot.current = false);
                // Once its partitions have new owners, each new owner adopts what the member that left wrote
                // but could not announce; every member follows what it missed.
                scheduler.schedule(commits::takeOver, TAKE_OVER_DELAY_MILLIS, TimeUnit.MILLISECONDS);
                scheduler.schedule(repair::reconcileQuietly, TAKE_OVER_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Hears a key of a cluster map set, for the first time or again, with its new value. */
    private record OnSet<V>(BiConsumer<String, V> heard) implements EntryAddedListener<String, V>, EntryUpdatedListener<String, V> {
        @Override
        public void entryAdded(EntryEvent<String, V> event) {
            heard.accept(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, V> event) {
            heard.accept(event.getKey(), event.getValue());
        }
    }

    /** A record went into the cluster's log (the listener carries it): fold it in. */
    private void recordAdded(String key, String record) {
        int at = key.indexOf('@');
        if (at <= 0 || record == null) {
            return;
        }
        String id = key.substring(at + 1);
        long n = Long.parseLong(key.substring(0, at));
        String buried = members.deleted.get(id);
        if (buried != null) {
            if (n > 1 || buried.equals(ClusterLog.digest(record))) {
                return; // a record of the workshop deleted here, heard late
            }
            members.deleted.remove(id, buried); // another workshop of that id (an import)
        }
        if (members.ready && !members.closed && !members.quarantined.contains(id)) {
            follower.heard(members.slot(id), n, record);
        }
    }

    /**
     * Whether this member decides a workshop's commands now (it owns the workshop's partition): the one
     * member whose clock blows the whistle.
     */
    public boolean decidesHere(String workshopId) {
        return log.ownsHere(workshopId);
    }

    /** What the cluster costs this member, for {@code /metrics}. */
    public ClusterCounters counters() {
        return counters;
    }

    // ------------------------------------------------------------------------------------------- commands

    @Override
    public CompletionStage<Workshop.Outcome> submit(String workshopId, Integer table, Command command, Actor actor,
                                                     String commandId) {
        return commits.submit(workshopId, table, command, actor, commandId);
    }

    @Override
    public CompletionStage<Optional<Rejection>> importWorkshop(List<Recorded> events) {
        return commits.importWorkshop(events);
    }

    // ------------------------------------------------------------------------------------------- reads

    @Override
    public <T> Optional<T> read(String workshopId, Function<Workshop, T> reader) {
        MemberSlot slot = members.slots.get(workshopId);
        if (slot == null || members.quarantined.contains(workshopId)) {
            return Optional.empty();
        }
        synchronized (slot) {
            return slot.workshop.readIfCreated(reader);
        }
    }

    /** Catch-up from this member's durable records; {@link #readyForWorkshop} first brings them up to the cluster's head. */
    @Override
    public Optional<CatchUp> catchUp(String workshopId, Integer table, long sinceSeq) {
        MemberSlot slot = members.slots.get(workshopId);
        if (slot == null || members.quarantined.contains(workshopId)) {
            return Optional.empty();
        }
        synchronized (slot) {
            return slot.durable.catchUp(slot.workshop, table, sinceSeq, clock.instant());
        }
    }

    /** From this member's copy, never waiting; {@link #readyForJoinCode} first brings in what the cluster's index names. */
    @Override
    public Optional<String> workshopByJoinCode(String joinCode) {
        if (joinCode == null) {
            return Optional.empty();
        }
        return members.index.workshopByJoinCode(joinCode);
    }

    /** From this member's copy, never waiting; {@link #readyForToken} first brings in what the cluster's index names. */
    @Override
    public Optional<Grant> grant(String tokenHash) {
        if (tokenHash == null) {
            return Optional.empty();
        }
        return members.index.grant(tokenHash).filter(g -> g.stillOpens(this));
    }

    @Override
    public CompletionStage<Boolean> readyForToken(String tokenHash) {
        return lookups.token(tokenHash);
    }

    @Override
    public CompletionStage<Boolean> readyForJoinCode(String joinCode) {
        return lookups.joinCode(joinCode);
    }

    @Override
    public CompletionStage<Boolean> readyForWorkshop(String workshopId) {
        return lookups.workshop(workshopId);
    }

    @Override
    public List<String> workshopIds() {
        List<String> ids = new ArrayList<>();
        members.slots.forEach((id, slot) -> {
            if (!slot.gone && !members.quarantined.contains(id) && read(id, w -> Boolean.TRUE).orElse(false)) {
                ids.add(id);
            }
        });
        ids.sort(null);
        return ids;
    }

    public List<String> loadProblems() {
        return List.copyOf(members.loadProblems);
    }

    // ------------------------------------------------------------------------------------------- deleting

    /**
     * Deletes a workshop in the whole cluster: a tombstone (kept in every member's data folder, so a member
     * that is away now cannot bring it back), its head, its records and its index entries; every member
     * then deletes its own copy and files.
     */
    @Override
    public boolean delete(String workshopId) {
        return deletion.delete(workshopId);
    }

    /** Deletes every workshop whose journal here was last written more than {@code maxAge} ago. */
    public int expire(Duration maxAge) {
        return (int) members.journal.idleSince(clock.instant().minus(maxAge), workshopIds()).stream().filter(this::delete).count();
    }

    // ------------------------------------------------------------------------------------------- listeners and closing

    /** Hears committed events once durable here, on the one member that publishes the workshop's events. */
    @Override
    public void onCommitted(Consumer<Committed> listener) {
        listeners.add(listener);
    }

    /** Hears committed events once durable here, on every member but the one that publishes them. */
    public void onFollowed(Consumer<Committed> listener) {
        followers.add(listener);
    }

    /** Stops taking commands, lets the ones in flight finish, and closes the journal; the Hazelcast member stays up. */
    @Override
    public void close() {
        if (members.closed) {
            return;
        }
        members.closed = true;
        members.ready = false;
        try {
            if (recordListenerId != null) {
                log.records.removeEntryListener(recordListenerId);
                log.tombstones.removeEntryListener(tombstoneListenerId);
            }
            seeding.withdraw();
            if (membershipListenerId != null) {
                log.hz.getCluster().removeMembershipListener(membershipListenerId);
            }
        } catch (RuntimeException e) {
            LOG.debug("removing cluster listeners: {}", e.toString());
        }
        scheduler.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
                LOG.warn("commands still in flight after 20 s; stopping anyway");
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        members.journal.close();
    }
}
