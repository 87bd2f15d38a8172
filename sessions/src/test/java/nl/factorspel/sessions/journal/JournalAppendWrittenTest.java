package nl.factorspel.sessions.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records another copy holds durably (a cluster member following its workshop's owner) are written in order
 * without an fsync of their own; the workshop's next ordinary append, or the close, forces them.
 */
class JournalAppendWrittenTest {

    @TempDir
    Path data;

    /** A disk that notes which files were forced. */
    private Journal journal(List<Path> forced) {
        return new Journal(data, new JournalIo() {
            @Override
            public void force(Path file, FileChannel channel, boolean metaData) throws IOException {
                forced.add(file);
                channel.force(metaData);
            }
        });
    }

    @Test
    void writtenRecordsCostNoFsyncAndTheNextAppendForcesThemWithItsOwn() throws Exception {
        List<Path> forced = new CopyOnWriteArrayList<>();
        try (Journal journal = journal(forced)) {
            long before = journal.stats().fsyncs(); // opening a fresh data folder syncs the folder
            journal.appendWritten(Journal.frame("w1", List.of("{\"n\":1}", "{\"n\":2}"))).get(5, TimeUnit.SECONDS);
            journal.appendWritten(Journal.frame("w1", List.of("{\"n\":3}"))).get(5, TimeUnit.SECONDS);
            assertEquals(before, journal.stats().fsyncs(), "followed records were not forced");
            assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), journal.read("w1").records(), "and they are in the log, in order");

            journal.append("w1", List.of("{\"n\":4}")).get(5, TimeUnit.SECONDS);
            long logForces = forced.stream().filter(p -> p.endsWith("events.log")).count();
            assertEquals(1, logForces, "one fsync of events.log covers the records written before it and its own");
        }
    }

    @Test
    void closingForcesWhatWasWrittenUnforced() throws Exception {
        List<Path> forced = new CopyOnWriteArrayList<>();
        Journal journal = journal(forced);
        journal.appendWritten(Journal.frame("w2", List.of("{\"n\":1}"))).get(5, TimeUnit.SECONDS);
        assertTrue(forced.stream().noneMatch(p -> p.endsWith("events.log")), "the log was not forced before the close: " + forced);
        journal.close();
        assertTrue(forced.stream().anyMatch(p -> p.endsWith(Path.of("w2", "events.log"))), "the close forced the log: " + forced);
        try (Journal reopened = new Journal(data)) {
            assertEquals(List.of("{\"n\":1}"), reopened.read("w2").records());
        }
    }
}
