package nl.factorspel.server.cluster;

import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.journal.JournalCorruptException;
import nl.factorspel.sessions.journal.JournalReplay;
import nl.factorspel.sessions.store.WorkshopIndex;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * What this member holds of every workshop: a {@link MemberSlot} each, its own journal, the join-code and
 * token index of what it has folded, the workshops it will not serve, and what went wrong loading them.
 * Shared by the parts of the cluster store.
 */
final class MemberWorkshops {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);

    final Journal journal;
    final Map<String, MemberSlot> slots = new ConcurrentHashMap<>();
    final WorkshopIndex index = new WorkshopIndex();
    /** Workshops whose journal here disagrees with the cluster: never followed or served until a person looks. */
    final Set<String> quarantined = ConcurrentHashMap.newKeySet();
    final List<String> loadProblems = new CopyOnWriteArrayList<>();
    /**
     * The workshops deleted on this member since it started, with the digest of their first record: a record
     * of one heard late (the listener's event of a record decided just before the deletion) must not bring
     * the workshop back here.
     */
    final Map<String, String> deleted = new ConcurrentHashMap<>();
    private final Executor pool;
    volatile boolean ready;
    volatile boolean closed;

    MemberWorkshops(Journal journal, Executor pool) {
        this.journal = journal;
        this.pool = pool;
    }

    /** The slot of a workshop, made when this member first hears of it. */
    MemberSlot slot(String id) {
        return slots.computeIfAbsent(id, k -> new MemberSlot(k, pool));
    }

    /** A fresh slot that is not in {@link #slots} yet (an import claims its id with it). */
    MemberSlot newSlot(String id) {
        return new MemberSlot(id, pool);
    }

    /**
     * Every record of this member's journal of a workshop, also those behind a snapshot (a data folder that a
     * single server wrote before it joined a cluster): the cluster's log is the records, not the state.
     */
    List<String> allRecords(String id) throws IOException, JournalCorruptException {
        JournalReplay replay = journal.read(id);
        if (replay.snapshotJson().isEmpty()) {
            return replay.records();
        }
        List<String> all = new ArrayList<>(journal.readPrefix(id, replay.snapshotRecordCount()));
        all.addAll(replay.records());
        return all;
    }

    /** This member stops following a workshop until it restarts, and says why. */
    void broken(MemberSlot slot, String what, Throwable cause) {
        if (!slot.broken) {
            slot.broken = true;
            String problem = "workshop " + slot.id + ": " + what + "; this member stops following it until it restarts";
            loadProblems.add(problem);
            LOG.error(problem, cause);
        }
        slot.failWaiters(cause);
    }
}
