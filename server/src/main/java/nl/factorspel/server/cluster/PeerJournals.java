package nl.factorspel.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Records the cluster cut from its memory, read from another member's journal: every member's journal is the
 * log from its first record (or a prefix of it), so a member that lacks records below the cut (it joined
 * with an empty data folder, or was away) asks the workshop's owner first, then the others.
 */
final class PeerJournals {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);
    private static final long READ_SECONDS = 30;
    /** Where a member's workshops are found by the reads other members send it. */
    static final String USER_CONTEXT = PeerJournals.class.getName();

    private final ClusterLog log;

    PeerJournals(ClusterLog log, MemberWorkshops members) {
        this.log = log;
        log.hz.getUserContext().put(USER_CONTEXT, members);
    }

    /** Records {@code from..to} of a workshop from the journal of another member that has them; empty if none has. */
    List<String> read(String id, long from, long to) {
        List<Member> peers = new ArrayList<>();
        Member owner = log.owner(id);
        if (owner != null && !owner.localMember()) {
            peers.add(owner);
        }
        for (Member m : log.hz.getCluster().getMembers()) {
            if (!m.localMember() && !peers.contains(m)) {
                peers.add(m);
            }
        }
        for (Member peer : peers) {
            try {
                List<String> got = log.hz.getExecutorService(ClusterCommits.EXECUTOR).submitToMember(new ReadJournal(id, from, to), peer)
                        .get(READ_SECONDS, TimeUnit.SECONDS);
                if (got != null && got.size() == to - from + 1) {
                    return got;
                }
            } catch (Exception e) {
                LOG.debug("workshop {}: records {} to {} not read from {} ({})", id, from, to, peer.getAddress(), e.toString());
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return List.of();
    }

    /** Reads records of a workshop from the journal of the member it runs on; null when that journal lacks them. */
    static final class ReadJournal implements Callable<ArrayList<String>>, Serializable, HazelcastInstanceAware {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String id;
        private final long from;
        private final long to;
        private transient HazelcastInstance hz;

        ReadJournal(String id, long from, long to) {
            this.id = id;
            this.from = from;
            this.to = to;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hz) {
            this.hz = hz;
        }

        @Override
        public ArrayList<String> call() throws Exception {
            if (!(hz.getUserContext().get(USER_CONTEXT) instanceof MemberWorkshops members) || members.closed) {
                return null;
            }
            MemberSlot slot = members.slots.get(id);
            if (slot == null || slot.durableIndex < to || members.quarantined.contains(id)) {
                return null;
            }
            List<String> prefix = members.journal.readPrefix(id, to);
            return new ArrayList<>(prefix.subList((int) from - 1, (int) to));
        }
    }
}
