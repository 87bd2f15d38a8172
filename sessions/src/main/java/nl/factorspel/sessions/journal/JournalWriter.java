package nl.factorspel.sessions.journal;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The group-commit pipeline: one daemon thread ("journal-writer") takes appends and deletes in call order,
 * writes every queued append of a batch, forces each touched file once, then completes the futures in order.
 * A write that fails is cut off again and the workshop refuses later appends (see {@link Journal}).
 */
final class JournalWriter {

    /** Most records in one group commit (a single append is never split, so a batch may hold more). */
    static final int MAX_BATCH_RECORDS = 4096;
    /** Most bytes in one group commit (a single append is never split, so a batch may hold more). */
    static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    private static final int WRITE_BUFFER_BYTES = 1024 * 1024;
    private static final Logger LOG = LogManager.getLogger(Journal.class);

    abstract static class Op {
        final String workshopId;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Op(String workshopId) {
            this.workshopId = workshopId;
        }
    }

    static final class AppendOp extends Op {
        final byte[] bytes;
        final int recordCount;
        /** Whether the append completes only once forced to disk (else once written: see {@link Journal#appendWritten}). */
        final boolean force;

        AppendOp(String workshopId, byte[] bytes, int recordCount) {
            this(workshopId, bytes, recordCount, true);
        }

        AppendOp(String workshopId, byte[] bytes, int recordCount, boolean force) {
            super(workshopId);
            this.bytes = bytes;
            this.recordCount = recordCount;
            this.force = force;
        }
    }

    static final class DeleteOp extends Op {
        DeleteOp(String workshopId) {
            super(workshopId);
        }
    }

    private final Path workshopsDir;
    private final WorkshopLog.Table logs;
    private final JournalFiles files;
    private final Runnable onStop;

    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition queueNotEmpty = queueLock.newCondition();
    private final ArrayDeque<Op> queue = new ArrayDeque<>();
    private boolean closing; // guarded by queueLock
    private final Thread thread;

    final LongAdder recordsWritten = new LongAdder();
    final LongAdder batches = new LongAdder();

    /** Starts the writer thread; {@code onStop} runs on it once it has drained the queue after {@link #close}. */
    JournalWriter(Path workshopsDir, WorkshopLog.Table logs, JournalFiles files, Runnable onStop) {
        this.workshopsDir = workshopsDir;
        this.logs = logs;
        this.files = files;
        this.onStop = onStop;
        this.thread = new Thread(this::loop, "journal-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    boolean onWriterThread() {
        return Thread.currentThread() == thread;
    }

    /** Hands an operation to the writer thread, in call order. */
    void enqueue(Op op) {
        queueLock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("the journal is closed");
            }
            queue.addLast(op);
            queueNotEmpty.signal();
        } finally {
            queueLock.unlock();
        }
    }

    /** Lets the writer drain what is queued and stop; waits for it unless called on the writer itself. */
    void close() {
        queueLock.lock();
        try {
            closing = true;
            queueNotEmpty.signalAll();
        } finally {
            queueLock.unlock();
        }
        if (!onWriterThread()) {
            join();
        }
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
        List<Op> batch = new ArrayList<>();
        try {
            while (true) {
                batch.clear();
                queueLock.lock();
                try {
                    while (queue.isEmpty() && !closing) {
                        queueNotEmpty.awaitUninterruptibly();
                    }
                    if (queue.isEmpty()) {
                        return; // closing and drained
                    }
                    Op first = queue.pollFirst();
                    batch.add(first);
                    if (first instanceof AppendOp a) {
                        long records = a.recordCount;
                        long bytes = a.bytes.length;
                        while (queue.peekFirst() instanceof AppendOp next
                                && records + next.recordCount <= MAX_BATCH_RECORDS
                                && bytes + next.bytes.length <= MAX_BATCH_BYTES) {
                            queue.pollFirst();
                            batch.add(next);
                            records += next.recordCount;
                            bytes += next.bytes.length;
                        }
                    }
                } finally {
                    queueLock.unlock();
                }
                try {
                    if (batch.get(0) instanceof DeleteOp d) {
                        runDelete(d);
                    } else {
                        commit(batch, buffer);
                    }
                } catch (Throwable t) {
                    LOG.error("journal writer failed on a batch of {} operations", batch.size(), t);
                    for (Op op : batch) {
                        op.done.completeExceptionally(t); // no effect on those already completed
                    }
                }
            }
        } finally {
            logs.closeAll(files);
            onStop.run();
        }
    }

    /** Writes one batch of appends, forces every touched file once, then completes the futures in order. */
    private void commit(List<Op> batch, ByteBuffer buffer) {
        Map<String, List<AppendOp>> byWorkshop = new LinkedHashMap<>();
        for (Op op : batch) {
            AppendOp a = (AppendOp) op;
            if (a.recordCount > 0) {
                byWorkshop.computeIfAbsent(a.workshopId, k -> new ArrayList<>()).add(a);
            }
        }
        Map<String, Throwable> failures = new HashMap<>();
        for (Map.Entry<String, List<AppendOp>> e : byWorkshop.entrySet()) {
            try {
                recordsWritten.add(commitWorkshop(e.getKey(), e.getValue(), buffer));
            } catch (IOException | JournalCorruptException | RuntimeException ex) {
                LOG.error("journal write for workshop {} failed; {} append(s) not acknowledged",
                        e.getKey(), e.getValue().size(), ex);
                failures.put(e.getKey(), ex);
            }
        }
        if (!byWorkshop.isEmpty()) {
            batches.increment();
        }
        for (Op op : batch) {
            Throwable failure = ((AppendOp) op).recordCount > 0 ? failures.get(op.workshopId) : null;
            if (failure == null) {
                op.done.complete(null);
            } else {
                op.done.completeExceptionally(failure);
            }
        }
    }

    /** Writes and forces one workshop's share of a batch; returns the number of records made durable. */
    private long commitWorkshop(String workshopId, List<AppendOp> ops, ByteBuffer buffer)
            throws IOException, JournalCorruptException {
        WorkshopLog ws = logs.lock(workshopId, false, true);
        try {
            if (ws.failure != null) {
                throw new IOException("the journal of workshop " + workshopId
                        + " refuses appends after an earlier write or fsync failure; restart to recover", ws.failure);
            }
            FileChannel ch = openForAppend(ws);
            long start = ch.size();
            try {
                buffer.clear();
                for (AppendOp op : ops) {
                    int off = 0;
                    while (off < op.bytes.length) {
                        int n = Math.min(buffer.remaining(), op.bytes.length - off);
                        buffer.put(op.bytes, off, n);
                        off += n;
                        if (!buffer.hasRemaining()) {
                            flush(ws.log, ch, buffer);
                        }
                    }
                }
                flush(ws.log, ch, buffer);
            } catch (IOException e) {
                rollback(ws, ch, start, e);
                throw e;
            }
            try {
                if (ops.stream().noneMatch(op -> op.force)) {
                    ws.unforced = true; // forced by the workshop's next forced append, or at close
                    return ops.stream().mapToLong(op -> op.recordCount).sum();
                }
                files.force(ws.log, ch, false);
                ws.unforced = false;
                while (!ws.dirsToSync.isEmpty()) {
                    files.fsyncDirectory(ws.dirsToSync.get(0));
                    ws.dirsToSync.remove(0);
                }
            } catch (IOException e) {
                poison(ws, e);
                throw e;
            }
            long records = 0;
            for (AppendOp op : ops) {
                records += op.recordCount;
            }
            return records;
        } finally {
            WorkshopLog.Table.unlock(ws, false, true);
        }
    }

    private void flush(Path file, FileChannel ch, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            files.io.write(file, ch, buffer);
        }
        buffer.clear();
    }

    /**
     * A write failed: cut what may have been written so the file ends on a record boundary again, and refuse
     * later appends: their records may build on the ones just lost (the next seq after a lost event), and a log
     * with such a gap could not be replayed.
     */
    private static void rollback(WorkshopLog ws, FileChannel ch, long start, IOException cause) {
        try {
            ch.truncate(start);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        poison(ws, cause);
    }

    /** After an fsync failure (or a failed rollback) nothing about the file can be trusted until a restart. */
    private static void poison(WorkshopLog ws, IOException cause) {
        ws.failure = cause;
        JournalFiles.closeQuietly(ws.channel);
        ws.channel = null;
    }

    /** Opens the workshop's events.log for appending, checking (and repairing) its tail first if not yet done. */
    private FileChannel openForAppend(WorkshopLog ws) throws IOException, JournalCorruptException {
        if (ws.channel != null) {
            return ws.channel;
        }
        Path dir = ws.log.getParent();
        if (!Files.exists(ws.log)) {
            // A new file: after its first fsync, make its folder entry (and the folder's own entry) durable too.
            Files.createDirectories(dir);
            if (!ws.dirsToSync.contains(dir)) {
                ws.dirsToSync.add(dir);
                ws.dirsToSync.add(workshopsDir);
            }
        } else if (ws.verifiedSize != Files.size(ws.log)) {
            // Never append behind a torn tail: that would turn it into corruption in the middle.
            LogScan scan = LogScan.scan(ws.log, Long.MAX_VALUE, false);
            if (scan.torn()) {
                files.cutTail(ws.log, scan);
            }
        }
        ws.channel = FileChannel.open(ws.log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return ws.channel;
    }

    private void runDelete(DeleteOp op) {
        WorkshopLog ws = logs.lock(op.workshopId, true, true);
        try {
            JournalFiles.closeQuietly(ws.channel);
            ws.channel = null;
            Path dir = workshopsDir.resolve(op.workshopId);
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Path trash = workshopsDir.resolve(JournalFiles.DELETED_PREFIX + op.workshopId + "-" + System.nanoTime());
                Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
                files.fsyncDirectory(workshopsDir);
                JournalFiles.deleteRecursively(trash);
            }
            logs.remove(op.workshopId, ws);
            op.done.complete(null);
        } catch (IOException | RuntimeException e) {
            op.done.completeExceptionally(e);
        } finally {
            WorkshopLog.Table.unlock(ws, true, true);
        }
    }

    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
