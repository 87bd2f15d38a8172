package nl.factorspel.server.cluster;

import com.hazelcast.map.IMap;
import nl.factorspel.decks.DeckLibrary;
import nl.factorspel.server.cluster.InJvmMembers.Member;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deletion is done by the workshop's owner behind its commands: asked on another member while commands
 * stream into the owner, it leaves none of the workshop's records, head or index entries in the cluster, no
 * copy or journal on any member, and every command either went in before it or is answered
 * {@code unknown_workshop}; none fails.
 */
class ClusterDeletionTest {

    static final String ID = "wegwerk01";

    @TempDir
    Path root;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aDeletionOnAnotherMemberWhileCommandsStreamIntoTheOwnerLeavesNothingOfTheWorkshop() throws Exception {
        try (InJvmMembers cluster = new InJvmMembers(root)) {
            List<ClusterMember> planned = ClusterMember.plan(root, root.resolve("logs"), "a", "b");
            String memberList = String.join(",", planned.stream().map(p -> "127.0.0.1:" + p.clusterPort).toList());
            List<Member> started = cluster.startTwo("a", planned.get(0).clusterPort, "b", planned.get(1).clusterPort, memberList);
            Member a = started.get(0);
            Member b = started.get(1);
            // The partitions have settled: the workshop keeps one owner (while they move, two members may decide; see docs/cluster.md).
            long settleBy = System.currentTimeMillis() + 60_000;
            while (!a.hz().getPartitionService().isClusterSafe() || !b.hz().getPartitionService().isClusterSafe()) {
                assertTrue(System.currentTimeMillis() < settleBy, "the partitions settle");
                Thread.sleep(100);
            }
            Workshop.Outcome created = a.store().submit(ID, null, new Command.Create(ID, "Weg", DeckLibrary.bundled().find("llo-factoren").orElseThrow(),
                    1, 15, "nl", null, "WEGWEG12", "fh", "ph"), Actor.facilitator()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertFalse(created.rejected(), String.valueOf(created.rejection()));
            Member owner = a.store().decidesHere(ID) ? a : b;
            Member other = owner == a ? b : a;

            // Commands stream into the owner, 50 in flight, from well before the deletion until well after it.
            Semaphore inFlight = new Semaphore(50);
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger unknown = new AtomicInteger();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            CompletableFuture<Boolean> deleted = new CompletableFuture<>();
            int sent = 0;
            // Until the deletion answered and 200 commands after it were refused (or far too many went in).
            while (!(deleted.isDone() && unknown.get() >= 200) && sent < 3_000) {
                inFlight.acquire();
                sent++;
                owner.store().submit(ID, null, new Command.Broadcast("bericht " + sent), Actor.facilitator()).whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        problems.add(failure.toString());
                    } else if (!outcome.rejected()) {
                        accepted.incrementAndGet();
                    } else if (outcome.rejection().code().equals("unknown_workshop")) {
                        unknown.incrementAndGet();
                    } else {
                        problems.add(outcome.rejection().toString());
                    }
                    inFlight.release();
                });
                if (sent == 300) {
                    CompletableFuture.runAsync(() -> deleted.complete(other.store().delete(ID)));
                }
            }
            inFlight.acquire(50);
            assertTrue(unknown.get() >= 200, "the owner kept taking commands after the deletion: " + accepted.get() + " of " + sent + " went in");
            assertTrue(deleted.get(60, TimeUnit.SECONDS), "the workshop existed");
            System.out.printf("%d commands sent: %d went in before the deletion, %d answered unknown_workshop%n", sent, accepted.get(), unknown.get());
            assertTrue(problems.isEmpty(), problems.size() + " commands failed, the first: " + problems.peek());
            assertTrue(accepted.get() >= 1, "commands went in before the deletion");

            // Nothing of the workshop is left in the cluster, nor on either member (their listeners may take a moment).
            IMap<String, String> records = a.hz().getMap(ClusterLog.RECORDS);
            assertEquals(List.of(), records.keySet().stream().filter(k -> k.endsWith("@" + ID)).toList(), "records of the workshop in the cluster");
            assertFalse(a.hz().getMap(ClusterLog.HEADS).containsKey(ID), "its head");
            assertFalse(a.hz().getMap(ClusterLog.JOIN_CODES).containsKey("WEGWEG12"), "its join code");
            assertFalse(a.hz().getMap(ClusterLog.GRANTS).containsKey("fh"), "its facilitator's token");
            long deadline = System.currentTimeMillis() + 10_000;
            for (Member m : List.of(a, b)) {
                while (m.store().read(ID, w -> Boolean.TRUE).isPresent()
                        || Files.exists(m.data().resolve("workshops").resolve(ID).resolve("events.log"))) {
                    assertTrue(System.currentTimeMillis() < deadline, m.data() + " still has the workshop");
                    Thread.sleep(100);
                }
            }
        }
    }
}
