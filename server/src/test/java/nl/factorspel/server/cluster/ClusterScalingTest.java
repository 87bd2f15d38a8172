package nl.factorspel.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one command costs a cluster, counted from the members' {@code /metrics}: the same with three members
 * as with five. A command sent to its workshop's owner waits for one network round trip (the synchronous
 * backup of its record); one sent to another member for two (the hop to the owner, and that backup); either
 * costs one fsync in the whole cluster (the owner's), and the members that follow the workshop fetch nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterScalingTest {

    static final int COMMANDS = 20;

    @TempDir
    static Path root;
    Vertx vertx;

    @BeforeAll
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Per command, from the metrics of every member. */
    record Cost(double fsyncs, double roundTrips, double fetches, double followerFsyncs) {
    }

    /** The two ways a command goes: sent to the owner directly, or to another member first. */
    record Costs(Cost onOwner, Cost elsewhere) {
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void aCommandCostsTheSameFsyncsAndRoundTripsWithThreeMembersAsWithFive() throws Exception {
        Costs three = measure("three", 3);
        Costs five = measure("five", 5);
        System.out.printf("per command, three members: %s%nper command, five members:  %s%n", three, five);
        assertEquals(new Cost(1, 1, 0, 0), three.onOwner(), "sent to the owner: its fsync and the backup of its record");
        assertEquals(new Cost(1, 2, 0, 0), three.elsewhere(), "sent elsewhere: the hop to the owner besides");
        assertEquals(three, five, "five members cost a command what three do");
    }

    private Costs measure(String name, int size) throws Exception {
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = name + (i + 1);
        }
        Path logs = Path.of("target", "cluster-logs", "scaling-" + System.currentTimeMillis());
        List<ClusterMember> members = ClusterMember.plan(root.resolve(name), logs, names);
        String memberList = ClusterMember.addresses(members);
        List<ClusterClient> clients = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (ClusterMember m : members) {
                m.start(memberList);
            }
            for (ClusterMember m : members) {
                m.awaitUp(ClusterTest.START);
            }
            System.out.printf("%d members up in %d ms (logs in %s)%n", size, (System.nanoTime() - started) / 1_000_000, logs.toAbsolutePath());
            JsonObject workshop = members.get(0).http.createWorkshop(1);
            String id = workshop.getString("workshopId");
            for (ClusterMember m : members) {
                clients.add(ClusterClient.connect(vertx, m.httpPort, "facilitator@" + m.name, workshop.getString("facilitatorToken"), id));
            }
            // One command through every member: every journal has the workshop's file, and the owner shows itself.
            List<Map<String, Double>> before = metrics(members);
            for (ClusterClient client : clients) {
                broadcast(client, id, "warm");
            }
            List<Map<String, Double>> after = metrics(members);
            int owner = -1;
            for (int i = 0; i < size; i++) {
                if (delta(before, after, i, "factorspel_cluster_commands_decided_total") > 0) {
                    assertEquals(-1, owner, "one member decides the workshop's commands");
                    owner = i;
                }
            }
            assertTrue(owner >= 0, "a member decided the commands");
            int elsewhere = (owner + 1) % size;
            Cost onOwner = cost(members, owner, clients.get(owner), id, owner);
            Cost viaOther = cost(members, elsewhere, clients.get(elsewhere), id, owner);
            System.out.printf("%d members: %d commands on the owner (%s) and %d through %s%n", size, COMMANDS, members.get(owner).name,
                    COMMANDS, members.get(elsewhere).name);
            onlyTheOwnerBlowsTheWhistle(members, clients.get(elsewhere), id);
            return new Costs(onOwner, viaOther);
        } finally {
            clients.forEach(ClusterClient::close);
            for (ClusterMember m : members) {
                if (m.alive()) {
                    m.kill();
                }
            }
        }
    }

    /**
     * The round's clock runs out: every member keeps the timer, but only the owner sends the whistle, so no
     * member sends a command to the owner and the owner decides exactly one (the whistle).
     */
    private void onlyTheOwnerBlowsTheWhistle(List<ClusterMember> members, ClusterClient facilitator, String id) throws Exception {
        assertTrue(facilitator.command(new JsonObject().put("type", "startRound").put("round", 1).put("workshopId", id)).getBoolean("ok"));
        long remaining = members.get(0).http.get("/api/workshops/" + id, facilitator.token).json().getJsonObject("workshop")
                .getJsonObject("clock").getLong("remainingMs");
        assertTrue(facilitator.command(new JsonObject().put("type", "extendClock").put("seconds", -(remaining / 1000) + 2)
                .put("workshopId", id)).getBoolean("ok"));
        List<Map<String, Double>> before = metrics(members);
        long whistleBy = System.currentTimeMillis() + 15_000;
        while (facilitator.stream(null).snapshot().stream().noneMatch(e -> e.getString("type").equals("whistleBlown"))) {
            assertTrue(System.currentTimeMillis() < whistleBy, "the whistle is blown");
            Thread.sleep(100);
        }
        // The members that do not own the workshop look again 2 s after the time was up: let them.
        Thread.sleep(3 * 1000);
        List<Map<String, Double>> after = metrics(members);
        long decided = 0;
        long forwarded = 0;
        for (int i = 0; i < members.size(); i++) {
            decided += delta(before, after, i, "factorspel_cluster_commands_decided_total");
            forwarded += delta(before, after, i, "factorspel_cluster_commands_forwarded_total");
        }
        assertEquals(1, decided, "one command decided: the owner's whistle");
        assertEquals(0, forwarded, "no other member sent a whistle");
    }

    /**
     * Sends {@link #COMMANDS} commands one after the other through one client (on member {@code sender}) and
     * counts what they cost; the time they waited is counted where it was spent.
     */
    private Cost cost(List<ClusterMember> members, int sender, ClusterClient client, String id, int owner) throws Exception {
        List<Map<String, Double>> before = metrics(members);
        for (int i = 0; i < COMMANDS; i++) {
            broadcast(client, id, "bericht " + i);
        }
        // The followers' copies are written a moment after the answer: let them settle before counting.
        Thread.sleep(500);
        List<Map<String, Double>> after = metrics(members);
        long fsyncs = 0;
        long roundTrips = 0;
        long fetches = 0;
        long followerFsyncs = 0;
        for (int i = 0; i < members.size(); i++) {
            // Where the time goes is counted where it is spent: the backup wait on the owner, the hop on the sender.
            double backupWait = seconds(before, after, i, "factorspel_cluster_backup_wait_seconds_total");
            double forward = seconds(before, after, i, "factorspel_cluster_forward_seconds_total");
            assertEquals(i == owner, backupWait > 0, members.get(i).name + " waited for backups: " + backupWait + " s");
            assertEquals(i == sender && sender != owner, forward > 0, members.get(i).name + " waited for the owner: " + forward + " s");
            long f = delta(before, after, i, "factorspel_journal_fsyncs_total");
            fsyncs += f;
            if (i != owner) {
                followerFsyncs += f;
            }
            roundTrips += delta(before, after, i, "factorspel_cluster_round_trips_total");
            long fetched = delta(before, after, i, "factorspel_cluster_record_fetches_total");
            if (fetched > 0) {
                System.out.printf("%s fetched records %d times (owner: %s)%n", members.get(i).name, fetched, members.get(owner).name);
            }
            fetches += fetched;
        }
        return new Cost((double) fsyncs / COMMANDS, (double) roundTrips / COMMANDS, (double) fetches / COMMANDS,
                (double) followerFsyncs / COMMANDS);
    }

    private static void broadcast(ClusterClient client, String id, String text) throws Exception {
        JsonObject reply = client.command(new JsonObject().put("type", "broadcast").put("text", text).put("workshopId", id));
        assertTrue(reply.getBoolean("ok"), reply.encode());
    }

    private static long delta(List<Map<String, Double>> before, List<Map<String, Double>> after, int member, String name) {
        return Math.round(seconds(before, after, member, name));
    }

    /** A counter's growth as it is (the time counters count seconds). */
    private static double seconds(List<Map<String, Double>> before, List<Map<String, Double>> after, int member, String name) {
        return after.get(member).getOrDefault(name, 0.0) - before.get(member).getOrDefault(name, 0.0);
    }

    /** Every member's counters from {@code /metrics}. */
    private static List<Map<String, Double>> metrics(List<ClusterMember> members) throws Exception {
        List<Map<String, Double>> all = new ArrayList<>();
        for (ClusterMember m : members) {
            Map<String, Double> values = new HashMap<>();
            for (String line : m.http.get("/metrics", null).body().split("\n")) {
                String[] parts = line.split(" ");
                if (!line.startsWith("#") && parts.length == 2 && !parts[0].contains("{")) {
                    values.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
            all.add(values);
        }
        return all;
    }
}
