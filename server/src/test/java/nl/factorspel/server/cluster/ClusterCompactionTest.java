package nl.factorspel.server.cluster;

import com.hazelcast.map.IMap;
import nl.factorspel.decks.DeckLibrary;
import nl.factorspel.server.cluster.InJvmMembers.Member;
import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Workshop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workshop of 100,000 events keeps the cluster's memory bounded: its owner cuts the log every
 * {@link ClusterCommits#CUT_EVERY} records, so the records map holds at most twice that many of it, while
 * every member's journal keeps the whole log, and a member that joins afterwards with an empty data folder
 * gets the records the cluster cut from the others' journals. The members run in this JVM (two Hazelcast
 * members, each with its own journal and store), to send the commands quickly.
 */
class ClusterCompactionTest {

    static final int COMMANDS = 100_000;
    static final String ID = "grootwerk1";

    @TempDir
    Path root;
    InJvmMembers cluster;

    @BeforeEach
    void members() {
        cluster = new InJvmMembers(root);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aWorkshopOfAHundredThousandEventsKeepsTheClustersMemoryBoundedAndEveryJournalWhole() throws Exception {
        List<ClusterMember> planned = ClusterMember.plan(root, root.resolve("logs"), "a", "b", "c");
        String memberList = String.join(",", planned.stream().map(p -> "127.0.0.1:" + p.clusterPort).toList());
        // Two of the three listed start together (a majority); the third joins later.
        List<Member> two = cluster.startTwo("a", planned.get(0).clusterPort, "b", planned.get(1).clusterPort, memberList);
        Member a = two.get(0);
        Member b = two.get(1);

        Workshop.Outcome created = a.store().submit(ID, null, new Command.Create(ID, "Groot", DeckLibrary.bundled().find("llo-factoren").orElseThrow(),
                1, 15, "nl", null, "GROOT123", "fh", "ph"), Actor.facilitator()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(!created.rejected(), String.valueOf(created.rejection()));
        long started = System.nanoTime();
        Semaphore inFlight = new Semaphore(200);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        for (int i = 1; i < COMMANDS; i++) {
            inFlight.acquire();
            HazelcastWorkshopStore via = (i % 2 == 0 ? a : b).store();
            via.submit(ID, null, new Command.Broadcast("bericht " + i), Actor.facilitator()).whenComplete((outcome, failure) -> {
                if (failure != null || outcome.rejected()) {
                    problems.add(failure != null ? failure.toString() : outcome.rejection().toString());
                }
                inFlight.release();
            });
        }
        inFlight.acquire(200);
        assertTrue(problems.isEmpty(), problems.size() + " commands failed, the first: " + problems.peek());
        System.out.printf("%d commands through two members in %d ms%n", COMMANDS, (System.nanoTime() - started) / 1_000_000);

        IMap<String, String> records = a.hz().getMap(ClusterLog.RECORDS);
        long bytes = 0;
        for (String r : records.values()) {
            bytes += r.length();
        }
        System.out.printf("the cluster holds %d records (%d bytes) of a workshop of %d; cut at %s%n", records.size(), bytes, COMMANDS,
                a.hz().getMap(ClusterLog.CUTS).get(ID));
        assertTrue(records.size() <= 2 * ClusterCommits.CUT_EVERY, records.size() + " records in the cluster's memory");
        assertTrue(records.size() >= ClusterCommits.CUT_EVERY, "the records after the cut stay");
        assertTrue(bytes < 2L * ClusterCommits.CUT_EVERY * 1024, bytes + " bytes");

        long events = Math.max(seq(a), seq(b));
        for (Member m : List.of(a, b)) {
            awaitEvents(m, events);
        }
        // A member joining now, with an empty data folder, gets the whole log: what the cluster cut, from the others' journals.
        Member c = cluster.start("c", planned.get(2).clusterPort, memberList, 2);
        awaitEvents(c, events);
        cluster.closeStores();
        try (Journal reopened = new Journal(c.data())) {
            assertEquals(COMMANDS, reopened.read(ID).records().size(), "c's journal holds every record");
        }
        byte[] journal = Files.readAllBytes(a.data().resolve("workshops").resolve(ID).resolve("events.log"));
        for (Member m : List.of(b, c)) {
            assertArrayEquals(journal, Files.readAllBytes(m.data().resolve("workshops").resolve(ID).resolve("events.log")),
                    "every member's journal is the whole log, byte for byte");
        }
    }

    private static long seq(Member m) {
        return m.store().read(ID, w -> w.seq(null)).orElse(0L);
    }

    /** Waits until a member's copy holds the workshop's events up to {@code seq}. */
    private static void awaitEvents(Member m, long seq) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (seq(m) < seq) {
            assertTrue(System.currentTimeMillis() < deadline, m.data() + " holds events up to " + seq(m) + ", not " + seq);
            Thread.sleep(200);
        }
    }
}
