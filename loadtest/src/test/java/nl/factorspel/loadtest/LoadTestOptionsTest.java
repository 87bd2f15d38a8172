package nl.factorspel.loadtest;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The generator's cluster mode: which servers a step plays against, and which counters it prints per command. */
class LoadTestOptionsTest {

    @Test
    void compareClusterPlaysOneServerThenTheCluster() {
        LoadTest.Options o = LoadTest.parse(new String[]{"--spawn", "--cluster", "3", "--compare-cluster", "--tables", "100"});
        assertEquals(3, o.cluster);
        assertEquals(List.of("factorspel", "cluster"), LoadTest.targets(o));
        assertEquals(List.of("cluster"), LoadTest.targets(LoadTest.parse(new String[]{"--spawn", "--cluster", "5"})));
        assertEquals(List.of("factorspel", "bare"), LoadTest.targets(LoadTest.parse(new String[]{"--spawn", "--compare"})));
    }

    @Test
    void aClusterIsOnlyStartedByTheGeneratorItselfAndAKillNeedsAMemberToMoveTo() {
        assertThrows(IllegalArgumentException.class, () -> LoadTest.parse(new String[]{"--url", "http://127.0.0.1:8080", "--cluster", "3"}));
        assertThrows(IllegalArgumentException.class, () -> LoadTest.parse(new String[]{"--spawn", "--cluster", "3", "--compare"}));
        assertThrows(IllegalArgumentException.class, () -> LoadTest.parse(new String[]{"--spawn", "--compare-cluster"}));
        assertThrows(IllegalArgumentException.class, () -> LoadTest.parse(new String[]{"--spawn", "--cluster", "1", "--kill-member-after", "10"}));
        assertEquals(10.0, LoadTest.parse(new String[]{"--spawn", "--cluster", "3", "--kill-member-after", "10"}).killMemberAfter);
        assertThrows(IllegalArgumentException.class, () -> LoadTest.parse(new String[]{"--spawn", "--cluster", "3", "--rehearse-reconnects", "20"}),
                "a rehearsal is for a failover");
        assertEquals(20, LoadTest.parse(new String[]{"--spawn", "--cluster", "3", "--kill-member-after", "10", "--rehearse-reconnects", "20"})
                .rehearseReconnects);
    }

    @Test
    void perCommandCountsFsyncsRoundTripsHopsBackupsForwardsAndFetchesButNotTimesOrWorkshops() {
        Map<String, Double> before = Map.of("factorspel_journal_fsyncs_total", 10.0, "factorspel_cluster_round_trips_total", 0.0,
                "factorspel_journal_fsync_seconds_total", 1.0, "factorspel_workshops", 1.0);
        Map<String, Double> after = Map.of("factorspel_journal_fsyncs_total", 30.0, "factorspel_cluster_round_trips_total", 40.0,
                "factorspel_journal_fsync_seconds_total", 2.0, "factorspel_workshops", 3.0, "factorspel_backup_writes_total", 20.0,
                "factorspel_cluster_commands_forwarded_total", 10.0, "factorspel_cluster_record_fetches_total", 0.0);
        JsonObject perCommand = LoadTest.perCommand(before, after, 20);
        assertEquals(new JsonObject().put("factorspel_backup_writes_total", 1.0).put("factorspel_cluster_commands_forwarded_total", 0.5)
                .put("factorspel_cluster_record_fetches_total", 0.0).put("factorspel_cluster_round_trips_total", 2.0)
                .put("factorspel_journal_fsyncs_total", 1.0), perCommand);
    }
}
