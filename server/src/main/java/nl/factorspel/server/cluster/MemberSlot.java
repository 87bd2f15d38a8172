package nl.factorspel.server.cluster;

import nl.factorspel.sessions.store.DurableSeqs;
import nl.factorspel.sessions.workshop.Workshop;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One workshop on this member: its copy, how far it is applied and durable, and its serial executor. */
final class MemberSlot {
    final String id;
    final SerialExecutor serial;
    /** Guarded by the slot's monitor; replaced only on the serial executor. */
    Workshop workshop = new Workshop();
    /** Records folded into {@link #workshop}; written on the serial executor under the monitor. */
    volatile long applied;
    /** Records in this member's journal (those it followed written there, maybe not forced yet). */
    volatile long durableIndex;
    /** Records forced to this member's disk: up to the last one it decided or imported (whose fsync covered all before it). */
    volatile long forcedIndex;
    /** The highest seq durable here, per stream, for catch-up. */
    final DurableSeqs durable = new DurableSeqs();
    final TreeMap<Long, List<CompletableFuture<Void>>> waiters = new TreeMap<>();
    /**
     * Records heard from the cluster (its listener, or the owner's answer to a command sent there) and not
     * folded in yet, by index: following takes them from here before it fetches.
     */
    final ConcurrentSkipListMap<Long, String> heard = new ConcurrentSkipListMap<>();
    /**
     * Whether this member's copy is the log's end as far as it knows while it decides commands: set once it
     * looked for records after its copy, cleared when another member's record turned up or members changed.
     */
    volatile boolean current;
    /** Where the cluster's log of this workshop was cut, as far as this member knows (its owner cuts it). */
    volatile long cutAt;
    /** The acknowledgement of the last record this member decided (never failed): the next one waits for it. Serial executor. */
    CompletableFuture<Void> acknowledged = CompletableFuture.completedFuture(null);
    final AtomicLong wanted = new AtomicLong();
    final AtomicBoolean followQueued = new AtomicBoolean();
    volatile String firstDigest;
    volatile boolean broken;
    volatile boolean gone;
    /** Being deleted by this member, its owner: it decides no command of it any more. */
    volatile boolean deleting;

    MemberSlot(String id, Executor pool) {
        this.id = id;
        this.serial = new SerialExecutor(pool);
    }

    CompletableFuture<Void> whenDurable(long index) {
        synchronized (waiters) {
            if (durableIndex >= index) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiters.computeIfAbsent(index, k -> new ArrayList<>()).add(f);
            return f;
        }
    }

    void completeWaiters(long upTo) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (waiters) {
            Iterator<Map.Entry<Long, List<CompletableFuture<Void>>>> it = waiters.headMap(upTo, true).entrySet().iterator();
            while (it.hasNext()) {
                done.addAll(it.next().getValue());
                it.remove();
            }
        }
        done.forEach(f -> f.complete(null));
    }

    void failWaiters(Throwable t) {
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        synchronized (waiters) {
            waiters.values().forEach(failed::addAll);
            waiters.clear();
        }
        failed.forEach(f -> f.completeExceptionally(t));
    }
}
