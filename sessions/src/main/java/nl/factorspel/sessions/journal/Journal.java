package nl.factorspel.sessions.journal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Append-only, checksummed, group-committed event files: one folder per workshop under the data folder.
 *
 * <p>Layout: {@code <dataDir>/workshops/<workshopId>/events.log} holds one line per record,
 * {@code <crc32c as 8 lowercase hex digits> <record>\n}; {@code snapshot.json} next to it holds
 * {@code {"recordCount":N,"state":<json>}}. See {@code docs/journal.md}.
 *
 * <p>Threading: all methods are thread-safe. One daemon thread ("journal-writer") writes and fsyncs; it completes
 * the futures returned by {@link #append}, so callbacks attached with {@code thenRun} and friends run on it and
 * must be quick and must not block (use the {@code ...Async} variants for real work). {@link #read} and
 * {@link #delete} hold the workshop's lock while they run, so the writer waits for them if it has records for
 * that workshop.
 *
 * <p>An append whose future completes exceptionally has an unknown outcome, as after a crash: its records are
 * not acknowledged, and may or may not be found on the next start. After a write or fsync failure the workshop's
 * journal refuses further appends until the process restarts (the kernel may have dropped the dirty pages, so a
 * retried fsync would prove nothing; and later records may build on the lost ones).
 *
 * <p>This class is the API. The parts, one job each: {@link RecordFormat} writes record lines and {@link LogScan}
 * reads and checks them; {@link JournalWriter} is the group-commit pipeline; {@link SnapshotFile} the snapshot;
 * {@link WorkshopLog} a workshop's files and locks; {@link JournalFiles} the fsyncs and folder operations.
 */
public final class Journal implements AutoCloseable {

    private static final Pattern WORKSHOP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Logger LOG = LogManager.getLogger(Journal.class);

    private final Path workshopsDir;
    private final JournalFiles files;
    private final WorkshopLog.Table logs;
    private final JournalWriter writer;
    private volatile boolean closed;

    /**
     * Opens the journal under {@code dataDir}: creates {@code dataDir/workshops/} if needed, takes an exclusive
     * lock on it (a second Journal on the same folder, in this or another process, fails with
     * {@link IllegalStateException}) and starts the writer thread.
     *
     * @throws UncheckedIOException if the folder cannot be created or locked
     */
    public Journal(Path dataDir) {
        this(dataDir, JournalIo.REAL);
    }

    Journal(Path dataDir, JournalIo io) {
        this.files = new JournalFiles(Objects.requireNonNull(io, "io"));
        this.workshopsDir = dataDir.toAbsolutePath().normalize().resolve(JournalFiles.WORKSHOPS_DIR);
        FileChannel channel = null;
        FileChannel lockChannel;
        FileLock dirLock;
        try {
            boolean fresh = !Files.isDirectory(workshopsDir);
            Files.createDirectories(workshopsDir);
            if (fresh) {
                files.fsyncDirectory(workshopsDir.getParent());
            }
            channel = FileChannel.open(workshopsDir.resolve(JournalFiles.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException(workshopsDir + " is already in use by another Journal (in this or another process)");
            }
            lockChannel = channel;
            dirLock = lock;
            JournalFiles.removeLeftoverDeletions(workshopsDir);
        } catch (IOException | RuntimeException e) {
            JournalFiles.closeQuietly(channel);
            if (e instanceof IOException io1) {
                throw new UncheckedIOException("cannot open the journal at " + workshopsDir, io1);
            }
            throw (RuntimeException) e;
        }
        this.logs = new WorkshopLog.Table(workshopsDir);
        this.writer = new JournalWriter(workshopsDir, logs, files, () -> {
            try {
                dirLock.release();
            } catch (IOException e) {
                LOG.warn("cannot release the lock on {}", workshopsDir, e);
            }
            JournalFiles.closeQuietly(lockChannel);
        });
    }

    // ------------------------------------------------------------------------------------------------ public API

    /**
     * Appends records for one workshop; the future completes once they are durable (written and fsynced).
     * Futures complete in the order append was called (across all workshops). Group commit: the writer thread
     * drains everything queued (at most 4096 records or 4 MiB per batch, one append never split), writes it,
     * forces each touched file once, then completes all those futures.
     *
     * <p>The records of one call are written together, but a crash may keep a prefix of them; the future
     * completing tells that all of them are durable. An empty list completes once everything appended before it
     * is durable.
     *
     * @param records one JSON document per record; no record may contain a newline
     * @throws IllegalArgumentException if the workshop id is invalid, or a record contains a newline or an unpaired
     *                                  surrogate
     * @throws IllegalStateException    if the journal is closed
     */
    public CompletableFuture<Void> append(String workshopId, List<String> records) {
        return append(frame(workshopId, records));
    }

    /**
     * Appends records framed (and so checked) before: the only refusal left is a closed journal, so a store
     * that frames a command's records before it changes anything has nothing to undo when the append is refused.
     *
     * @throws IllegalStateException if the journal is closed
     */
    public CompletableFuture<Void> append(Framed framed) {
        JournalWriter.AppendOp op = new JournalWriter.AppendOp(framed.workshopId, framed.bytes, framed.recordCount);
        writer.enqueue(op);
        return op.done;
    }

    /**
     * Appends records framed before that another copy already holds durably (a cluster member's copy of
     * records its owner fsynced): written in order with every other append, but never the reason for an
     * fsync. The future completes once they are written; the workshop's next {@link #append(Framed)} (whose
     * fsync covers the whole file) or {@link #close} makes them durable here.
     *
     * @throws IllegalStateException if the journal is closed
     */
    public CompletableFuture<Void> appendWritten(Framed framed) {
        JournalWriter.AppendOp op = new JournalWriter.AppendOp(framed.workshopId, framed.bytes, framed.recordCount, false);
        writer.enqueue(op);
        return op.done;
    }

    /** Records of one workshop, checked and framed as log lines: what {@link #append(Framed)} writes. */
    public static final class Framed {
        private final String workshopId;
        private final byte[] bytes;
        private final int recordCount;

        private Framed(String workshopId, byte[] bytes, int recordCount) {
            this.workshopId = workshopId;
            this.bytes = bytes;
            this.recordCount = recordCount;
        }
    }

    /**
     * Checks and frames records for a workshop's log, changing nothing.
     *
     * @throws IllegalArgumentException if the workshop id is invalid, or a record contains a newline or an unpaired
     *                                  surrogate
     */
    public static Framed frame(String workshopId, List<String> records) {
        checkId(workshopId);
        Objects.requireNonNull(records, "records");
        Object[] snapshot = records.toArray();
        return new Framed(workshopId, RecordFormat.encode(snapshot), snapshot.length);
    }

    /** Ids of every workshop that has a journal folder, sorted. */
    public List<String> workshops() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(workshopsDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (WORKSHOP_ID.matcher(name).matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    ids.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + workshopsDir, e);
        }
        ids.sort(null);
        return ids;
    }

    /**
     * Reads a workshop's records in order, starting after its snapshot if it has one. A torn or corrupt tail
     * (incomplete last line, bad checksum or bad framing with no valid record after it) is cut off the file,
     * logged at WARN with file and offset, and everything before it is returned. A damaged record followed by a
     * valid one throws {@link JournalCorruptException} naming the file and byte offset; the file is not changed.
     * A workshop without a folder reads as empty.
     *
     * @throws IllegalStateException if the journal is closed
     */
    public JournalReplay read(String workshopId) throws JournalCorruptException, IOException {
        checkId(workshopId);
        checkOpen();
        WorkshopLog ws = logs.lock(workshopId, true, true);
        try {
            Path dir = workshopsDir.resolve(workshopId);
            if (!Files.isDirectory(dir)) {
                return new JournalReplay(Optional.empty(), 0, List.of());
            }
            SnapshotFile snapshot = SnapshotFile.read(dir.resolve(JournalFiles.SNAPSHOT_FILE));
            long skip = snapshot == null ? 0 : snapshot.recordCount();
            Path log = dir.resolve(JournalFiles.LOG_FILE);
            LogScan scan = LogScan.scan(log, skip, true);
            if (scan.recordCount < skip) {
                throw new JournalCorruptException(String.format(
                        "%s covers %d records but %s holds only %d valid records (up to byte offset %d)",
                        dir.resolve(JournalFiles.SNAPSHOT_FILE), skip, log, scan.recordCount, scan.goodEnd), log, scan.goodEnd);
            }
            if (scan.torn()) {
                files.cutTail(log, scan);
            }
            ws.verifiedSize = scan.goodEnd;
            return new JournalReplay(
                    snapshot == null ? Optional.empty() : Optional.of(snapshot.state()), skip, scan.records);
        } finally {
            WorkshopLog.Table.unlock(ws, true, true);
        }
    }

    /**
     * The first {@code count} records of a workshop's log, whatever snapshot there is: the records a snapshot
     * stands for, read when someone needs the events themselves (an export, a catch-up from long ago).
     *
     * @throws JournalCorruptException when the log holds fewer valid records, or is damaged before a valid record
     * @throws IllegalStateException   if the journal is closed
     */
    public List<String> readPrefix(String workshopId, long count) throws JournalCorruptException, IOException {
        checkId(workshopId);
        checkOpen();
        WorkshopLog ws = logs.lock(workshopId, false, true);
        try {
            Path log = workshopsDir.resolve(workshopId).resolve(JournalFiles.LOG_FILE);
            LogScan scan = LogScan.scan(log, 0, true);
            if (scan.recordCount < count) {
                throw new JournalCorruptException(String.format("%s holds %d valid records (up to byte offset %d), not the %d asked for",
                        log, scan.recordCount, scan.goodEnd, count), log, scan.goodEnd);
            }
            return List.copyOf(scan.records.subList(0, (int) count));
        } finally {
            WorkshopLog.Table.unlock(ws, false, true);
        }
    }

    /**
     * What a workshop's log holds before its first damaged line: for salvage (see {@code docs/journal.md}).
     *
     * @param records    every valid record before the first damaged line, from the first record on (a snapshot is ignored)
     * @param damagedAt  the byte offset where the damage begins; -1 when every line is valid
     * @param damage     what is wrong there (bad checksum, bad framing, ...), or null
     * @param bytesAfter how many bytes from the damage to the end of the file
     * @param linesAfter how many lines (records, damaged or not) from the damage to the end of the file
     */
    public record Readable(List<String> records, long damagedAt, String damage, long bytesAfter, long linesAfter) {
        public Readable {
            records = List.copyOf(records);
        }
    }

    /** Reads every valid record of a workshop's log up to its first damaged line, whatever follows; changes nothing. */
    public Readable readUpToDamage(String workshopId) throws IOException {
        checkId(workshopId);
        checkOpen();
        WorkshopLog ws = logs.lock(workshopId, true, true);
        try {
            Path log = workshopsDir.resolve(workshopId).resolve(JournalFiles.LOG_FILE);
            LogScan scan = new LogScan();
            try {
                LogScan.scan(log, 0, true, scan);
            } catch (JournalCorruptException e) {
                // The scan stopped at the first valid record after the damage: what it collected is the part before it.
            }
            if (scan.badOffset < 0) {
                return new Readable(scan.records, -1, null, 0, 0);
            }
            byte[] after;
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
                after = new byte[(int) Math.min(Integer.MAX_VALUE - 64, ch.size() - scan.badOffset)];
                ByteBuffer buffer = ByteBuffer.wrap(after);
                while (buffer.hasRemaining() && ch.read(buffer, scan.badOffset + buffer.position()) >= 0) {
                    // reads to the end
                }
            }
            long lines = 0;
            for (byte b : after) {
                lines += b == '\n' ? 1 : 0;
            }
            lines += after.length > 0 && after[after.length - 1] != '\n' ? 1 : 0;
            return new Readable(scan.records, scan.badOffset, scan.badReason, after.length, lines);
        } finally {
            WorkshopLog.Table.unlock(ws, true, true);
        }
    }

    /**
     * Replaces a workshop's log by {@code records} and removes its snapshot, after copying both to a new folder
     * {@code damaged-<time>} inside the workshop's folder, which it answers. For salvage: the server must not
     * be running on this folder (the journal's folder lock sees to that).
     */
    public Path replaceRecords(String workshopId, List<String> records) throws IOException {
        Framed framed = frame(workshopId, records);
        checkOpen();
        WorkshopLog ws = logs.lock(workshopId, true, true);
        try {
            JournalFiles.closeQuietly(ws.channel);
            ws.channel = null;
            Path dir = workshopsDir.resolve(workshopId);
            Path backup = dir.resolve("damaged-" + Instant.now().toString().replace(':', '-'));
            Files.createDirectories(backup);
            for (String file : List.of(JournalFiles.LOG_FILE, JournalFiles.SNAPSHOT_FILE)) {
                if (Files.exists(dir.resolve(file))) {
                    Files.copy(dir.resolve(file), backup.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            files.fsyncDirectory(backup);
            Path temp = dir.resolve(JournalFiles.LOG_FILE + ".tmp");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(framed.bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                files.force(temp, ch, true);
            }
            Files.move(temp, dir.resolve(JournalFiles.LOG_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(dir.resolve(JournalFiles.SNAPSHOT_FILE));
            files.fsyncDirectory(dir);
            ws.verifiedSize = framed.bytes.length;
            return backup;
        } finally {
            WorkshopLog.Table.unlock(ws, true, true);
        }
    }

    /**
     * Stores a snapshot: opaque JSON of the state after the first {@code recordCount} records, written atomically
     * (temp file, fsync, atomic rename, fsync of the folder). It replaces any earlier snapshot. The caller must
     * only snapshot records whose appends have completed; {@link #read} rejects a snapshot that covers more
     * records than the log holds.
     *
     * @throws NoSuchFileException      if {@code recordCount > 0} and the workshop has no log (it was deleted)
     * @throws IllegalArgumentException if the id is invalid, {@code recordCount < 0} or the JSON does not parse
     * @throws IllegalStateException    if the journal is closed
     */
    public void writeSnapshot(String workshopId, long recordCount, String snapshotJson) throws IOException {
        checkId(workshopId);
        Objects.requireNonNull(snapshotJson, "snapshotJson");
        if (recordCount < 0) {
            throw new IllegalArgumentException("recordCount < 0: " + recordCount);
        }
        checkOpen();
        SnapshotFile.checkState(snapshotJson);
        WorkshopLog ws = logs.lock(workshopId, true, false);
        try {
            Path dir = workshopsDir.resolve(workshopId);
            if (recordCount > 0 && !Files.exists(dir.resolve(JournalFiles.LOG_FILE))) {
                // Deleted meanwhile (delete holds this lock while it moves the folder away): nothing to stand for.
                throw new NoSuchFileException(dir.resolve(JournalFiles.LOG_FILE).toString(), null, "a snapshot needs the log it stands for");
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                files.fsyncDirectory(workshopsDir);
            }
            new SnapshotFile(recordCount, snapshotJson).write(dir, files);
        } finally {
            WorkshopLog.Table.unlock(ws, true, false);
        }
    }

    /**
     * Deletes a workshop's folder and everything in it. Runs on the writer thread in append order, so every
     * append of that workshop made before this call is finished first; an append made after it starts a new,
     * empty journal for the id. The folder is first renamed away atomically, so a crash never leaves half a
     * workshop behind. Must not be called from a callback running on the writer thread.
     *
     * @throws IllegalStateException if the journal is closed
     */
    public void delete(String workshopId) throws IOException {
        checkId(workshopId);
        if (writer.onWriterThread()) {
            throw new IllegalStateException("delete() must not be called on the journal-writer thread (from an append callback)");
        }
        JournalWriter.DeleteOp op = new JournalWriter.DeleteOp(workshopId);
        writer.enqueue(op);
        try {
            op.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to delete workshop " + workshopId);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException ioe) {
                throw ioe;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("cannot delete workshop " + workshopId, cause);
        }
    }

    /** Last-modified instant of a workshop's journal (its events.log, else its snapshot, else its folder). */
    public Optional<Instant> lastWrite(String workshopId) {
        checkId(workshopId);
        Path dir = workshopsDir.resolve(workshopId);
        for (Path p : List.of(dir.resolve(JournalFiles.LOG_FILE), dir.resolve(JournalFiles.SNAPSHOT_FILE), dir)) {
            try {
                return Optional.of(Files.getLastModifiedTime(p).toInstant());
            } catch (NoSuchFileException e) {
                // try the next one
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stat " + p, e);
            }
        }
        return Optional.empty();
    }

    /** The workshops among {@code ids} whose journal was last written before {@code cutoff}: the ones retention deletes. */
    public List<String> idleSince(Instant cutoff, List<String> ids) {
        return ids.stream().filter(id -> lastWrite(id).map(last -> last.isBefore(cutoff)).orElse(false)).toList();
    }

    /** Figures for /metrics: number of fsyncs, total fsync nanoseconds, records written, batches. */
    public JournalStats stats() {
        return new JournalStats(files.fsyncs.sum(), files.fsyncNanos.sum(), writer.recordsWritten.sum(), writer.batches.sum());
    }

    /**
     * Drains and forces everything queued, then stops the writer, closes the files and releases the folder lock.
     * Appends (and reads, snapshots, deletes) after close fail with {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        writer.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the journal is closed");
        }
    }

    static void checkId(String workshopId) {
        if (workshopId == null || !WORKSHOP_ID.matcher(workshopId).matches()) {
            throw new IllegalArgumentException("invalid workshop id (want [A-Za-z0-9_-]{1,64}): "
                    + (workshopId == null ? "null" : '"' + workshopId.substring(0, Math.min(80, workshopId.length())) + '"'));
        }
    }
}

