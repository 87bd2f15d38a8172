package nl.factorspel.loadtest;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In a cluster run, each delivery of a table command is also counted under its sender's and receiver's members. */
class CorrelatorPathsTest {

    private final Stats stats = new Stats();
    private final Correlator correlator = new Correlator(stats);
    private static final String TABLE = "fs.table.w1.1";
    private final SockJsClient a = new SockJsClient("a", "t", stats);
    private final SockJsClient b = new SockJsClient("b", "t", stats);

    CorrelatorPathsTest() {
        stats.measuring = true;
    }

    @Test
    void aTableCommandsDeliveriesAreCountedBySendersAndReceiversMember() {
        SockJsClient sender = new SockJsClient("w1.t1.interviewer", "t", stats);
        SockJsClient sameMember = new SockJsClient("w1.t1.respondent1", "t", stats);
        SockJsClient otherMember = new SockJsClient("w1.t1.respondent2", "t", stats);
        correlator.memberByName.put(sender.name, 0);
        correlator.memberByName.put(sameMember.name, 0);
        correlator.memberByName.put(otherMember.name, 2);
        String address = "fs.table.w1.1";
        JsonObject event = new JsonObject().put("type", "cardPlaced").put("commandId", "w1.t1.interviewer-1");
        long sent = System.nanoTime();
        correlator.expect(Correlator.key(address, event), "placeCard", sender.name, sent, 2, false);
        correlator.arrived(sameMember, false, address, event, sent + TimeUnit.MILLISECONDS.toNanos(2));
        correlator.arrived(otherMember, false, address, event, sent + TimeUnit.MILLISECONDS.toNanos(7));

        assertEquals(1, stats.paths.get("1>1").summary().getInteger("count"));
        assertEquals(2.0, stats.paths.get("1>1").summary().getDouble("p50"), 0.01);
        assertEquals(7.0, stats.paths.get("1>3").summary().getDouble("p50"), 0.01);
        assertEquals(2, stats.latency("placeCard").summary().getInteger("count"));
    }

    @Test
    void motionAndOneServersRunsAreNotCountedByPath() {
        JsonObject note = new JsonObject().put("type", "noteWritten").put("commandId", "a-1");
        correlator.expect(Correlator.key(TABLE, note), "writeNote", a.name, System.nanoTime(), 1, false);
        correlator.arrived(b, false, TABLE, note, System.nanoTime());
        assertTrue(stats.paths.isEmpty(), "no members known: one server");

        correlator.memberByName.put("a", 0);
        correlator.memberByName.put("b", 1);
        String motion = "fs.motion.w1.1";
        JsonObject drag = new JsonObject().put("y", 0.25);
        correlator.expect(Correlator.key(motion, drag), "motion", a.name, System.nanoTime(), 1, false);
        correlator.arrived(b, false, motion, drag, System.nanoTime());
        assertFalse(stats.paths.containsKey("1>2"), "motion is not a table command");
    }

    @Test
    void aSendersOwnEventIsNotedWhicheverClientHearsFirst() {
        JsonObject placed = new JsonObject().put("type", "cardPlaced").put("commandId", "a-1");
        Correlator.Pending p = correlator.expect(Correlator.key(TABLE, placed), "placeCard", a.name, System.nanoTime(), 1, false, true);
        correlator.arrived(b, false, TABLE, placed, System.nanoTime());
        assertFalse(p.senderHeard, "another client's copy is not the sender's");
        correlator.arrived(a, false, TABLE, placed, System.nanoTime());
        assertTrue(p.senderHeard, "the sender's own copy, after every other client had theirs");
        assertEquals(0, correlator.missing()[1], "nothing is missing once everybody heard it");
    }
}
