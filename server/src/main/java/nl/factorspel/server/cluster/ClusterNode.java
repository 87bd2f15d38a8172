package nl.factorspel.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.PartitioningStrategyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.strategy.StringPartitioningStrategy;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import nl.factorspel.server.ServerConfig;
import nl.factorspel.sessions.journal.Journal;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts this server as a member of a Factorspel cluster: a Hazelcast member (TCP-IP join on the
 * configured addresses; multicast, auto-detection and phone-home off) under a clustered Vert.x, and the
 * {@link HazelcastWorkshopStore} on it. See {@code docs/cluster.md}.
 */
public final class ClusterNode {

    private static final Logger LOG = LogManager.getLogger(ClusterNode.class);

    public static final String CLUSTER_NAME = "factorspel";
    static final String MAJORITY = "factorspel-majority";
    /** How long a cold start waits for every configured member, and a new member for catching up. */
    static final Duration WAIT_FOR_MEMBERS = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final HazelcastWorkshopStore store;
    private final HazelcastInstance instance;
    private final boolean majorityNeeded;

    private ClusterNode(Vertx vertx, HazelcastWorkshopStore store, HazelcastInstance instance, boolean majorityNeeded) {
        this.vertx = vertx;
        this.store = store;
        this.instance = instance;
        this.majorityNeeded = majorityNeeded;
    }

    /**
     * Whether this member can take commands: with three or more members, only while it sees a majority of
     * them. A member cut off from the majority still serves reads but refuses every command, so its
     * {@code /health} says so and a load balancer sends people to the others.
     */
    public boolean writable() {
        if (!majorityNeeded) {
            return true;
        }
        try {
            return instance.getSplitBrainProtectionService().getSplitBrainProtection(MAJORITY).hasMinimumSize();
        } catch (RuntimeException e) {
            return false; // shutting down
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    /** This member's id in the cluster (its Hazelcast member id, which is also its Vert.x node id). */
    public String memberId() {
        return instance.getCluster().getLocalMember().getUuid().toString();
    }

    /** Hears the id of every member that leaves the cluster (stopped, or declared dead). */
    public void onMemberLeft(java.util.function.Consumer<String> listener) {
        instance.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
                listener.accept(event.getMember().getUuid().toString());
            }
        });
    }

    public HazelcastWorkshopStore store() {
        return store;
    }

    /** Joins the cluster, seeds it from this member's journal and catches up; answers once the store can serve. */
    public static ClusterNode start(ServerConfig config, Journal journal, Clock clock) throws Exception {
        Config hz = hazelcastConfig(config);
        HazelcastClusterManager manager = new HazelcastClusterManager(hz);
        VertxOptions options = new VertxOptions().setPreferNativeTransport(false);
        watchEventLoops(options);
        options.getEventBusOptions().setHost(config.clusterHost()).setPort(config.clusterBusPort());
        LOG.info("joining cluster \"{}\" as {}:{} (members {}, {} backup(s))", CLUSTER_NAME, config.clusterHost(),
                config.clusterPort(), config.clusterMembers(), config.clusterBackups());
        Vertx vertx = Vertx.builder().with(options).withClusterManager(manager).buildClustered()
                .toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
        try {
            HazelcastInstance instance = manager.getHazelcastInstance();
            HazelcastWorkshopStore store = new HazelcastWorkshopStore(instance, journal, config.dataDir(), config.limits(), clock,
                    Duration.ofDays(Math.max(1, config.retentionDays())));
            store.start(expectedMembers(config), WAIT_FOR_MEMBERS);
            LOG.info("cluster member {} ready; {} members: {}", instance.getCluster().getLocalMember().getAddress(),
                    instance.getCluster().getMembers().size(), instance.getCluster().getMembers());
            return new ClusterNode(vertx, store, instance, expectedMembers(config) >= 3);
        } catch (Exception | Error e) {
            vertx.close();
            throw e;
        }
    }

    /**
     * How long an event loop may run one task before Vert.x warns ("has been blocked for"): its default
     * (2 s), or the milliseconds of the system property {@value #MAX_EVENT_LOOP_PROPERTY}, which the tests
     * set to hold the members to 100 ms. Nothing in a member should wait on an event loop.
     */
    static void watchEventLoops(VertxOptions options) {
        Long millis = Long.getLong(MAX_EVENT_LOOP_PROPERTY);
        if (millis != null && millis > 0) {
            // With the stack of the blocked thread in the warning, so it says what waited.
            options.setMaxEventLoopExecuteTime(millis).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                    .setWarningExceptionTime(millis).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS)
                    .setBlockedThreadCheckInterval(Math.max(10, millis / 2)).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
        }
    }

    static final String MAX_EVENT_LOOP_PROPERTY = "factorspel.maxEventLoopMillis";

    /** The members a full cluster has: the configured addresses and this member's own, counted once each. */
    static int expectedMembers(ServerConfig config) {
        Set<String> all = new LinkedHashSet<>();
        all.add(normalise(config.clusterHost() + ":" + config.clusterPort()));
        config.clusterMembers().forEach(m -> all.add(normalise(m)));
        return all.size();
    }

    private static String normalise(String member) {
        String m = member.strip().toLowerCase(Locale.ROOT);
        return m.contains(":") ? m : m + ":" + NetworkConfig.DEFAULT_PORT;
    }

    /** The Hazelcast configuration, built in code from the server's settings. */
    public static Config hazelcastConfig(ServerConfig config) throws UnknownHostException {
        // Vert.x's defaults (the maps of its event bus), or a cluster.xml an operator put on the class path.
        Config hz = ConfigUtil.loadConfig();
        if (hz == null) {
            hz = new Config();
        }
        hz.setClusterName(CLUSTER_NAME);
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.socket.bind.any", "false");
        // A member that stops answering is out after 15 s; its locks are released and its partitions taken over.
        hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        // Members stopped together do not wait long for each other to take over their partitions: the journals hold everything.
        hz.setProperty("hazelcast.graceful.shutdown.max.wait", "20");
        hz.setProperty("hazelcast.merge.first.run.delay.seconds", "20");
        hz.setProperty("hazelcast.merge.next.run.delay.seconds", "20");

        NetworkConfig net = hz.getNetworkConfig();
        net.setPort(config.clusterPort()).setPortAutoIncrement(false).setPortCount(1);
        net.setPublicAddress(config.clusterHost() + ":" + config.clusterPort());
        String ip = InetAddress.getByName(config.clusterHost()).getHostAddress();
        net.getInterfaces().setEnabled(true).setInterfaces(List.of(ip));
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getAwsConfig().setEnabled(false);
        join.getGcpConfig().setEnabled(false);
        join.getAzureConfig().setEnabled(false);
        join.getKubernetesConfig().setEnabled(false);
        join.getEurekaConfig().setEnabled(false);
        List<String> members = new ArrayList<>(config.clusterMembers());
        if (members.isEmpty()) {
            members.add(config.clusterHost() + ":" + config.clusterPort());
        }
        join.getTcpIpConfig().setEnabled(true).setMembers(members);

        int backups = Math.max(0, Math.min(6, config.clusterBackups()));
        if (backups == 0) {
            LOG.warn("cluster-backups is 0: losing one member loses the records only it holds in memory (they stay in the journals)");
        }
        int expected = expectedMembers(config);
        // With three or more members, only a majority writes, so a network split cannot make two histories.
        String protection = null;
        if (expected >= 3) {
            protection = MAJORITY;
            hz.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(MAJORITY, true, expected / 2 + 1));
        }
        hz.addMapConfig(mapConfig("factorspel.*", backups, protection));
        hz.addMapConfig(mapConfig(ClusterLog.RECORDS, backups, protection)
                .setPartitioningStrategyConfig(new PartitioningStrategyConfig(StringPartitioningStrategy.class.getName())));
        // A head is a hint moved without waiting (the records are the log): its backups need not hold up a command.
        hz.addMapConfig(mapConfig(ClusterLog.HEADS, 0, protection).setAsyncBackupCount(backups));
        // Start-up bookkeeping must work before a majority is there.
        hz.addMapConfig(mapConfig(ClusterLog.META, backups, null));
        return hz;
    }

    private static MapConfig mapConfig(String name, int backups, String protection) {
        MapConfig map = new MapConfig(name).setBackupCount(backups).setAsyncBackupCount(0).setStatisticsEnabled(false);
        if (protection != null) {
            map.setSplitBrainProtectionName(protection);
        }
        return map;
    }
}
