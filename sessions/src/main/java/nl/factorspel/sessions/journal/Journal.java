package nl.factorspel.sessions.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

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
 */
public final class Journal implements AutoCloseable {

    /** Most records in one group commit (a single append is never split, so a batch may hold more). */
    static final int MAX_BATCH_RECORDS = 4096;
    /** Most bytes in one group commit (a single append is never split, so a batch may hold more). */
    static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    static final String WORKSHOPS_DIR = "workshops";
    static final String LOG_FILE = "events.log";
    static final String SNAPSHOT_FILE = "snapshot.json";
    static final String SNAPSHOT_TEMP = "snapshot.json.tmp";
    static final String LOCK_FILE = ".lock";
    static final String DELETED_PREFIX = ".deleted-";

    private static final Pattern WORKSHOP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int WRITE_BUFFER_BYTES = 1024 * 1024;
    private static final int READ_CHUNK_BYTES = 64 * 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final Logger LOG = LogManager.getLogger(Journal.class);
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final Path workshopsDir;
    private final JournalIo io;
    private final ConcurrentHashMap<String, Workshop> workshops = new ConcurrentHashMap<>();

    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition queueNotEmpty = queueLock.newCondition();
    private final ArrayDeque<Op> queue = new ArrayDeque<>();
    private boolean closing; // guarded by queueLock
    private volatile boolean closed;

    private final FileChannel lockChannel;
    private final FileLock dirLock;
    private final Thread writer;

    private final LongAdder fsyncs = new LongAdder();
    private final LongAdder fsyncNanos = new LongAdder();
    private final LongAdder recordsWritten = new LongAdder();
    private final LongAdder batches = new LongAdder();

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
        this.io = Objects.requireNonNull(io, "io");
        this.workshopsDir = dataDir.toAbsolutePath().normalize().resolve(WORKSHOPS_DIR);
        FileChannel channel = null;
        try {
            boolean fresh = !Files.isDirectory(workshopsDir);
            Files.createDirectories(workshopsDir);
            if (fresh) {
                fsyncDirectory(workshopsDir.getParent());
            }
            channel = FileChannel.open(workshopsDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException(workshopsDir + " is already in use by another Journal (in this or another process)");
            }
            this.lockChannel = channel;
            this.dirLock = lock;
            removeLeftoverDeletions();
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof IOException io1) {
                throw new UncheckedIOException("cannot open the journal at " + workshopsDir, io1);
            }
            throw (RuntimeException) e;
        }
        this.writer = new Thread(this::writerLoop, "journal-writer");
        this.writer.setDaemon(true);
        this.writer.start();
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
        AppendOp op = new AppendOp(framed.workshopId, framed.bytes, framed.recordCount);
        enqueue(op);
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
        return new Framed(workshopId, encode(snapshot), snapshot.length);
    }

    /** Hands an operation to the writer thread, in call order. */
    private void enqueue(Op op) {
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
        Workshop ws = lock(workshopId, true, true);
        try {
            Path dir = workshopsDir.resolve(workshopId);
            if (!Files.isDirectory(dir)) {
                return new JournalReplay(Optional.empty(), 0, List.of());
            }
            Snapshot snapshot = readSnapshot(dir.resolve(SNAPSHOT_FILE));
            long skip = snapshot == null ? 0 : snapshot.recordCount;
            Path log = dir.resolve(LOG_FILE);
            LogScan scan = scan(log, skip, true);
            if (scan.recordCount < skip) {
                throw new JournalCorruptException(String.format(
                        "%s covers %d records but %s holds only %d valid records (up to byte offset %d)",
                        dir.resolve(SNAPSHOT_FILE), skip, log, scan.recordCount, scan.goodEnd), log, scan.goodEnd);
            }
            if (scan.torn()) {
                cutTail(log, scan);
            }
            ws.verifiedSize = scan.goodEnd;
            return new JournalReplay(
                    snapshot == null ? Optional.empty() : Optional.of(snapshot.state), skip, scan.records);
        } finally {
            unlock(ws, true, true);
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
        Workshop ws = lock(workshopId, false, true);
        try {
            Path log = workshopsDir.resolve(workshopId).resolve(LOG_FILE);
            LogScan scan = scan(log, 0, true);
            if (scan.recordCount < count) {
                throw new JournalCorruptException(String.format("%s holds %d valid records (up to byte offset %d), not the %d asked for",
                        log, scan.recordCount, scan.goodEnd, count), log, scan.goodEnd);
            }
            return List.copyOf(scan.records.subList(0, (int) count));
        } finally {
            unlock(ws, false, true);
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
        Workshop ws = lock(workshopId, true, true);
        try {
            Path log = workshopsDir.resolve(workshopId).resolve(LOG_FILE);
            LogScan scan = new LogScan();
            try {
                scan(log, 0, true, scan);
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
            unlock(ws, true, true);
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
        Workshop ws = lock(workshopId, true, true);
        try {
            closeQuietly(ws.channel);
            ws.channel = null;
            Path dir = workshopsDir.resolve(workshopId);
            Path backup = dir.resolve("damaged-" + Instant.now().toString().replace(':', '-'));
            Files.createDirectories(backup);
            for (String file : List.of(LOG_FILE, SNAPSHOT_FILE)) {
                if (Files.exists(dir.resolve(file))) {
                    Files.copy(dir.resolve(file), backup.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            fsyncDirectory(backup);
            Path temp = dir.resolve(LOG_FILE + ".tmp");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(framed.bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                force(temp, ch, true);
            }
            Files.move(temp, dir.resolve(LOG_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(dir.resolve(SNAPSHOT_FILE));
            fsyncDirectory(dir);
            ws.verifiedSize = framed.bytes.length;
            return backup;
        } finally {
            unlock(ws, true, true);
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
        try {
            JsonNode parsed = JSON.readTree(snapshotJson);
            if (parsed == null || parsed.isMissingNode()) {
                throw new IllegalArgumentException("snapshotJson is empty");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshotJson is not valid JSON: " + e.getOriginalMessage(), e);
        }
        byte[] content = (snapshotPrefix(recordCount) + snapshotJson + "}").getBytes(StandardCharsets.UTF_8);
        Workshop ws = lock(workshopId, true, false);
        try {
            Path dir = workshopsDir.resolve(workshopId);
            if (recordCount > 0 && !Files.exists(dir.resolve(LOG_FILE))) {
                // Deleted meanwhile (delete holds this lock while it moves the folder away): nothing to stand for.
                throw new NoSuchFileException(dir.resolve(LOG_FILE).toString(), null, "a snapshot needs the log it stands for");
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                fsyncDirectory(workshopsDir);
            }
            Path temp = dir.resolve(SNAPSHOT_TEMP);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                force(temp, ch, true);
            }
            Files.move(temp, dir.resolve(SNAPSHOT_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory(dir);
        } finally {
            unlock(ws, true, false);
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
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("delete() must not be called on the journal-writer thread (from an append callback)");
        }
        DeleteOp op = new DeleteOp(workshopId);
        enqueue(op);
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
        for (Path p : List.of(dir.resolve(LOG_FILE), dir.resolve(SNAPSHOT_FILE), dir)) {
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
        return new JournalStats(fsyncs.sum(), fsyncNanos.sum(), recordsWritten.sum(), batches.sum());
    }

    /**
     * Drains and forces everything queued, then stops the writer, closes the files and releases the folder lock.
     * Appends (and reads, snapshots, deletes) after close fail with {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        queueLock.lock();
        try {
            closing = true;
            queueNotEmpty.signalAll();
        } finally {
            queueLock.unlock();
        }
        if (Thread.currentThread() != writer) {
            joinWriter();
        }
    }

    // ------------------------------------------------------------------------------------------------ writer

    private abstract static class Op {
        final String workshopId;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Op(String workshopId) {
            this.workshopId = workshopId;
        }
    }

    private static final class AppendOp extends Op {
        final byte[] bytes;
        final int recordCount;

        AppendOp(String workshopId, byte[] bytes, int recordCount) {
            super(workshopId);
            this.bytes = bytes;
            this.recordCount = recordCount;
        }
    }

    private static final class DeleteOp extends Op {
        DeleteOp(String workshopId) {
            super(workshopId);
        }
    }

    private void writerLoop() {
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
            for (Workshop ws : workshops.values()) {
                ws.logLock.lock();
                try {
                    closeQuietly(ws.channel);
                    ws.channel = null;
                } finally {
                    ws.logLock.unlock();
                }
            }
            try {
                dirLock.release();
            } catch (IOException e) {
                LOG.warn("cannot release the lock on {}", workshopsDir, e);
            }
            closeQuietly(lockChannel);
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
        Workshop ws = lock(workshopId, false, true);
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
                force(ws.log, ch, false);
                while (!ws.dirsToSync.isEmpty()) {
                    fsyncDirectory(ws.dirsToSync.get(0));
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
            unlock(ws, false, true);
        }
    }

    private void flush(Path file, FileChannel ch, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            io.write(file, ch, buffer);
        }
        buffer.clear();
    }

    /**
     * A write failed: cut what may have been written so the file ends on a record boundary again, and refuse
     * later appends: their records may build on the ones just lost (the next seq after a lost event), and a log
     * with such a gap could not be replayed.
     */
    private void rollback(Workshop ws, FileChannel ch, long start, IOException cause) {
        try {
            ch.truncate(start);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        poison(ws, cause);
    }

    /** After an fsync failure (or a failed rollback) nothing about the file can be trusted until a restart. */
    private void poison(Workshop ws, IOException cause) {
        ws.failure = cause;
        closeQuietly(ws.channel);
        ws.channel = null;
    }

    /** Opens the workshop's events.log for appending, checking (and repairing) its tail first if not yet done. */
    private FileChannel openForAppend(Workshop ws) throws IOException, JournalCorruptException {
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
            LogScan scan = scan(ws.log, Long.MAX_VALUE, false);
            if (scan.torn()) {
                cutTail(ws.log, scan);
            }
        }
        ws.channel = FileChannel.open(ws.log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return ws.channel;
    }

    private void runDelete(DeleteOp op) {
        Workshop ws = lock(op.workshopId, true, true);
        try {
            closeQuietly(ws.channel);
            ws.channel = null;
            Path dir = workshopsDir.resolve(op.workshopId);
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Path trash = workshopsDir.resolve(DELETED_PREFIX + op.workshopId + "-" + System.nanoTime());
                Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(workshopsDir);
                deleteRecursively(trash);
            }
            ws.removed = true;
            workshops.remove(op.workshopId, ws);
            op.done.complete(null);
        } catch (IOException | RuntimeException e) {
            op.done.completeExceptionally(e);
        } finally {
            unlock(ws, true, true);
        }
    }

    private void joinWriter() {
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------ workshops

    /** Per-workshop state. Lock order: snapshotLock before logLock. */
    private final class Workshop {
        final ReentrantLock snapshotLock = new ReentrantLock();
        final ReentrantLock logLock = new ReentrantLock();
        final Path log;
        // guarded by logLock:
        FileChannel channel;
        long verifiedSize = -1;
        IOException failure;
        List<Path> dirsToSync = new ArrayList<>();
        // written under both locks, read under either:
        boolean removed;

        Workshop(String id) {
            this.log = workshopsDir.resolve(id).resolve(LOG_FILE);
        }
    }

    private Workshop lock(String id, boolean snapshot, boolean log) {
        while (true) {
            Workshop ws = workshops.computeIfAbsent(id, Workshop::new);
            if (snapshot) {
                ws.snapshotLock.lock();
            }
            if (log) {
                ws.logLock.lock();
            }
            if (!ws.removed) {
                return ws;
            }
            unlock(ws, snapshot, log); // deleted meanwhile: use the fresh entry
        }
    }

    private static void unlock(Workshop ws, boolean snapshot, boolean log) {
        if (log) {
            ws.logLock.unlock();
        }
        if (snapshot) {
            ws.snapshotLock.unlock();
        }
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

    // ------------------------------------------------------------------------------------------------ format

    /** Frames records as {@code <crc32c hex> <record>\n} lines. */
    static byte[] encode(Object[] records) {
        byte[][] bodies = new byte[records.length][];
        long total = 0;
        for (int i = 0; i < records.length; i++) {
            if (!(records[i] instanceof String record)) {
                throw new IllegalArgumentException("record " + i + " is " + (records[i] == null ? "null" : "not a String"));
            }
            checkRecord(record, i);
            bodies[i] = record.getBytes(StandardCharsets.UTF_8);
            total += bodies[i].length + 10L;
        }
        if (total > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("records too large for one append: " + total + " bytes");
        }
        byte[] out = new byte[(int) total];
        CRC32C crc = new CRC32C();
        int pos = 0;
        for (byte[] body : bodies) {
            crc.reset();
            crc.update(body);
            long value = crc.getValue();
            for (int i = 7; i >= 0; i--) {
                out[pos + i] = HEX[(int) (value & 0xF)];
                value >>>= 4;
            }
            out[pos + 8] = ' ';
            System.arraycopy(body, 0, out, pos + 9, body.length);
            pos += 9 + body.length;
            out[pos++] = '\n';
        }
        return out;
    }

    private static void checkRecord(String record, int index) {
        int n = record.length();
        for (int i = 0; i < n; i++) {
            char c = record.charAt(i);
            if (c == '\n') {
                throw new IllegalArgumentException("record " + index + " contains a newline; records must be single-line JSON");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(record.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException("record " + index + " contains an unpaired surrogate at char " + i);
                }
            }
        }
    }

    /** What a scan of an events.log found. */
    static final class LogScan {
        final List<String> records = new ArrayList<>();
        long recordCount;     // valid records before the first damaged line
        long goodEnd;         // byte offset just past the last valid record
        long fileSize;
        long badOffset = -1;  // start of the first damaged line; -1 when the whole file is valid
        String badReason;

        boolean torn() {
            return badOffset >= 0;
        }
    }

    /**
     * Checks every line of {@code log}. Valid records from index {@code skip} on are collected when
     * {@code collect}. A damaged line followed by a valid one throws; damaged lines at the end are reported as
     * a torn tail (not cut here).
     */
    static LogScan scan(Path log, long skip, boolean collect) throws IOException, JournalCorruptException {
        return scan(log, skip, collect, new LogScan());
    }

    /** {@link #scan(Path, long, boolean)} into {@code s}, which keeps what was found when the scan throws. */
    private static LogScan scan(Path log, long skip, boolean collect, LogScan s) throws IOException, JournalCorruptException {
        if (!Files.exists(log)) {
            return s;
        }
        LineChecker checker = new LineChecker(log, s, skip, collect);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            byte[] chunk = new byte[READ_CHUNK_BYTES];
            ByteBuffer chunkBuffer = ByteBuffer.wrap(chunk);
            byte[] carry = new byte[1024];
            int carryLen = 0;
            long chunkStart = 0;
            long lineStart = 0;
            int n;
            while ((n = ch.read(chunkBuffer.clear())) >= 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    if (carryLen == 0) {
                        checker.line(chunk, from, i - from, lineStart);
                    } else {
                        carry = ensure(carry, carryLen + (i - from));
                        System.arraycopy(chunk, from, carry, carryLen, i - from);
                        checker.line(carry, 0, carryLen + (i - from), lineStart);
                        carryLen = 0;
                    }
                    from = i + 1;
                    lineStart = chunkStart + from;
                }
                if (from < n) {
                    carry = ensure(carry, carryLen + (n - from));
                    System.arraycopy(chunk, from, carry, carryLen, n - from);
                    carryLen += n - from;
                }
                chunkStart += n;
            }
            s.fileSize = chunkStart;
            if (carryLen > 0 && s.badOffset < 0) {
                s.badOffset = lineStart;
                s.badReason = "incomplete last line (no newline)";
            }
        }
        return s;
    }

    private static byte[] ensure(byte[] array, int size) {
        if (array.length >= size) {
            return array;
        }
        return Arrays.copyOf(array, Math.max(size, array.length * 2));
    }

    private static final class LineChecker {
        private final Path log;
        private final LogScan scan;
        private final long skip;
        private final boolean collect;
        private final CRC32C crc = new CRC32C();
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        LineChecker(Path log, LogScan scan, long skip, boolean collect) {
            this.log = log;
            this.scan = scan;
            this.skip = skip;
            this.collect = collect;
        }

        void line(byte[] a, int off, int len, long start) throws JournalCorruptException {
            String record = null;
            String problem = null;
            long expected = 0;
            if (len < 9 || a[off + 8] != ' ') {
                problem = "bad framing";
            } else {
                for (int i = 0; i < 8 && problem == null; i++) {
                    int d = Character.digit(a[off + i], 16);
                    if (d < 0 || (a[off + i] >= 'A' && a[off + i] <= 'F')) {
                        problem = "bad framing";
                    }
                    expected = (expected << 4) | d;
                }
            }
            if (problem == null) {
                crc.reset();
                crc.update(a, off + 9, len - 9);
                if (crc.getValue() != expected) {
                    problem = "bad checksum";
                }
            }
            if (problem == null && collect && scan.recordCount >= skip) {
                try {
                    CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(a, off + 9, len - 9));
                    record = chars.toString();
                } catch (CharacterCodingException e) {
                    problem = "not valid UTF-8";
                }
            }
            if (problem != null) {
                if (scan.badOffset < 0) {
                    scan.badOffset = start;
                    scan.badReason = problem;
                }
                return;
            }
            if (scan.badOffset >= 0) {
                throw new JournalCorruptException(String.format(
                        "corrupt record in %s at byte offset %d (%s), followed by a valid record at byte offset %d;"
                                + " the file was not changed: restore it from a backup or repair it by hand",
                        log, scan.badOffset, scan.badReason, start), log, scan.badOffset);
            }
            scan.recordCount++;
            scan.goodEnd = start + len + 1;
            if (record != null) {
                scan.records.add(record);
            }
        }
    }

    /** Cuts a torn tail found by {@link #scan} off the file, durably. */
    private void cutTail(Path log, LogScan scan) throws IOException {
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(scan.badOffset);
            force(log, ch, true);
        }
        LOG.warn("cut a torn or corrupt tail off {} at byte offset {}: {} bytes removed ({}); the {} records before it are kept",
                log, scan.badOffset, scan.fileSize - scan.badOffset, scan.badReason, scan.recordCount);
    }

    private record Snapshot(long recordCount, String state) {
    }

    private static String snapshotPrefix(long recordCount) {
        return "{\"recordCount\":" + recordCount + ",\"state\":";
    }

    private static Snapshot readSnapshot(Path file) throws IOException, JournalCorruptException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
            throw new JournalCorruptException("snapshot " + file + " is not valid JSON at byte offset " + offset
                    + ": " + e.getOriginalMessage(), file, offset);
        }
        JsonNode count = root == null ? null : root.get("recordCount");
        JsonNode state = root == null ? null : root.get("state");
        if (count == null || !count.canConvertToExactIntegral() || count.asLong() < 0 || state == null) {
            throw new JournalCorruptException("snapshot " + file + " lacks a valid recordCount or state", file, 0);
        }
        long recordCount = count.asLong();
        String text = new String(bytes, StandardCharsets.UTF_8);
        String prefix = snapshotPrefix(recordCount);
        String raw = text.startsWith(prefix) && text.endsWith("}")
                ? text.substring(prefix.length(), text.length() - 1) // exactly what writeSnapshot was given
                : state.toString();                                  // written by something else: re-serialise
        return new Snapshot(recordCount, raw);
    }

    // ------------------------------------------------------------------------------------------------ files

    private void force(Path file, FileChannel ch, boolean metaData) throws IOException {
        long t0 = System.nanoTime();
        try {
            io.force(file, ch, metaData);
        } finally {
            fsyncNanos.add(System.nanoTime() - t0);
            fsyncs.increment();
        }
    }

    /** Makes a folder's entries (new, renamed or removed files) durable. Not possible on Windows. */
    private void fsyncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            force(dir, ch, true);
        }
    }

    private void removeLeftoverDeletions() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(workshopsDir, DELETED_PREFIX + "*")) {
            for (Path entry : entries) {
                try {
                    deleteRecursively(entry);
                } catch (IOException e) {
                    LOG.warn("cannot remove {} left by an interrupted delete", entry, e);
                }
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("error while closing {}", c, e);
        }
    }
}
