package nl.factorspel.server.cluster;

import nl.factorspel.sessions.journal.JournalCorruptException;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A member's start: on a cold start it waits for the expected members, brings every workshop of its own
 * journal into the cluster's log (or finds the log longer, or different: then the workshop is quarantined
 * here), shares its tombstones, and announces that it has seeded.
 */
final class ClusterSeeding {

    private static final Logger LOG = LogManager.getLogger(HazelcastWorkshopStore.class);

    static final String FORMED = "formed";
    static final String SEEDED = "seeded:";
    /** How long a cold start waits for the listed members beyond a majority: a member that does not come does not hold up the others. */
    static final Duration OTHERS_AT_COLD_START = Duration.ofSeconds(5);

    private final MemberWorkshops members;
    private final ClusterLog log;
    private final LocalTombstones localTombstones;

    ClusterSeeding(MemberWorkshops members, ClusterLog log, LocalTombstones localTombstones) {
        this.members = members;
        this.log = log;
        this.localTombstones = localTombstones;
    }

    /** Whether the majority rule (configured with three or more listed members) is met; true without one. */
    private boolean majorityPresent() {
        try {
            return log.hz.getSplitBrainProtectionService().getSplitBrainProtection(ClusterNode.MAJORITY).hasMinimumSize();
        } catch (IllegalArgumentException noRule) {
            return true;
        }
    }

    /** Seeds and announces this member; answers how many workshops came from its journal. */
    int seed(int expectedMembers, Duration waitForMembers) throws InterruptedException {
        String self = self();
        boolean cold = retrying("reading the cluster's state", () -> log.meta.get(FORMED) == null);
        if (cold) {
            // Writing needs a majority of three or more members anyway; the rest get a few seconds, not a minute.
            int needed = expectedMembers >= 3 ? expectedMembers / 2 + 1 : 1;
            LOG.info("cold start: waiting for {} of {} cluster members (up to {} s), then for the others up to {} s", needed,
                    expectedMembers, waitForMembers.toSeconds(), OTHERS_AT_COLD_START.toSeconds());
            // ... and never fewer than the cluster's majority rule asks (of every listed member, three or more):
            // a member that started with a list of three but was told to expect two must not read the maps alone.
            boolean all = waitFor(() -> log.hz.getCluster().getMembers().size() >= needed && majorityPresent(), waitForMembers)
                    && waitFor(() -> log.hz.getCluster().getMembers().size() >= expectedMembers, OTHERS_AT_COLD_START);
            if (!all) {
                LOG.warn("starting with {} of {} cluster members; records only the missing members hold may come in late or conflict",
                        log.hz.getCluster().getMembers().size(), expectedMembers);
            }
        }
        Map<String, LocalTombstones.Tombstone> mine = localTombstones.read();
        retrying("sharing tombstones", () -> {
            mine.forEach((id, t) -> log.tombstones.putIfAbsent(id, t.digest(), localTombstones.remaining(t).toSeconds() + 1, TimeUnit.SECONDS));
            return null;
        });
        int workshops = seedAll();
        retrying("announcing this member", () -> {
            log.meta.set(SEEDED + self, Instant.now().toString());
            return null;
        });
        if (cold) {
            if (!waitFor(() -> log.hz.getCluster().getMembers().stream()
                    .allMatch(m -> log.meta.containsKey(SEEDED + m.getUuid())), waitForMembers)) {
                LOG.warn("not every cluster member announced its journal within {} s", waitForMembers.toSeconds());
            }
            retrying("marking the cluster formed", () -> log.meta.putIfAbsent(FORMED, Instant.now().toString()));
        }
        return workshops;
    }

    /** This member withdraws its announcement as it stops. */
    void withdraw() {
        log.meta.delete(SEEDED + self());
    }

    private String self() {
        return log.hz.getCluster().getLocalMember().getUuid().toString();
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
                if (members.closed) {
                    throw e;
                }
                if (attempt % 10 == 1) {
                    LOG.warn("{}: {} (retrying; {} s so far)", what, e.toString(), (System.nanoTime() - started) / 1_000_000_000L);
                }
                Thread.sleep(1000);
            }
        }
    }

    static boolean waitFor(BooleanSupplier condition, Duration max) throws InterruptedException {
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
        members.journal.workshops().parallelStream().forEach(id -> {
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

    private boolean seedOne(String id) throws InterruptedException {
        List<String> recs;
        List<List<Recorded>> parsed;
        Workshop workshop;
        try {
            recs = members.allRecords(id);
            if (recs.isEmpty()) {
                return false;
            }
            parsed = WorkshopJson.fromJournal(recs);
            List<Recorded> all = new ArrayList<>();
            parsed.forEach(all::addAll);
            workshop = Workshop.replay(all);
        } catch (JournalCorruptException e) {
            members.loadProblems.add(e.getMessage());
            LOG.error("workshop {} not loaded: {}", id, e.getMessage());
            members.quarantined.add(id);
            return false;
        } catch (IOException | RuntimeException e) {
            members.loadProblems.add("workshop " + id + ": " + e.getMessage());
            LOG.error("workshop {} not loaded", id, e);
            members.quarantined.add(id);
            return false;
        }
        String digest = ClusterLog.digest(recs.get(0));
        String tomb = retrying("reading tombstones", () -> log.tombstones.get(id));
        if (digest.equals(tomb)) {
            try {
                members.journal.delete(id);
            } catch (IOException e) {
                LOG.error("the files of deleted workshop {} could not all be deleted", id, e);
            }
            LOG.info("workshop {} was deleted while this member was away; its files here are gone now", id);
            return false;
        }
        boolean agreed = retrying("seeding workshop " + id, () -> {
            log.lock(id);
            try {
                long m = recs.size();
                long h = log.head(id);
                long common = Math.min(h, m);
                ClusterLog.Cut cut = log.cut(id);
                if (cut.records() > 0 && m >= cut.records()
                        && !(cut.lastDigest().equals(ClusterLog.digest(recs.get((int) cut.records() - 1))) && cut.firstDigest().equals(digest))) {
                    return false; // the records the cluster cut are not this journal's
                }
                if (common > cut.records()) {
                    String theirs = log.records.get(ClusterLog.key(id, common));
                    if (theirs == null ? !log.fillMissing(id, recs, cut.records() + 1, common) : !theirs.equals(recs.get((int) common - 1))) {
                        return false;
                    }
                }
                if (m > h) {
                    if (!log.fillMissing(id, recs, Math.max(h, cut.records()) + 1, m)) {
                        return false;
                    }
                    log.heads.set(id, m);
                    LOG.info("workshop {}: records {} to {} came back from this member's journal", id, h + 1, m);
                }
                List<Recorded> all = new ArrayList<>();
                parsed.forEach(all::addAll);
                log.index(id, all);
                return true;
            } finally {
                log.unlock(id);
            }
        });
        if (!agreed) {
            members.quarantined.add(id);
            String problem = "workshop " + id + ": this member's journal disagrees with the cluster's log; it is left alone here"
                    + " (move " + id + " out of the data folder to let this member follow the cluster again)";
            members.loadProblems.add(problem);
            LOG.error(problem);
            return false;
        }
        MemberSlot slot = members.slot(id);
        synchronized (slot) {
            slot.workshop = workshop;
            slot.applied = recs.size();
        }
        for (List<Recorded> events : parsed) {
            slot.durable.mark(events);
            members.index.add(id, events);
        }
        slot.firstDigest = digest;
        slot.durableIndex = recs.size();
        return true;
    }
}
