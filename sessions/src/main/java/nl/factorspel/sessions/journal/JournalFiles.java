package nl.factorspel.sessions.journal;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The journal's file operations that durability rests on: forcing a file or a folder to storage (counted for
 * /metrics), cutting a torn tail, and removing folders. Writes and fsyncs go through {@link JournalIo} so tests
 * can make them fail.
 */
final class JournalFiles {

    static final String WORKSHOPS_DIR = "workshops";
    static final String LOG_FILE = "events.log";
    static final String SNAPSHOT_FILE = "snapshot.json";
    static final String SNAPSHOT_TEMP = "snapshot.json.tmp";
    static final String LOCK_FILE = ".lock";
    static final String DELETED_PREFIX = ".deleted-";

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final Logger LOG = LogManager.getLogger(Journal.class);

    final JournalIo io;
    final LongAdder fsyncs = new LongAdder();
    final LongAdder fsyncNanos = new LongAdder();

    JournalFiles(JournalIo io) {
        this.io = io;
    }

    void force(Path file, FileChannel ch, boolean metaData) throws IOException {
        long t0 = System.nanoTime();
        try {
            io.force(file, ch, metaData);
        } finally {
            fsyncNanos.add(System.nanoTime() - t0);
            fsyncs.increment();
        }
    }

    /** Makes a folder's entries (new, renamed or removed files) durable. Not possible on Windows. */
    void fsyncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            force(dir, ch, true);
        }
    }

    /** Cuts a torn tail found by {@link LogScan#scan} off the file, durably. */
    void cutTail(Path log, LogScan scan) throws IOException {
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(scan.badOffset);
            force(log, ch, true);
        }
        LOG.warn("cut a torn or corrupt tail off {} at byte offset {}: {} bytes removed ({}); the {} records before it are kept",
                log, scan.badOffset, scan.fileSize - scan.badOffset, scan.badReason, scan.recordCount);
    }

    /** Removes what a delete interrupted by a crash left behind (folders renamed away but not yet removed). */
    static void removeLeftoverDeletions(Path workshopsDir) throws IOException {
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

    static void deleteRecursively(Path root) throws IOException {
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

    static void closeQuietly(AutoCloseable c) {
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
