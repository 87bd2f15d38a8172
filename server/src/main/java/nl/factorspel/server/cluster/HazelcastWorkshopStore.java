package nl.factorspel.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.query.Predicates;
import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.journal.JournalCorruptException;
import nl.factorspel.sessions.journal.JournalReplay;
import nl.factorspel.sessions.store.CatchUp;
import nl.factorspel.sessions.store.CommitListeners;
import nl.factorspel.sessions.store.Committed;
import nl.factorspel.sessions.store.DurableSeqs;
import nl.factorspel.sessions.store.EncodedRecord;
import nl.factorspel.sessions.store.Grant;
import nl.factorspel.sessions.store.StoreRejections;
import nl.factorspel.sessions.store.WorkshopIndex;
import nl.factorspel.sessions.store.WorkshopStore;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Rejection;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The store of a cluster member. The authoritative log of every workshop lives in Hazelcast: record
 * {@code n} of a workshop (the events of its n-th accepted command, in the journal's form) under key
 * {@code n@<workshopId>} in {@value #RECORDS}, written once with {@code putIfAbsent}, and the number of
 * records in {@value #HEADS}. A command is decided on any member under the workshop's cluster lock
 * (a lock on its key in {@value #HEADS}), after this member's copy is brought up to the head; its record
 * goes into the map (with synchronous backups), the head moves, and the command is acknowledged once the
 * record is also fsynced in this member's journal.
 *
 * <p>Every member follows every workshop: it hears head changes, fetches the new records, folds them into
 * its own copy (which serves reads) and appends them to its own journal, in log order, so each member's
 * journal is the log (or a prefix of it) in exactly the single-node format. One member per workshop, the
 * owner of its partition, notifies {@link #onCommitted} listeners (which publish on the clustered event
 * bus), so each event goes out once and in log order; on the others {@link #onFollowed} hears them once
 * they are durable there. See {@code docs/cluster.md}.
 */
public final class HazelcastWorkshopStore implements WorkshopStore {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);

    public static final String RECORDS = "factorspel.records";
    public static final String HEADS = "factorspel.heads";
    public static final String JOIN_CODES = "factorspel.joinCodes";
    public static final String GRANTS = "factorspel.grants";
    public static final String TOMBSTONES = "factorspel.tombstones";
    public static final String META = "factorspel.meta";

    private static final String FORMED = "formed";
    private static final String SEEDED = "seeded:";
    private static final long LOCK_WAIT_SECONDS = 20;
    private static final long LOCK_LEASE_SECONDS = 60;
    private static final long DURABLE_WAIT_SECONDS = 30;
    /** How long a read on the event loop may wait for the cluster (catch-up, a token first seen here). */
    private static final long LOOKUP_MILLIS = 1000;
    private static final int FETCH_BATCH = 500;

    /** The key of record {@code n} of a workshop; the part after {@code @} puts all of a workshop's records in one partition. */
    static String key(String workshopId, long n) {
        return n + "@" + workshopId;
    }

    /** Where a record came from, which decides who hears it once it is durable on this member. */
    private enum Origin { COMMITTED_HERE, FOLLOWED, IMPORTED }

    /** One workshop on this member: its copy, how far it is applied and durable, and its serial executor. */
    private final class Slot {
        final String id;
        final SerialExecutor serial;
        /** Guarded by the slot's monitor; replaced only on the serial executor. */
        Workshop workshop = new Workshop();
        /** Records folded into {@link #workshop}; written on the serial executor under the monitor. */
        volatile long applied;
        /** Records durable in this member's journal. */
        volatile long durableIndex;
        /** The highest seq durable here, per stream, for catch-up. */
        final DurableSeqs durable = new DurableSeqs();
        final TreeMap<Long, List<CompletableFuture<Void>>> waiters = new TreeMap<>();
        final AtomicLong wanted = new AtomicLong();
        final AtomicBoolean followQueued = new AtomicBoolean();
        volatile String firstDigest;
        volatile boolean broken;
        volatile boolean gone;

        Slot(String id) {
            this.id = id;
            this.serial = new SerialExecutor(pool);
        }

        CompletableFuture<Void> whenDurable(long index) {
            synchronized (waiters) {
                if (durableIndex >= index) {
                    return CompletableFuture.completedFuture(null);
                }
                CompletableFuture<Void> f = new CompletableFuture<>();
                waiters.computeIfAbsent(index, k -> new ArrayList<>()).add(f);
                return f;
            }
        }

        void completeWaiters(long upTo) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            synchronized (waiters) {
                Iterator<Map.Entry<Long, List<CompletableFuture<Void>>>> it = waiters.headMap(upTo, true).entrySet().iterator();
                while (it.hasNext()) {
                    done.addAll(it.next().getValue());
                    it.remove();
                }
            }
            done.forEach(f -> f.complete(null));
        }

        void failWaiters(Throwable t) {
            List<CompletableFuture<Void>> failed = new ArrayList<>();
            synchronized (waiters) {
                waiters.values().forEach(failed::addAll);
                waiters.clear();
            }
            failed.forEach(f -> f.completeExceptionally(t));
        }
    }

    private final HazelcastInstance hz;
    private final IMap<String, String> records;
    private final IMap<String, Long> heads;
    private final IMap<String, String> joinCodesMap;
    private final IMap<String, String> grantsMap;
    private final IMap<String, String> tombstones;
    private final IMap<String, String> meta;
    private final Journal journal;
    private final LocalTombstones localTombstones;
    private final Limits limits;
    private final Clock clock;
    private final ExecutorService pool;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final WorkshopIndex index = new WorkshopIndex();
    /** Workshops whose journal here disagrees with the cluster: never followed or served until a person looks. */
    private final Set<String> quarantined = ConcurrentHashMap.newKeySet();
    private final CommitListeners listeners = new CommitListeners();
    private final CommitListeners followers = new CommitListeners();
    private final List<String> loadProblems = new CopyOnWriteArrayList<>();
    private UUID headListenerId;
    private UUID tombstoneListenerId;
    private UUID membershipListenerId;
    private volatile boolean ready;
    private volatile boolean closed;

    public HazelcastWorkshopStore(HazelcastInstance hz, Journal journal, java.nio.file.Path dataDir, Limits limits, Clock clock) {
        this.hz = hz;
        this.records = hz.getMap(RECORDS);
        this.heads = hz.getMap(HEADS);
        this.joinCodesMap = hz.getMap(JOIN_CODES);
        this.grantsMap = hz.getMap(GRANTS);
        this.tombstones = hz.getMap(TOMBSTONES);
        this.meta = hz.getMap(META);
        this.journal = journal;
        this.localTombstones = new LocalTombstones(dataDir);
        this.limits = limits;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(16, daemon("factorspel-cluster"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("factorspel-reconcile"));
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
     * {@code waitForMembers}, for {@code expectedMembers} to be present, then seeds the cluster from its
     * journal, and waits for the others to have seeded theirs too, so that no member serves a workshop
     * before every journal that might hold a longer log is in. Answers once this member has caught up
     * with every workshop (bounded by {@code waitForMembers}).
     */
    public void start(int expectedMembers, Duration waitForMembers) throws InterruptedException {
        String self = hz.getCluster().getLocalMember().getUuid().toString();
        boolean cold = retrying("reading the cluster's state", () -> meta.get(FORMED) == null);
        if (cold) {
            LOG.info("cold start: waiting for {} cluster members (up to {} s)", expectedMembers, waitForMembers.toSeconds());
            if (!waitFor(() -> hz.getCluster().getMembers().size() >= expectedMembers, waitForMembers)) {
                LOG.warn("starting with {} of {} cluster members; records only the missing members hold may come in late or conflict",
                        hz.getCluster().getMembers().size(), expectedMembers);
            }
        }
        Map<String, String> mine = localTombstones.read();
        retrying("sharing tombstones", () -> {
            mine.forEach(tombstones::putIfAbsent);
            return null;
        });
        int workshops = seedAll();
        retrying("announcing this member", () -> {
            meta.set(SEEDED + self, Instant.now().toString());
            return null;
        });
        if (cold) {
            if (!waitFor(() -> hz.getCluster().getMembers().stream()
                    .allMatch(m -> meta.containsKey(SEEDED + m.getUuid())), waitForMembers)) {
                LOG.warn("not every cluster member announced its journal within {} s", waitForMembers.toSeconds());
            }
            retrying("marking the cluster formed", () -> meta.putIfAbsent(FORMED, Instant.now().toString()));
        }
        registerListeners();
        ready = true;
        reconcile();
        scheduler.scheduleWithFixedDelay(this::reconcileQuietly, 2, 2, TimeUnit.SECONDS);
        boolean caughtUp = waitFor(() -> heads.entrySet().stream().allMatch(e -> quarantined.contains(e.getKey())
                || Optional.ofNullable(slots.get(e.getKey())).map(s -> s.durableIndex >= e.getValue() || s.broken).orElse(false)), waitForMembers);
        LOG.info("cluster store ready: {} workshops from this member's journal, {} in the cluster{}", workshops,
                slots.size(), caughtUp ? "" : " (still catching up)");
    }

    private interface Call<T> {
        T call();
    }

    /** Retries a cluster call that fails because too few members are present (split-brain protection), or the cluster is busy. */
    private <T> T retrying(String what, Call<T> call) throws InterruptedException {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (RuntimeException e) {
                if (closed) {
                    throw e;
                }
                if (attempt % 10 == 1) {
                    LOG.warn("{}: {} (retrying; {} s so far)", what, e.toString(), (System.nanoTime() - started) / 1_000_000_000L);
                }
                Thread.sleep(1000);
            }
        }
    }

    private static boolean waitFor(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.debug("waiting: {}", e.toString());
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Seeds the cluster from every workshop in this member's journal; answers how many it loaded. */
    private int seedAll() {
        AtomicInteger loaded = new AtomicInteger();
        journal.workshops().parallelStream().forEach(id -> {
            try {
                if (seedOne(id)) {
                    loaded.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return loaded.get();
    }

    /**
     * Every record of this member's journal of a workshop, also those behind a snapshot (a data folder that a
     * single server wrote before it joined a cluster): the cluster's log is the records, not the state.
     */
    private List<String> allRecords(String id) throws IOException, JournalCorruptException {
        JournalReplay replay = journal.read(id);
        if (replay.snapshotJson().isEmpty()) {
            return replay.records();
        }
        List<String> all = new ArrayList<>(journal.readPrefix(id, replay.snapshotRecordCount()));
        all.addAll(replay.records());
        return all;
    }

    private boolean seedOne(String id) throws InterruptedException {
        List<String> recs;
        List<List<Recorded>> parsed;
        Workshop workshop;
        try {
            recs = allRecords(id);
            if (recs.isEmpty()) {
                return false;
            }
            parsed = WorkshopJson.fromJournal(recs);
            List<Recorded> all = new ArrayList<>();
            parsed.forEach(all::addAll);
            workshop = Workshop.replay(all);
        } catch (JournalCorruptException e) {
            loadProblems.add(e.getMessage());
            LOG.error("workshop {} not loaded: {}", id, e.getMessage());
            quarantined.add(id);
            return false;
        } catch (IOException | RuntimeException e) {
            loadProblems.add("workshop " + id + ": " + e.getMessage());
            LOG.error("workshop {} not loaded", id, e);
            quarantined.add(id);
            return false;
        }
        String digest = digest(recs.get(0));
        String tomb = retrying("reading tombstones", () -> tombstones.get(id));
        if (digest.equals(tomb)) {
            try {
                journal.delete(id);
            } catch (IOException e) {
                LOG.error("the files of deleted workshop {} could not all be deleted", id, e);
            }
            LOG.info("workshop {} was deleted while this member was away; its files here are gone now", id);
            return false;
        }
        boolean agreed = retrying("seeding workshop " + id, () -> {
            lock(id);
            try {
                long m = recs.size();
                long h = head(id);
                long common = Math.min(h, m);
                if (common > 0) {
                    String theirs = records.get(key(id, common));
                    if (theirs == null ? !fillMissing(id, recs, 1, common) : !theirs.equals(recs.get((int) common - 1))) {
                        return false;
                    }
                }
                if (m > h) {
                    if (!fillMissing(id, recs, h + 1, m)) {
                        return false;
                    }
                    heads.set(id, m);
                    LOG.info("workshop {}: records {} to {} came back from this member's journal", id, h + 1, m);
                }
                List<Recorded> all = new ArrayList<>();
                parsed.forEach(all::addAll);
                indexInCluster(id, all);
                return true;
            } finally {
                unlock(id);
            }
        });
        if (!agreed) {
            quarantined.add(id);
            String problem = "workshop " + id + ": this member's journal disagrees with the cluster's log; it is left alone here"
                    + " (move " + id + " out of the data folder to let this member follow the cluster again)";
            loadProblems.add(problem);
            LOG.error(problem);
            return false;
        }
        Slot slot = slots.computeIfAbsent(id, Slot::new);
        synchronized (slot) {
            slot.workshop = workshop;
            slot.applied = recs.size();
        }
        for (List<Recorded> events : parsed) {
            slot.durable.mark(events);
            index.add(id, events);
        }
        slot.firstDigest = digest;
        slot.durableIndex = recs.size();
        return true;
    }

    /** Puts this member's records {@code from..to} where the cluster has none; false on a record that differs. */
    private boolean fillMissing(String id, List<String> recs, long from, long to) {
        for (long start = from; start <= to; start += FETCH_BATCH) {
            long end = Math.min(to, start + FETCH_BATCH - 1);
            Set<String> keys = new LinkedHashSet<>();
            for (long k = start; k <= end; k++) {
                keys.add(key(id, k));
            }
            Map<String, String> theirs = records.getAll(keys);
            Map<String, String> missing = new HashMap<>();
            for (long k = start; k <= end; k++) {
                String ours = recs.get((int) k - 1);
                String t = theirs.get(key(id, k));
                if (t == null) {
                    missing.put(key(id, k), ours);
                } else if (!t.equals(ours)) {
                    LOG.error("workshop {}: record {} in this member's journal differs from the cluster's", id, k);
                    return false;
                }
            }
            if (!missing.isEmpty()) {
                records.putAll(missing);
            }
        }
        return true;
    }

    private void registerListeners() {
        headListenerId = heads.addEntryListener(new OnSet<Long>(this::headMoved), true);
        tombstoneListenerId = tombstones.addEntryListener(new OnSet<String>(this::buried), true);
        records.addPartitionLostListener(e -> {
            LOG.warn("the cluster lost a partition of workshop records; putting back what this member's journal holds");
            scheduler.execute(this::reseedAll);
        });
        heads.addPartitionLostListener(e -> {
            LOG.warn("the cluster lost a partition of workshop heads; putting back what this member's journal holds");
            scheduler.execute(this::reseedAll);
        });
        membershipListenerId = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("cluster member joined: {} ({} members)", event.getMember().getAddress(), event.getMembers().size());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info("cluster member left: {} ({} members)", event.getMember().getAddress(), event.getMembers().size());
                if (closed) {
                    return;
                }
                Iterator<Member> members = event.getMembers().iterator();
                if (members.hasNext() && members.next().localMember()) {
                    // The oldest member adopts records a dead member wrote but could not announce.
                    scheduler.execute(HazelcastWorkshopStore.this::adoptOrphans);
                }
                scheduler.execute(HazelcastWorkshopStore.this::reconcileQuietly);
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

    /** A workshop's head moved: follow it. */
    private void headMoved(String id, Long head) {
        if (ready && !closed && head != null && !quarantined.contains(id)) {
            requestFollow(slots.computeIfAbsent(id, Slot::new), head);
        }
    }

    /** A workshop was deleted in the cluster: delete it here, unless this member's workshop of that id is another one. */
    private void buried(String id, String digest) {
        Slot slot = slots.get(id);
        if (slot != null && !closed && (slot.firstDigest == null || slot.firstDigest.equals(digest))) {
            slot.serial.execute(() -> deleteLocally(slot, digest));
        }
    }

    // ------------------------------------------------------------------------------------------- following

    private void requestFollow(Slot slot, long target) {
        slot.wanted.accumulateAndGet(target, Math::max);
        if (slot.followQueued.compareAndSet(false, true)) {
            try {
                slot.serial.execute(() -> {
                    slot.followQueued.set(false);
                    try {
                        follow(slot, slot.wanted.get());
                    } catch (RuntimeException e) {
                        LOG.warn("workshop {}: catching up failed ({}); trying again shortly", slot.id, e.toString());
                    }
                });
            } catch (RuntimeException e) {
                slot.followQueued.set(false);
            }
        }
    }

    /**
     * Folds records {@code applied+1..target} from the cluster into this member's copy and appends them to
     * its journal, in order. Runs on the slot's serial executor. Answers whether it got to {@code target}.
     */
    private boolean follow(Slot slot, long target) {
        String id = slot.id;
        while (slot.applied < target) {
            if (slot.gone || slot.broken || closed) {
                return false;
            }
            long from = slot.applied + 1;
            long to = Math.min(target, from + FETCH_BATCH - 1);
            Set<String> keys = new LinkedHashSet<>();
            for (long k = from; k <= to; k++) {
                keys.add(key(id, k));
            }
            Map<String, String> got = records.getAll(keys);
            List<String> recs = new ArrayList<>();
            List<List<Recorded>> events = new ArrayList<>();
            long k = from;
            try {
                for (; k <= to; k++) {
                    String rec = got.get(key(id, k));
                    if (rec == null) {
                        break;
                    }
                    List<Recorded> parsed = WorkshopJson.fromJournal(rec);
                    synchronized (slot) {
                        for (Recorded r : parsed) {
                            slot.workshop.apply(r);
                        }
                        slot.applied = k;
                    }
                    index.add(id, parsed);
                    if (k == 1) {
                        slot.firstDigest = digest(rec);
                    }
                    recs.add(rec);
                    events.add(parsed);
                }
            } catch (IOException | RuntimeException e) {
                broken(slot, "record " + k + " from the cluster does not fold into this member's copy", e);
            }
            if (!recs.isEmpty()) {
                append(slot, from, recs, events, Origin.FOLLOWED);
            }
            if (slot.broken) {
                return false;
            }
            if (k <= to) {
                LOG.warn("workshop {}: record {} is not in the cluster; trying again shortly", id, k);
                return false;
            }
        }
        return true;
    }

    /**
     * Appends records {@code first, first+1, ...} to this member's journal. Once durable they count for
     * catch-up, and listeners hear them (see {@link #durable}). The future completes after that.
     */
    private CompletableFuture<Void> append(Slot slot, long first, List<String> recs, List<List<Recorded>> events, Origin origin) {
        Journal.Framed framed;
        try {
            framed = Journal.frame(slot.id, recs);
        } catch (RuntimeException e) {
            broken(slot, "the journal refused records", e);
            return CompletableFuture.failedFuture(e);
        }
        return append(slot, first, framed, events, origin);
    }

    /** Appends records framed before; see {@link #append(Slot, long, List, List, Origin)}. */
    private CompletableFuture<Void> append(Slot slot, long first, Journal.Framed framed, List<List<Recorded>> events, Origin origin) {
        CompletableFuture<Void> written;
        try {
            written = journal.append(framed);
        } catch (RuntimeException e) {
            broken(slot, "the journal refused records", e);
            return CompletableFuture.failedFuture(e);
        }
        return written.whenComplete((v, failure) -> {
            if (failure != null) {
                broken(slot, "the journal could not store records", failure);
                return;
            }
            for (int i = 0; i < events.size(); i++) {
                durable(slot, first + i, events.get(i), origin);
            }
        });
    }

    /**
     * A record is durable here: it counts for catch-up now, and its listeners hear it. The
     * {@link #onCommitted} listeners (which publish on the clustered event bus) hear it on one member only,
     * the workshop's publisher, so every event goes out once and all of a workshop's events go out from one
     * member in log order; the others' {@link #onFollowed} listeners hear it.
     */
    private void durable(Slot slot, long index, List<Recorded> events, Origin origin) {
        slot.durable.mark(events);
        slot.durableIndex = index;
        if (origin != Origin.IMPORTED) {
            (publisher(slot.id, origin == Origin.COMMITTED_HERE) ? listeners : followers).tell(new Committed(slot.id, events));
        }
        slot.completeWaiters(index);
    }

    /**
     * Whether this member publishes a workshop's events: the owner of the workshop's partition (where its
     * head and records live) does. While the partition has no owner (a member just died), the member that
     * committed the record does.
     */
    private boolean publisher(String workshopId, boolean committedHere) {
        try {
            Member owner = hz.getPartitionService().getPartition(workshopId).getOwner();
            return owner == null ? committedHere : owner.localMember();
        } catch (RuntimeException e) {
            return committedHere;
        }
    }

    private void broken(Slot slot, String what, Throwable cause) {
        if (!slot.broken) {
            slot.broken = true;
            String problem = "workshop " + slot.id + ": " + what + "; this member stops following it until it restarts";
            loadProblems.add(problem);
            LOG.error(problem, cause);
        }
        slot.failWaiters(cause);
    }

    /** The cluster-wide indexes: which workshop a join code or token hash belongs to, for a member that has not heard yet. */
    private void indexInCluster(String workshopId, List<Recorded> events) {
        Map<String, String> tokens = new HashMap<>();
        for (Recorded r : events) {
            if (r.event() instanceof Event.WorkshopCreated e) {
                joinCodesMap.set(e.joinCode(), workshopId);
                tokens.put(e.facilitatorTokenHash(), workshopId);
                tokens.put(e.projectorTokenHash(), workshopId);
            } else if (r.event() instanceof Event.ParticipantJoined e) {
                tokens.put(e.tokenHash(), workshopId);
            }
        }
        if (!tokens.isEmpty()) {
            grantsMap.putAll(tokens);
        }
    }

    // ------------------------------------------------------------------------------------------- commands

    @Override
    public CompletionStage<Workshop.Outcome> submit(String workshopId, Integer table, Command command, Actor actor,
                                                     String commandId) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("this member is stopping"));
        }
        Slot slot;
        if (command instanceof Command.Create) {
            slot = slots.computeIfAbsent(workshopId, Slot::new);
        } else {
            slot = slots.get(workshopId);
            if (quarantined.contains(workshopId)) {
                return CompletableFuture.completedFuture(StoreRejections.workshopDamaged(workshopId,
                        "its journal on this member could not be loaded, or disagrees with the cluster's log"));
            }
            if (slot == null) {
                return CompletableFuture.completedFuture(StoreRejections.unknownWorkshop(workshopId));
            }
        }
        CompletableFuture<Workshop.Outcome> result = new CompletableFuture<>();
        Slot chosen = slot;
        try {
            slot.serial.execute(() -> run(chosen, workshopId, table, command, actor, commandId, result));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Commits one command on the slot's serial executor and completes {@code result}, whatever happens. */
    private void run(Slot slot, String workshopId, Integer table, Command command, Actor actor, String commandId,
                     CompletableFuture<Workshop.Outcome> result) {
        try {
            Workshop.Outcome outcome = commit(slot, table, command, actor, commandId);
            if (outcome.rejected() && command instanceof Command.Create && slot.applied == 0) {
                slots.remove(workshopId, slot);
            }
            result.complete(outcome);
        } catch (Throwable t) {
            LOG.warn("workshop {}: a {} could not be committed: {}", workshopId, command.getClass().getSimpleName(), t.toString());
            if (command instanceof Command.Create && slot.applied == 0) {
                slots.remove(workshopId, slot);
            }
            result.completeExceptionally(t);
        }
    }

    /** Decides and commits one command under the workshop's cluster lock. Runs on the slot's serial executor. */
    private Workshop.Outcome commit(Slot slot, Integer table, Command command, Actor actor, String commandId) throws Exception {
        String id = slot.id;
        if (slot.broken || slot.gone) {
            throw new IllegalStateException("workshop " + id + " cannot be written on this member");
        }
        Workshop.Outcome committed = null;
        CompletableFuture<Void> durable = null;
        lock(id);
        try {
            for (int attempt = 0; attempt < 20; attempt++) {
                long head = head(id);
                if (slot.applied > head) {
                    head = repairHead(slot, head);
                }
                if (!follow(slot, head)) {
                    throw new IllegalStateException("workshop " + id + " could not catch up with the cluster");
                }
                Workshop.Change change;
                synchronized (slot) {
                    change = slot.workshop.decide(table, command, actor, clock.instant(), limits, commandId);
                }
                if (change.rejected() || change.outcome().repeated()) {
                    // A repeat's first outcome is in the cluster already: follow() folded it from there.
                    return change.outcome();
                }
                Workshop.Outcome outcome = change.outcome();
                EncodedRecord encoded;
                try {
                    encoded = EncodedRecord.of(id, outcome.events());
                } catch (EncodedRecord.Unrecordable e) {
                    return new Workshop.Outcome(List.of(), e.rejection());
                }
                long n = head + 1;
                String record = encoded.json();
                indexInCluster(id, outcome.events());
                // Nothing here has moved yet: a record the cluster does not take leaves this member's copy as it was.
                String previous = records.putIfAbsent(key(id, n), record);
                if (previous != null) {
                    // A member wrote record n and stopped before it moved the head: the record stands.
                    LOG.warn("workshop {}: record {} was left by a member that stopped; adopting it", id, n);
                    heads.set(id, n);
                    continue;
                }
                synchronized (slot) {
                    slot.workshop.commit(change);
                    slot.applied = n;
                }
                index.add(id, outcome.events());
                if (n == 1) {
                    slot.firstDigest = digest(record);
                }
                heads.set(id, n);
                durable = append(slot, n, encoded.framed(), List.of(outcome.events()), Origin.COMMITTED_HERE);
                committed = outcome;
                break;
            }
        } finally {
            unlock(id);
        }
        if (committed == null) {
            throw new IllegalStateException("workshop " + id + ": too many records left by stopped members");
        }
        // The record is in the cluster; it is acknowledged once it is on this member's disk too.
        durable.get(DURABLE_WAIT_SECONDS, TimeUnit.SECONDS);
        return committed;
    }

    /**
     * This member has applied more records than the cluster's head says: a committer (maybe this one)
     * wrote a record and failed before it moved the head, or the cluster lost the head. Adopts what the
     * map holds; a record only this member has goes back from its journal.
     */
    private long repairHead(Slot slot, long head) {
        String id = slot.id;
        long h = head;
        while (h < slot.applied && records.containsKey(key(id, h + 1))) {
            h++;
        }
        if (h < slot.applied && h < slot.durableIndex) {
            try {
                List<String> recs = allRecords(id);
                if (!fillMissing(id, recs, h + 1, Math.min(slot.durableIndex, recs.size()))) {
                    throw new IllegalStateException("workshop " + id + ": this member's journal disagrees with the cluster");
                }
                h = Math.min(slot.durableIndex, recs.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JournalCorruptException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (h < slot.applied) {
            throw new IllegalStateException("workshop " + id + ": the cluster lacks records this member applied");
        }
        if (h > head) {
            LOG.warn("workshop {}: head moved from {} to {} after a member failed", id, head, h);
            heads.set(id, h);
        }
        return h;
    }

    private void lock(String id) {
        try {
            if (!heads.tryLock(id, LOCK_WAIT_SECONDS, TimeUnit.SECONDS, LOCK_LEASE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("workshop " + id + " stayed locked for " + LOCK_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock of workshop " + id, e);
        }
    }

    private void unlock(String id) {
        try {
            heads.unlock(id);
        } catch (RuntimeException e) {
            LOG.warn("workshop {}: the cluster lock could not be released ({})", id, e.toString());
        }
    }

    private long head(String id) {
        Long h = heads.get(id);
        return h == null ? 0 : h;
    }

    @Override
    public CompletionStage<Optional<Rejection>> importWorkshop(List<Recorded> events) {
        Workshop workshop = Workshop.replay(events);
        String id = workshop.state().id();
        Slot slot = new Slot(id);
        if (slots.putIfAbsent(id, slot) != null) {
            return CompletableFuture.completedFuture(Optional.of(StoreRejections.workshopExists(id)));
        }
        CompletableFuture<Optional<Rejection>> result = new CompletableFuture<>();
        slot.serial.execute(() -> {
            boolean imported = false;
            try {
                lock(id);
                try {
                    if (heads.containsKey(id)) {
                        result.complete(Optional.of(StoreRejections.workshopExists(id)));
                        return;
                    }
                    if (joinCodesMap.containsKey(workshop.state().joinCode())) {
                        result.complete(Optional.of(StoreRejections.joinCodeTaken()));
                        return;
                    }
                    // One record: an import is whole or absent after a crash.
                    EncodedRecord encoded;
                    try {
                        encoded = EncodedRecord.of(id, events);
                    } catch (EncodedRecord.Unrecordable e) {
                        result.complete(Optional.of(e.rejection()));
                        return;
                    }
                    String record = encoded.json();
                    indexInCluster(id, events);
                    if (records.putIfAbsent(key(id, 1), record) != null) {
                        result.complete(Optional.of(StoreRejections.workshopExists(id)));
                        return;
                    }
                    synchronized (slot) {
                        slot.workshop = workshop;
                        slot.applied = 1;
                    }
                    index.add(id, events);
                    slot.firstDigest = digest(record);
                    CompletableFuture<Void> durable = append(slot, 1, encoded.framed(), List.of(events), Origin.IMPORTED);
                    heads.set(id, 1L);
                    durable.get(DURABLE_WAIT_SECONDS, TimeUnit.SECONDS);
                    imported = true;
                    LOG.info("workshop {} imported ({} events)", id, events.size());
                    result.complete(Optional.empty());
                } finally {
                    unlock(id);
                }
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                if (!imported && slot.applied == 0) {
                    slots.remove(id, slot);
                }
            }
        });
        return result;
    }

    // ------------------------------------------------------------------------------------------- reads

    @Override
    public <T> Optional<T> read(String workshopId, Function<Workshop, T> reader) {
        Slot slot = slots.get(workshopId);
        if (slot == null || quarantined.contains(workshopId)) {
            return Optional.empty();
        }
        synchronized (slot) {
            return slot.workshop.readIfCreated(reader);
        }
    }

    /**
     * Catch-up first waits (briefly, on the caller's thread) until this member has made durable everything
     * the cluster had committed when it was asked, so that a client that moved here from another member
     * gets every event it may have seen there.
     */
    @Override
    public Optional<CatchUp> catchUp(String workshopId, Integer table, long sinceSeq) {
        Slot slot = slots.get(workshopId);
        if (slot == null || quarantined.contains(workshopId)) {
            return Optional.empty();
        }
        awaitClusterHead(slot);
        synchronized (slot) {
            return slot.durable.catchUp(slot.workshop, table, sinceSeq, clock.instant());
        }
    }

    /** Waits, at most {@value #LOOKUP_MILLIS} ms, until this member holds durably what the cluster's head held when asked. */
    private void awaitClusterHead(Slot slot) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOKUP_MILLIS);
        try {
            Long h = heads.getAsync(slot.id).toCompletableFuture().get(LOOKUP_MILLIS, TimeUnit.MILLISECONDS);
            long head = h == null ? 0 : h;
            if (head > slot.durableIndex && !slot.broken) {
                requestFollow(slot, head);
                long left = Math.max(1, deadline - System.nanoTime());
                slot.whenDurable(head).get(left, TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            LOG.debug("workshop {}: answering from this member's copy ({})", slot.id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A cluster-wide index lookup for something this member has not heard of (yet). */
    private Optional<Slot> lookUp(IMap<String, String> index, String key) {
        if (!ready || closed) {
            return Optional.empty();
        }
        try {
            String id = index.getAsync(key).toCompletableFuture().get(LOOKUP_MILLIS, TimeUnit.MILLISECONDS);
            if (id == null || quarantined.contains(id)) {
                return Optional.empty();
            }
            Slot slot = slots.computeIfAbsent(id, Slot::new);
            awaitClusterHead(slot);
            return Optional.of(slot);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            LOG.debug("index lookup failed ({})", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> workshopByJoinCode(String joinCode) {
        if (joinCode == null) {
            return Optional.empty();
        }
        return index.workshopByJoinCode(joinCode).or(() -> lookUp(joinCodesMap, joinCode).flatMap(s -> index.workshopByJoinCode(joinCode)));
    }

    @Override
    public Optional<Grant> grant(String tokenHash) {
        if (tokenHash == null) {
            return Optional.empty();
        }
        return index.grant(tokenHash).or(() -> lookUp(grantsMap, tokenHash).flatMap(s -> index.grant(tokenHash)))
                .filter(g -> g.stillOpens(this));
    }

    @Override
    public List<String> workshopIds() {
        List<String> ids = new ArrayList<>();
        slots.forEach((id, slot) -> {
            if (!slot.gone && !quarantined.contains(id) && read(id, w -> Boolean.TRUE).orElse(false)) {
                ids.add(id);
            }
        });
        ids.sort(null);
        return ids;
    }

    public List<String> loadProblems() {
        return List.copyOf(loadProblems);
    }

    // ------------------------------------------------------------------------------------------- deleting

    /**
     * Deletes a workshop in the whole cluster: a tombstone (kept in every member's data folder, so a member
     * that is away now cannot bring it back), its head, its records and its index entries; every member
     * then deletes its own copy and files.
     */
    @Override
    public boolean delete(String workshopId) {
        Slot slot = slots.get(workshopId);
        boolean existed = slot != null && slot.applied > 0;
        String digest = slot == null ? null : slot.firstDigest;
        try {
            lock(workshopId);
            try {
                long head = head(workshopId);
                existed |= head > 0;
                if (digest == null && head > 0) {
                    String first = records.get(key(workshopId, 1));
                    digest = first == null ? null : digest(first);
                }
                if (digest != null) {
                    tombstones.set(workshopId, digest);
                }
                heads.delete(workshopId);
                List<CompletableFuture<String>> removals = new ArrayList<>();
                for (long k = 1; k <= Math.max(head, slot == null ? 0 : slot.applied); k++) {
                    removals.add(records.removeAsync(key(workshopId, k)).toCompletableFuture());
                }
                CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                joinCodesMap.removeAll(Predicates.<String, String>equal("this", workshopId));
                grantsMap.removeAll(Predicates.<String, String>equal("this", workshopId));
            } finally {
                unlock(workshopId);
            }
        } catch (Exception e) {
            LOG.error("workshop {} could not be deleted from the cluster", workshopId, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        if (slot != null) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            String d = digest == null ? "-" : digest;
            slot.serial.execute(() -> {
                deleteLocally(slot, d);
                done.complete(null);
            });
            try {
                done.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("workshop {}: deleting its files here took too long", workshopId);
            }
        }
        return existed;
    }

    /** Forgets a workshop on this member and deletes its files. Runs on the slot's serial executor. */
    private void deleteLocally(Slot slot, String digest) {
        if (slot.gone) {
            return;
        }
        slot.gone = true;
        slots.remove(slot.id, slot);
        index.forget(slot.id);
        try {
            localTombstones.add(slot.id, digest);
            journal.delete(slot.id);
        } catch (IOException | RuntimeException e) {
            LOG.error("the files of workshop {} could not all be deleted", slot.id, e);
        }
        slot.failWaiters(new IllegalStateException("workshop " + slot.id + " was deleted"));
        LOG.info("workshop {} deleted", slot.id);
    }

    /** Deletes every workshop whose journal here was last written more than {@code maxAge} ago. */
    public int expire(Duration maxAge) {
        return (int) journal.idleSince(clock.instant().minus(maxAge), workshopIds()).stream().filter(this::delete).count();
    }

    // ------------------------------------------------------------------------------------------- repair

    /** Follows every workshop the cluster has; puts back heads the cluster lost; forgets deleted ones. */
    private void reconcile() {
        if (!ready || closed) {
            return;
        }
        Map<String, Long> all = new HashMap<>();
        for (Map.Entry<String, Long> e : heads.entrySet()) {
            all.put(e.getKey(), e.getValue());
        }
        all.forEach((id, head) -> {
            if (!quarantined.contains(id)) {
                Slot slot = slots.computeIfAbsent(id, Slot::new);
                if (head > slot.durableIndex && !slot.broken) {
                    requestFollow(slot, head);
                }
            }
        });
        // A member that missed a deletion may have put the workshop back from its journal: delete it again.
        for (Map.Entry<String, String> t : tombstones.entrySet()) {
            Slot slot = slots.get(t.getKey());
            if (slot != null && !slot.gone && slot.applied > 0 && t.getValue().equals(slot.firstDigest) && all.containsKey(slot.id)) {
                LOG.warn("workshop {} came back from a journal that missed its deletion; deleting it again", slot.id);
                scheduler.execute(() -> delete(slot.id));
            }
        }
        for (Slot slot : new ArrayList<>(slots.values())) {
            if (all.containsKey(slot.id) || slot.gone || slot.applied == 0) {
                continue;
            }
            String tomb = tombstones.get(slot.id);
            if (tomb != null && tomb.equals(slot.firstDigest)) {
                slot.serial.execute(() -> deleteLocally(slot, tomb));
            } else if (tomb == null && slot.durableIndex > 0) {
                slot.serial.execute(() -> reseed(slot));
            }
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.debug("reconcile: {}", e.toString());
        }
    }

    /** Puts this member's durable records of a workshop back where the cluster lacks them. Serial executor. */
    private void reseed(Slot slot) {
        if (slot.gone || closed) {
            return;
        }
        try {
            List<String> recs = allRecords(slot.id);
            lock(slot.id);
            try {
                long h = head(slot.id);
                if (!fillMissing(slot.id, recs, 1, recs.size())) {
                    broken(slot, "its journal here disagrees with the cluster's log", new IllegalStateException());
                    return;
                }
                if (recs.size() > h) {
                    heads.set(slot.id, (long) recs.size());
                    LOG.warn("workshop {}: the cluster had lost records; {} put back from this member's journal", slot.id, recs.size() - h);
                }
            } finally {
                unlock(slot.id);
            }
        } catch (IOException | JournalCorruptException | RuntimeException e) {
            LOG.warn("workshop {}: putting records back failed ({})", slot.id, e.toString());
        }
    }

    private void reseedAll() {
        for (Slot slot : new ArrayList<>(slots.values())) {
            if (slot.durableIndex > 0) {
                slot.serial.execute(() -> reseed(slot));
            }
        }
    }

    /** After a member died: records it wrote but could not announce become part of the log. */
    private void adoptOrphans() {
        for (Slot slot : new ArrayList<>(slots.values())) {
            slot.serial.execute(() -> {
                if (slot.gone || closed) {
                    return;
                }
                try {
                    lock(slot.id);
                    try {
                        long h = head(slot.id);
                        long k = h;
                        while (records.containsKey(key(slot.id, k + 1))) {
                            k++;
                        }
                        if (k > h) {
                            LOG.warn("workshop {}: adopting records {} to {} left by a member that stopped", slot.id, h + 1, k);
                            heads.set(slot.id, k);
                        }
                        follow(slot, k);
                    } finally {
                        unlock(slot.id);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("workshop {}: looking for records of a stopped member failed ({})", slot.id, e.toString());
                }
            });
        }
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
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        try {
            if (headListenerId != null) {
                heads.removeEntryListener(headListenerId);
                tombstones.removeEntryListener(tombstoneListenerId);
            }
            meta.delete(SEEDED + hz.getCluster().getLocalMember().getUuid());
            if (membershipListenerId != null) {
                hz.getCluster().removeMembershipListener(membershipListenerId);
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
        journal.close();
    }

    private static String digest(String record) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(record.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
