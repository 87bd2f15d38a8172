package nl.factorspel.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
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
import java.util.concurrent.TimeUnit;

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

    ClusterLog(HazelcastInstance hz) {
        this.hz = hz;
        this.records = hz.getMap(RECORDS);
        this.heads = hz.getMap(HEADS);
        this.joinCodes = hz.getMap(JOIN_CODES);
        this.grants = hz.getMap(GRANTS);
        this.tombstones = hz.getMap(TOMBSTONES);
        this.meta = hz.getMap(META);
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

    /** Puts this member's records {@code from..to} where the cluster has none; false on a record that differs. */
    boolean fillMissing(String id, List<String> recs, long from, long to) {
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

    /** The cluster-wide indexes: which workshop a join code or token hash belongs to, for a member that has not heard yet. */
    void index(String workshopId, List<Recorded> events) {
        Map<String, String> tokens = new HashMap<>();
        for (Recorded r : events) {
            if (r.event() instanceof Event.WorkshopCreated e) {
                joinCodes.set(e.joinCode(), workshopId);
                tokens.put(e.facilitatorTokenHash(), workshopId);
                tokens.put(e.projectorTokenHash(), workshopId);
            } else if (r.event() instanceof Event.ParticipantJoined e) {
                tokens.put(e.tokenHash(), workshopId);
            }
        }
        if (!tokens.isEmpty()) {
            grants.putAll(tokens);
        }
    }

    /**
     * Whether this member publishes a workshop's events: the owner of the workshop's partition (where its
     * head and records live) does. While the partition has no owner (a member just died), the member that
     * committed the record does.
     */
    boolean publisher(String workshopId, boolean committedHere) {
        try {
            Member owner = hz.getPartitionService().getPartition(workshopId).getOwner();
            return owner == null ? committedHere : owner.localMember();
        } catch (RuntimeException e) {
            return committedHere;
        }
    }
}
