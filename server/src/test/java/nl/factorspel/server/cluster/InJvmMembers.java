package nl.factorspel.server.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import nl.factorspel.server.ServerConfig;
import nl.factorspel.sessions.journal.Journal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Cluster members in the test's own JVM (Hazelcast, a journal and the cluster store each, no HTTP), for tests
 * that send a store many commands quickly. Closed together.
 */
final class InJvmMembers implements AutoCloseable {

    /** One member: Hazelcast, a journal and the cluster store. */
    record Member(HazelcastInstance hz, Journal journal, HazelcastWorkshopStore store, Path data) {
    }

    final List<Member> members = new CopyOnWriteArrayList<>();
    private final Path root;

    InJvmMembers(Path root) {
        this.root = root;
    }

    /** Starts a member named {@code name} on a cluster port, with the member list and how many members form the cluster. */
    Member start(String name, int port, String memberList, int expected) throws Exception {
        Path data = root.resolve(name);
        ServerConfig config = ServerConfig.forTests(data).with(Map.of("cluster", "true", "cluster-host", "127.0.0.1",
                "cluster-port", Integer.toString(port), "cluster-members", memberList));
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(ClusterNode.hazelcastConfig(config));
        Journal journal = new Journal(data);
        HazelcastWorkshopStore store = new HazelcastWorkshopStore(hz, journal, data, config.limits(), Clock.systemUTC(), Duration.ofDays(30));
        store.start(expected, Duration.ofSeconds(60));
        Member m = new Member(hz, journal, store, data);
        members.add(m);
        return m;
    }

    /** Starts two members at once (a majority of two), each the other's first peer; answers them in order. */
    List<Member> startTwo(String first, int firstPort, String second, int secondPort, String memberList) throws Exception {
        CompletableFuture<Member> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return start(second, secondPort, memberList, 2);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Member a = start(first, firstPort, memberList, 2);
        return List.of(a, starting.get(90, TimeUnit.SECONDS));
    }

    /** Closes every member's store, then its Hazelcast. */
    void closeStores() {
        for (Member m : members) {
            m.store().close();
        }
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.store().close();
            m.hz().shutdown();
        }
    }
}
