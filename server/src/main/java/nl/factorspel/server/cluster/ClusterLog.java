package nl.factorspel.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Recorded;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster's side of every workshop: its records and head in Hazelcast, the workshop's cluster lock,
 * the cluster-wide join-code and token indexes, tombstones and the members' meta entries. Only this class
 * names Hazelcast maps.
 */
final class ClusterLog {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);

    static final String RECORDS = "factorspel.records";
    static final String HEADS = "factorspel.heads";
    static final String JOIN_CODES = "factorspel.joinCodes";
    static final String GRANTS = "factorspel.grants";
    static final String TOMBSTONES = "factorspel.tombstones";
    static final String META = "factorspel.meta";
    static final String CUTS = "factorspel.cuts";

    static final int FETCH_BATCH = 500;
    private static final long LOCK_WAIT_SECONDS = 20;
    private static final long LOCK_LEASE_SECONDS = 60;

    final HazelcastInstance hz;
    final IMap<String, String> records;
    final IMap<String, Long> heads;
    final IMap<String, String> joinCodes;
    final IMap<String, String> grants;
    final IMap<String, String> tombstones;
    final IMap<String, String> meta;
    final IMap<String, String> cuts;

    /** Synchronous backups of the records map ({@code cluster-backups}). */
    private final int backupCount;

    ClusterLog(HazelcastInstance hz) {
        this.hz = hz;
        this.backupCount = hz.getConfig().findMapConfig(RECORDS).getBackupCount();
        this.records = hz.getMap(RECORDS);
        this.heads = hz.getMap(HEADS);
        this.joinCodes = hz.getMap(JOIN_CODES);
        this.grants = hz.getMap(GRANTS);
        this.tombstones = hz.getMap(TOMBSTONES);
        this.meta = hz.getMap(META);
        this.cuts = hz.getMap(CUTS);
    }

    /** The key of record {@code n} of a workshop; the part after {@code @} puts all of a workshop's records in one partition. */
    static String key(String workshopId, long n) {
        return n + "@" + workshopId;
    }

    /** A record's fingerprint: a workshop's first record tells one workshop of an id from another. */
    static String digest(String record) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(record.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void lock(String id) {
        try {
            if (!heads.tryLock(id, LOCK_WAIT_SECONDS, TimeUnit.SECONDS, LOCK_LEASE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("workshop " + id + " stayed locked for " + LOCK_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock of workshop " + id, e);
        }
    }

    void unlock(String id) {
        try {
            heads.unlock(id);
        } catch (RuntimeException e) {
            LOG.warn("workshop {}: the cluster lock could not be released ({})", id, e.toString());
        }
    }

    long head(String id) {
        Long h = heads.get(id);
        return h == null ? 0 : h;
    }

    /**
     * Puts this member's records {@code from..to} where the cluster has none; false on a record that differs.
     * Each record goes in with {@code putIfAbsent}, so a record an owner writes meanwhile is compared, never
     * overwritten (commands take no lock).
     */
    boolean fillMissing(String id, List<String> recs, long from, long to) {
        for (long start = from; start <= to; start += FETCH_BATCH) {
            long end = Math.min(to, start + FETCH_BATCH - 1);
            Set<String> keys = new LinkedHashSet<>();
            for (long k = start; k <= end; k++) {
                keys.add(key(id, k));
            }
            Map<String, String> theirs = records.getAll(keys);
            for (long k = start; k <= end; k++) {
                String ours = recs.get((int) k - 1);
                String t = theirs.get(key(id, k));
                if (t == null) {
                    t = records.putIfAbsent(key(id, k), ours);
                }
                if (t != null && !t.equals(ours)) {
                    LOG.error("workshop {}: record {} in this member's journal differs from the cluster's", id, k);
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Where a workshop's log was cut: its records {@code 1..records} are no longer in the cluster's memory
     * (every member's journal holds them), with the digests of the last one cut and of the first record.
     */
    record Cut(long records, String lastDigest, String firstDigest) {
        static final Cut NONE = new Cut(0, null, null);
    }

    Cut cut(String id) {
        String v = cuts.get(id);
        if (v == null) {
            return Cut.NONE;
        }
        String[] parts = v.split(" ");
        return new Cut(Long.parseLong(parts[0]), parts[1], parts[2]);
    }

    /**
     * Cuts a workshop's log: records {@code from..cut.records()} leave the cluster's memory in one operation on
     * their partition (and its backups), after the cut is noted.
     */
    void cut(String id, long from, Cut cut) {
        cuts.set(id, cut.records() + " " + cut.lastDigest() + " " + cut.firstDigest());
        Set<String> keys = new LinkedHashSet<>();
        for (long k = from; k <= cut.records(); k++) {
            keys.add(key(id, k));
        }
        records.submitToKeys(keys, new Forget());
    }

    /**
     * Record n of a workshop on its way into the log: {@code fence} completes as soon as the record's partition
     * decided (empty: it went in; otherwise the record that held n already), {@code stored} once the
     * synchronous backups hold it too.
     */
    record Put(CompletableFuture<Optional<String>> fence, CompletableFuture<String> stored) {
    }

    /** The fences of this member's puts in flight, by ticket: completed by {@link PutRecord} on the partition's thread. */
    private static final Map<String, CompletableFuture<Optional<String>>> FENCES = new ConcurrentHashMap<>();
    private static final AtomicLong TICKETS = new AtomicLong();

    /**
     * Puts record n where the log has none ({@code putIfAbsent} as an entry processor), and hears the outcome
     * from the partition's thread before the backups answer: on the owner, whose partition it is, the decision
     * of the workshop's next command waits for the partition only, and only the acknowledgement waits for the
     * backups. Should the operation run elsewhere (the partition moved), its answer is the fence.
     */
    Put putRecord(String id, long n, String record) {
        String ticket = hz.getLocalEndpoint().getUuid() + "/" + TICKETS.incrementAndGet();
        CompletableFuture<Optional<String>> fence = new CompletableFuture<>();
        FENCES.put(ticket, fence);
        CompletableFuture<String> stored;
        try {
            stored = records.submitToKey(key(id, n), new PutRecord(record, ticket)).toCompletableFuture();
        } catch (RuntimeException e) {
            FENCES.remove(ticket);
            throw e;
        }
        stored.whenComplete((old, failure) -> {
            FENCES.remove(ticket);
            if (failure != null) {
                fence.completeExceptionally(failure);
            } else {
                fence.complete(other(old, record));
            }
        });
        return new Put(fence, stored);
    }

    /**
     * Sets a record where none is and answers the one that was there (null: this one went in); runs on the
     * record's partition thread, then on its backups (where the ticket is unknown, or its fence already
     * complete).
     */
    record PutRecord(String record, String ticket) implements EntryProcessor<String, String, String> {
        @Override
        public String process(Map.Entry<String, String> entry) {
            String old = entry.getValue();
            if (old == null) {
                entry.setValue(record);
            }
            CompletableFuture<Optional<String>> fence = FENCES.get(ticket);
            if (fence != null) {
                fence.complete(other(old, record));
            }
            return old;
        }
    }

    /** Another member's record in the place of ours, or empty (none was there, or ours: a retried put found its own). */
    private static Optional<String> other(String old, String ours) {
        return old == null || old.equals(ours) ? Optional.empty() : Optional.of(old);
    }

    /** Removes an entry; runs on its partition (and its backups). */
    record Forget() implements EntryProcessor<String, String, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, String> entry) {
            entry.setValue(null);
            return Boolean.TRUE;
        }
    }

    /**
     * Moves a workshop's head up to {@code n} (never down), without waiting: the head is a hint for members
     * that catch up (a reader that finds it behind looks for the records after it); the records are the log.
     */
    void raiseHead(String id, long n) {
        heads.submitToKey(id, new RaiseHead(n));
    }

    /** Sets a head to the larger of what it holds and {@code n}; runs on the head's partition (and its backups). */
    record RaiseHead(long n) implements EntryProcessor<String, Long, Long> {
        @Override
        public Long process(Map.Entry<String, Long> entry) {
            Long old = entry.getValue();
            if (old == null || old < n) {
                entry.setValue(n);
                return n;
            }
            return old;
        }
    }

    /** The member that owns a workshop's partition (its head and records), or null while it has none. */
    Member owner(String workshopId) {
        try {
            return hz.getPartitionService().getPartition(workshopId).getOwner();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether this member owns a workshop's partition now. */
    boolean ownsHere(String workshopId) {
        Member owner = owner(workshopId);
        return owner != null && owner.localMember();
    }

    /** The synchronous backups a write waits for: the configured count, at most the other members present. */
    int syncBackups() {
        try {
            return Math.max(0, Math.min(backupCount, hz.getCluster().getMembers().size() - 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * The cluster-wide indexes: which workshop a join code or token hash belongs to, for a member that has not
     * heard yet. Answers how many cluster writes that took (none for most commands).
     */
    int index(String workshopId, List<Recorded> events) {
        int writes = 0;
        Map<String, String> tokens = new HashMap<>();
        for (Recorded r : events) {
            if (r.event() instanceof Event.WorkshopCreated e) {
                joinCodes.set(e.joinCode(), workshopId);
                writes++;
                tokens.put(e.facilitatorTokenHash(), workshopId);
                tokens.put(e.projectorTokenHash(), workshopId);
            } else if (r.event() instanceof Event.ParticipantJoined e) {
                tokens.put(e.tokenHash(), workshopId);
            }
        }
        if (!tokens.isEmpty()) {
            grants.putAll(tokens);
            writes++;
        }
        return writes;
    }

    /**
     * Whether this member publishes a workshop's events: the owner of the workshop's partition (where its
     * head and records live) does. While the partition has no owner (a member just died), the member that
     * committed the record does.
     */
    boolean publisher(String workshopId, boolean committedHere) {
        Member owner = owner(workshopId);
        return owner == null ? committedHere : owner.localMember();
    }
}
