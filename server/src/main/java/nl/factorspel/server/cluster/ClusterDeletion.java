package nl.factorspel.server.cluster;

import com.hazelcast.query.Predicates;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Deleting workshops in the whole cluster: a tombstone (also kept in every member's data folder, so a
 * member that is away now cannot bring the workshop back), its head, records and index entries; every
 * member then forgets its own copy and deletes its files.
 */
final class ClusterDeletion {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);

    private final MemberWorkshops members;
    private final ClusterLog log;
    private final LocalTombstones localTombstones;

    ClusterDeletion(MemberWorkshops members, ClusterLog log, LocalTombstones localTombstones) {
        this.members = members;
        this.log = log;
        this.localTombstones = localTombstones;
    }

    /** Deletes a workshop everywhere; answers whether it existed. */
    boolean delete(String workshopId) {
        MemberSlot slot = members.slots.get(workshopId);
        boolean existed = slot != null && slot.applied > 0;
        String digest = slot == null ? null : slot.firstDigest;
        try {
            log.lock(workshopId);
            try {
                long head = log.head(workshopId);
                existed |= head > 0;
                if (digest == null && head > 0) {
                    String first = log.records.get(ClusterLog.key(workshopId, 1));
                    digest = first == null ? log.cut(workshopId).firstDigest() : ClusterLog.digest(first);
                }
                if (digest != null) {
                    // It expires with the journals that could bring the workshop back (LocalTombstones).
                    log.tombstones.set(workshopId, digest, localTombstones.life().toSeconds(), TimeUnit.SECONDS);
                }
                long cut = log.cut(workshopId).records();
                log.heads.delete(workshopId);
                log.cuts.delete(workshopId);
                List<CompletableFuture<String>> removals = new ArrayList<>();
                for (long k = cut + 1; k <= Math.max(head, slot == null ? 0 : slot.applied); k++) {
                    removals.add(log.records.removeAsync(ClusterLog.key(workshopId, k)).toCompletableFuture());
                }
                CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                log.joinCodes.removeAll(Predicates.<String, String>equal("this", workshopId));
                log.grants.removeAll(Predicates.<String, String>equal("this", workshopId));
            } finally {
                log.unlock(workshopId);
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

    /** A workshop was deleted in the cluster: delete it here, unless this member's workshop of that id is another one. */
    void buried(String id, String digest) {
        MemberSlot slot = members.slots.get(id);
        if (slot != null && !members.closed && (slot.firstDigest == null || slot.firstDigest.equals(digest))) {
            slot.serial.execute(() -> deleteLocally(slot, digest));
        }
    }

    /** Forgets a workshop on this member and deletes its files. Runs on the slot's serial executor. */
    void deleteLocally(MemberSlot slot, String digest) {
        if (slot.gone) {
            return;
        }
        slot.gone = true;
        members.slots.remove(slot.id, slot);
        members.index.forget(slot.id);
        try {
            localTombstones.add(slot.id, digest);
            members.journal.delete(slot.id);
        } catch (IOException | RuntimeException e) {
            LOG.error("the files of workshop {} could not all be deleted", slot.id, e);
        }
        slot.failWaiters(new IllegalStateException("workshop " + slot.id + " was deleted"));
        LOG.info("workshop {} deleted", slot.id);
    }
}
