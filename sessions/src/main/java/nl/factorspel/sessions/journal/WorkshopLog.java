package nl.factorspel.sessions.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal's state for one workshop's files: its locks, the open channel of its events.log, how much of the
 * log was checked, and a write failure that makes it refuse appends. Lock order: snapshotLock before logLock.
 */
final class WorkshopLog {

    final ReentrantLock snapshotLock = new ReentrantLock();
    final ReentrantLock logLock = new ReentrantLock();
    final Path log;
    // guarded by logLock:
    FileChannel channel;
    long verifiedSize = -1;
    IOException failure;
    List<Path> dirsToSync = new ArrayList<>();
    /** Written since the last fsync by appends that did not ask for one. */
    boolean unforced;
    // written under both locks, read under either:
    boolean removed;

    private WorkshopLog(Path log) {
        this.log = log;
    }

    /** Every workshop's {@link WorkshopLog}, made on first use and locked through here. */
    static final class Table {
        private final Path workshopsDir;
        private final ConcurrentHashMap<String, WorkshopLog> logs = new ConcurrentHashMap<>();

        Table(Path workshopsDir) {
            this.workshopsDir = workshopsDir;
        }

        /** Takes the asked-for locks of a workshop's entry; an entry deleted meanwhile is replaced by a fresh one. */
        WorkshopLog lock(String id, boolean snapshot, boolean log) {
            while (true) {
                WorkshopLog ws = logs.computeIfAbsent(id, k -> new WorkshopLog(workshopsDir.resolve(k).resolve(JournalFiles.LOG_FILE)));
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

        static void unlock(WorkshopLog ws, boolean snapshot, boolean log) {
            if (log) {
                ws.logLock.unlock();
            }
            if (snapshot) {
                ws.snapshotLock.unlock();
            }
        }

        /** Forgets a deleted workshop's entry (the caller holds both its locks). */
        void remove(String id, WorkshopLog ws) {
            ws.removed = true;
            logs.remove(id, ws);
        }

        /** Closes every open channel, at the end of the writer, forcing what was written unforced first. */
        void closeAll(JournalFiles files) {
            for (WorkshopLog ws : logs.values()) {
                ws.logLock.lock();
                try {
                    if (ws.unforced && ws.channel != null && ws.failure == null) {
                        try {
                            files.force(ws.log, ws.channel, false);
                            for (Path dir : ws.dirsToSync) {
                                files.fsyncDirectory(dir);
                            }
                            ws.dirsToSync.clear();
                        } catch (IOException e) {
                            ws.failure = e;
                        }
                        ws.unforced = false;
                    }
                    JournalFiles.closeQuietly(ws.channel);
                    ws.channel = null;
                } finally {
                    ws.logLock.unlock();
                }
            }
        }
    }
}
