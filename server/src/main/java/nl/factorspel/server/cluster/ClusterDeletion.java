package nl.factorspel.server.cluster;

import com.hazelcast.query.Predicates;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Deleting workshops in the whole cluster: a tombstone (also kept in every member's data folder, so a
 * member that is away now cannot bring the workshop back), its head, records and index entries; every
 * member then forgets its own copy and deletes its files. A deletion is done by the workshop's owner, on
 * the workshop's serial executor, as its commands are: the commands before it are acknowledged first, and
 * none is decided after it.
 */
final class ClusterDeletion {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);
    /** Where a member's deletion is found by the tasks other members send it. */
    static final String USER_CONTEXT = ClusterDeletion.class.getName();
    private static final long WAIT_SECONDS = 60;

    private final MemberWorkshops members;
    private final ClusterLog log;
    private final LocalTombstones localTombstones;

    ClusterDeletion(MemberWorkshops members, ClusterLog log, LocalTombstones localTombstones) {
        this.members = members;
        this.log = log;
        this.localTombstones = localTombstones;
        log.hz.getUserContext().put(USER_CONTEXT, this);
    }

    /**
     * Deletes a workshop everywhere; answers whether it existed. Sent to the workshop's owner; done here when
     * this member owns it, or when the owner does not take it (it is starting or leaving).
     */
    boolean delete(String workshopId) {
        com.hazelcast.cluster.Member owner = log.owner(workshopId);
        if (owner != null && !owner.localMember()) {
            try {
                return log.hz.getExecutorService(ClusterCommits.EXECUTOR).submitToKeyOwner(new DeleteOnOwner(workshopId), workshopId)
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                LOG.info("workshop {}: its owner did not delete it ({}); deleting it from here", workshopId, e.toString());
            }
        }
        return deleteHere(workshopId);
    }

    /** A deletion sent here by another member, as the workshop's owner; refused untried while this member is not serving. */
    boolean deleteOnOwner(String workshopId) {
        if (!members.ready || members.closed) {
            throw new DecideOnOwner.NotServing();
        }
        return deleteHere(workshopId);
    }

    /** Deletes on this member's side: behind the workshop's commands, on its serial executor. */
    private boolean deleteHere(String workshopId) {
        MemberSlot slot = members.slots.get(workshopId);
        if (slot == null) {
            return deleteFromCluster(workshopId, null);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        slot.serial.execute(() -> {
            try {
                done.complete(deleteFromCluster(workshopId, slot));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.error("workshop {} could not be deleted", workshopId, e);
            return false;
        }
    }

    /**
     * Removes a workshop from the cluster and then from this member. With its slot, on the slot's serial
     * executor: the slot takes no command from here on, and the records still on their way (decided, not yet
     * acknowledged) are waited for first.
     */
    private boolean deleteFromCluster(String workshopId, MemberSlot slot) {
        if (slot != null) {
            if (slot.gone || slot.deleting) {
                return false;
            }
            slot.deleting = true;
            try {
                slot.acknowledged.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("workshop {}: deleting it without waiting for its last records ({})", workshopId, e.toString());
            }
        }
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
                Set<String> keys = new LinkedHashSet<>();
                for (long k = cut + 1; k <= Math.max(head, slot == null ? 0 : slot.applied); k++) {
                    keys.add(ClusterLog.key(workshopId, k));
                }
                // Removed as the cut removes them: by an entry processor on their partition.
                log.records.submitToKeys(keys, new ClusterLog.Forget()).toCompletableFuture().get(30, TimeUnit.SECONDS);
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
            deleteLocally(slot, digest == null ? "-" : digest);
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
        members.deleted.put(slot.id, digest);
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
