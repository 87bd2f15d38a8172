package nl.factorspel.server.cluster;

import nl.factorspel.sessions.journal.JournalCorruptException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Keeps this member and the cluster's log whole: follows every workshop the cluster has, puts back heads
 * and records the cluster lost from this member's journal, and deletes again what came back from a journal
 * that missed a deletion. It runs when something happened (this member started, a member left, the cluster
 * lost a partition), never on a timer.
 */
final class ClusterRepair {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);

    private final MemberWorkshops members;
    private final ClusterLog log;
    private final Follower follower;
    private final ClusterDeletion deletion;
    private final Executor background;

    ClusterRepair(MemberWorkshops members, ClusterLog log, Follower follower, ClusterDeletion deletion, Executor background) {
        this.members = members;
        this.log = log;
        this.follower = follower;
        this.deletion = deletion;
        this.background = background;
    }

    /** Follows every workshop the cluster has; puts back heads the cluster lost; forgets deleted ones. */
    void reconcile() {
        if (!members.ready || members.closed) {
            return;
        }
        Map<String, Long> all = new HashMap<>();
        for (Map.Entry<String, Long> e : log.heads.entrySet()) {
            all.put(e.getKey(), e.getValue());
        }
        all.forEach((id, head) -> {
            if (!members.quarantined.contains(id)) {
                MemberSlot slot = members.slot(id);
                if (head > slot.durableIndex && !slot.broken) {
                    follower.requestFollow(slot, head);
                }
            }
        });
        // A member that missed a deletion may have put the workshop back from its journal: delete it again.
        for (Map.Entry<String, String> t : log.tombstones.entrySet()) {
            MemberSlot slot = members.slots.get(t.getKey());
            if (slot != null && !slot.gone && slot.applied > 0 && t.getValue().equals(slot.firstDigest) && all.containsKey(slot.id)) {
                LOG.warn("workshop {} came back from a journal that missed its deletion; deleting it again", slot.id);
                background.execute(() -> deletion.delete(slot.id));
            }
        }
        for (MemberSlot slot : new ArrayList<>(members.slots.values())) {
            if (all.containsKey(slot.id) || slot.gone || slot.applied == 0) {
                continue;
            }
            String tomb = log.tombstones.get(slot.id);
            if (tomb != null && tomb.equals(slot.firstDigest)) {
                slot.serial.execute(() -> deletion.deleteLocally(slot, tomb));
            } else if (tomb == null && slot.durableIndex > 0) {
                slot.serial.execute(() -> reseed(slot));
            }
        }
    }

    void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.debug("reconcile: {}", e.toString());
        }
    }

    /** Puts this member's durable records of a workshop back where the cluster lacks them. Serial executor. */
    private void reseed(MemberSlot slot) {
        if (slot.gone || members.closed) {
            return;
        }
        try {
            List<String> recs = members.allRecords(slot.id);
            log.lock(slot.id);
            try {
                long h = log.head(slot.id);
                if (!log.fillMissing(slot.id, recs, log.cut(slot.id).records() + 1, recs.size())) {
                    members.broken(slot, "its journal here disagrees with the cluster's log", new IllegalStateException());
                    return;
                }
                if (recs.size() > h) {
                    log.heads.set(slot.id, (long) recs.size());
                    LOG.warn("workshop {}: the cluster had lost records; {} put back from this member's journal", slot.id, recs.size() - h);
                }
            } finally {
                log.unlock(slot.id);
            }
        } catch (IOException | JournalCorruptException | RuntimeException e) {
            LOG.warn("workshop {}: putting records back failed ({})", slot.id, e.toString());
        }
    }

    /** After the cluster lost a partition: every workshop's durable records go back where they are missing. */
    void reseedAll() {
        for (MemberSlot slot : new ArrayList<>(members.slots.values())) {
            if (slot.durableIndex > 0) {
                slot.serial.execute(() -> reseed(slot));
            }
        }
    }
}
