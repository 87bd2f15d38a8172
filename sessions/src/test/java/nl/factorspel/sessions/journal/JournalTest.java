package nl.factorspel.sessions.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JournalTest {

    @TempDir
    Path data;

    static String rec(String workshop, int n) {
        return "{\"w\":\"" + workshop + "\",\"n\":" + n + ",\"text\":\"h\u00e9 \u2603 \ud83c\udccf " + "x".repeat(n % 50) + "\"}";
    }

    @Test
    void roundTripOfManyRecordsAcrossTwoWorkshopsPreservesOrder() throws Exception {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        try (Journal journal = new Journal(data)) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            int n = 0;
            while (n < 3000) {
                int size = 1 + n % 7;
                List<String> chunk = new ArrayList<>();
                String ws = (n / 7) % 2 == 0 ? "ws-a" : "ws_B";
                for (int i = 0; i < size; i++) {
                    chunk.add(rec(ws, n++));
                }
                (ws.equals("ws-a") ? a : b).addAll(chunk);
                futures.add(journal.append(ws, chunk));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertEquals(a, journal.read("ws-a").records(), "read while open");
        }
        try (Journal reopened = new Journal(data)) {
            assertEquals(List.of("ws-a", "ws_B"), reopened.workshops());
            JournalReplay ra = reopened.read("ws-a");
            JournalReplay rb = reopened.read("ws_B");
            assertEquals(a, ra.records());
            assertEquals(b, rb.records());
            assertEquals(Optional.empty(), ra.snapshotJson());
            assertEquals(0, ra.snapshotRecordCount());
        }
    }

    @Test
    void fileFormatIsChecksumSpaceRecordNewline() throws Exception {
        try (Journal journal = new Journal(data)) {
            journal.append("w1", List.of("{\"a\":1}", "{\"b\":\"\u00e9\"}")).get(5, TimeUnit.SECONDS);
        }
        String content = Files.readString(data.resolve("workshops/w1/events.log"));
        assertEquals(JournalTestSupport.line("{\"a\":1}") + JournalTestSupport.line("{\"b\":\"\u00e9\"}"), content);
        assertTrue(content.matches("([0-9a-f]{8} [^\n]*\n)+"), content);
    }

    @Test
    void groupCommitOfThousandConcurrentAppendsUsesFarFewerFsyncsThanAppends() throws Exception {
        int threads = 8;
        int perThread = 125;
        int appends = threads * perThread;
        List<List<CompletableFuture<Void>>> futures = new ArrayList<>();
        JournalStats stats;
        try (Journal journal = new Journal(data)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<CompletableFuture<Void>>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(journal.append("g" + (thread % 2), List.of("{\"t\":" + thread + ",\"i\":" + i + "}")));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<CompletableFuture<Void>>> task : tasks) {
                futures.add(task.get(20, TimeUnit.SECONDS));
            }
            pool.shutdown();
            for (List<CompletableFuture<Void>> mine : futures) {
                for (CompletableFuture<Void> f : mine) {
                    f.get(20, TimeUnit.SECONDS);
                }
            }
            stats = journal.stats();

            for (String ws : List.of("g0", "g1")) {
                List<String> records = journal.read(ws).records();
                assertEquals(appends / 2, records.size(), ws);
                int[] next = new int[threads];
                for (String r : records) {
                    int t = Integer.parseInt(r.replaceAll(".*\"t\":(\\d+).*", "$1"));
                    int i = Integer.parseInt(r.replaceAll(".*\"i\":(\\d+).*", "$1"));
                    assertEquals(next[t], i, "order of thread " + t + " in " + ws);
                    next[t]++;
                }
            }
        }
        System.out.printf("group commit: %d appends -> %d batches, %d fsyncs, %.1f ms in fsync%n",
                appends, stats.batches(), stats.fsyncs(), stats.fsyncNanos() / 1e6);
        assertEquals(appends, stats.records());
        assertTrue(stats.batches() < appends, "batches " + stats.batches() + " should be < appends " + appends);
        assertTrue(stats.fsyncs() < appends, "fsyncs " + stats.fsyncs() + " should be < appends " + appends);
    }

    @Test
    void futuresCompleteInTheOrderAppendWasCalledAcrossWorkshops() throws Exception {
        int count = 600;
        List<CompletableFuture<Void>> futures = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<Integer> completed = new ConcurrentLinkedQueue<>();
        AtomicReference<String> violation = new AtomicReference<>();
        try (Journal journal = new Journal(data)) {
            for (int i = 0; i < count; i++) {
                int index = i;
                CompletableFuture<Void> f = journal.append("o" + (i % 3), List.of("{\"i\":" + i + "}"));
                futures.add(f);
                f.thenRun(() -> {
                    if (index > 0 && !futures.get(index - 1).isDone()) {
                        violation.compareAndSet(null, "future " + index + " completed before " + (index - 1));
                    }
                    completed.add(index);
                });
            }
            futures.get(count - 1).get(10, TimeUnit.SECONDS);
        }
        assertEquals(null, violation.get());
        assertEquals(IntStream.range(0, count).boxed().collect(Collectors.toList()), new ArrayList<>(completed));
    }

    @Test
    void closeDrainsEverythingQueuedAndLaterCallsFail() throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        Journal journal = new Journal(data);
        for (int i = 0; i < 300; i++) {
            futures.add(journal.append("c", List.of("{\"i\":" + i + "}")));
        }
        journal.close();
        for (CompletableFuture<Void> f : futures) {
            assertTrue(f.isDone() && !f.isCompletedExceptionally(), "every queued append completed before close returned");
        }
        assertThrows(IllegalStateException.class, () -> journal.append("c", List.of("{}")));
        assertThrows(IllegalStateException.class, () -> journal.read("c"));
        assertThrows(IllegalStateException.class, () -> journal.writeSnapshot("c", 0, "{}"));
        assertThrows(IllegalStateException.class, () -> journal.delete("c"));
        journal.close(); // idempotent
        try (Journal reopened = new Journal(data)) {
            assertEquals(300, reopened.read("c").records().size());
        }
    }

    @Test
    void secondJournalOnTheSameFolderIsRefused() {
        try (Journal journal = new Journal(data)) {
            assertThrows(IllegalStateException.class, () -> new Journal(data));
        }
        new Journal(data).close(); // free again after close
    }

    @Test
    void snapshotIsReturnedWithOnlyTheRecordsAfterIt() throws Exception {
        try (Journal journal = new Journal(data)) {
            for (int i = 1; i <= 10; i++) {
                journal.append("s", List.of("{\"n\":" + i + "}")).get(5, TimeUnit.SECONDS);
            }
            journal.writeSnapshot("s", 6, "{\"upTo\":5}");
            String state = "{ \"upTo\" : 6,\n  \"nested\": [1, 2.50, \"\u00e9\"] }";
            journal.writeSnapshot("s", 6, state); // replaces the first one
            for (int i = 11; i <= 14; i++) {
                journal.append("s", List.of("{\"n\":" + i + "}")).get(5, TimeUnit.SECONDS);
            }
            JournalReplay replay = journal.read("s");
            assertEquals(Optional.of(state), replay.snapshotJson(), "snapshot JSON comes back exactly as given");
            assertEquals(6, replay.snapshotRecordCount());
            assertEquals(IntStream.rangeClosed(7, 14).mapToObj(i -> "{\"n\":" + i + "}").collect(Collectors.toList()),
                    replay.records());
        }
        String file = Files.readString(data.resolve("workshops/s/snapshot.json"));
        assertTrue(file.startsWith("{\"recordCount\":6,\"state\":{ \"upTo\" : 6,"), file);
        try (Stream<Path> files = Files.list(data.resolve("workshops/s"))) {
            assertEquals(List.of("events.log", "snapshot.json"),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
                    "no temp file left behind");
        }
    }

    @Test
    void snapshotFileIsReplacedAtomicallyReadersNeverSeeAPartialFile() throws Exception {
        Path snapshot = data.resolve("workshops/big/snapshot.json");
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        try (Journal journal = new Journal(data)) {
            journal.writeSnapshot("big", 0, "{\"v\":0}");
            Thread reader = new Thread(() -> {
                int seen = 0;
                while (writing.get() || seen == 0) {
                    try {
                        String text = Files.readString(snapshot);
                        seen++;
                        if (!text.matches("\\{\"recordCount\":0,\"state\":\\{\"v\":\\d+(,\"pad\":\"y+\")?}}")) {
                            problems.add("partial or mixed snapshot seen: length " + text.length());
                        }
                    } catch (IOException e) {
                        problems.add("snapshot file missing while being replaced: " + e);
                    }
                }
            });
            reader.start();
            String pad = "y".repeat(512 * 1024);
            for (int v = 1; v <= 40; v++) {
                journal.writeSnapshot("big", 0, "{\"v\":" + v + ",\"pad\":\"" + pad + "\"}");
            }
            writing.set(false);
            reader.join(10_000);
            assertEquals(Optional.of("{\"v\":40,\"pad\":\"" + pad + "\"}"), journal.read("big").snapshotJson());
        }
        assertEquals(List.of(), problems.subList(0, Math.min(3, problems.size())));
    }

    @Test
    void staleSnapshotTempFileFromACrashIsIgnoredAndReplaced() throws Exception {
        try (Journal journal = new Journal(data)) {
            journal.append("t", List.of("{\"n\":1}", "{\"n\":2}")).get(5, TimeUnit.SECONDS);
            journal.writeSnapshot("t", 1, "{\"upTo\":1}");
            Files.writeString(data.resolve("workshops/t/snapshot.json.tmp"), "{\"recordCount\":2,\"sta"); // torn
            JournalReplay replay = journal.read("t");
            assertEquals(Optional.of("{\"upTo\":1}"), replay.snapshotJson());
            assertEquals(List.of("{\"n\":2}"), replay.records());
            journal.writeSnapshot("t", 2, "{\"upTo\":2}");
            assertEquals(Optional.of("{\"upTo\":2}"), journal.read("t").snapshotJson());
            assertFalse(Files.exists(data.resolve("workshops/t/snapshot.json.tmp")));
        }
    }

    @Test
    void theRecordsASnapshotStandsForCanStillBeReadFromTheLog() throws Exception {
        try (Journal journal = new Journal(data)) {
            for (int i = 1; i <= 8; i++) {
                journal.append("p", List.of("{\"n\":" + i + "}")).get(5, TimeUnit.SECONDS);
            }
            journal.writeSnapshot("p", 5, "{\"upTo\":5}");
            assertEquals(IntStream.rangeClosed(1, 5).mapToObj(i -> "{\"n\":" + i + "}").collect(Collectors.toList()),
                    journal.readPrefix("p", 5));
            assertEquals(List.of(), journal.readPrefix("p", 0));
            JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> journal.readPrefix("p", 9));
            assertTrue(e.getMessage().contains("holds 8 valid records"), e.getMessage());
        }
    }

    @Test
    void aSnapshotOfADeletedWorkshopIsRefusedAndDoesNotBringItsFolderBack() throws Exception {
        try (Journal journal = new Journal(data)) {
            journal.append("d", List.of("{\"n\":1}", "{\"n\":2}")).get(5, TimeUnit.SECONDS);
            journal.delete("d");
            assertThrows(java.nio.file.NoSuchFileException.class, () -> journal.writeSnapshot("d", 2, "{}"));
            assertFalse(Files.exists(data.resolve("workshops/d")), "no folder with only a snapshot in it");
            assertEquals(List.of(), journal.workshops());
        }
    }

    @Test
    void snapshotThatCoversMoreRecordsThanTheLogHoldsIsReportedAsCorrupt() throws Exception {
        try (Journal journal = new Journal(data)) {
            journal.append("x", List.of("{\"n\":1}")).get(5, TimeUnit.SECONDS);
            journal.writeSnapshot("x", 5, "{}");
            JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> journal.read("x"));
            assertTrue(e.getMessage().contains("covers 5 records"), e.getMessage());
        }
    }

    @Test
    void invalidSnapshotArgumentsAreRejected() {
        try (Journal journal = new Journal(data)) {
            assertThrows(IllegalArgumentException.class, () -> journal.writeSnapshot("x", 0, "{\"a\":"));
            assertThrows(IllegalArgumentException.class, () -> journal.writeSnapshot("x", 0, "{} {}"));
            assertThrows(IllegalArgumentException.class, () -> journal.writeSnapshot("x", 0, ""));
            assertThrows(IllegalArgumentException.class, () -> journal.writeSnapshot("x", -1, "{}"));
        }
    }

    @Test
    void deleteWaitsForPendingAppendsThenRemovesTheFolder() throws Exception {
        try (Journal journal = new Journal(data)) {
            journal.append("keep", List.of("{\"k\":1}")).get(5, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                pending.add(journal.append("gone", List.of("{\"i\":" + i + "}")));
            }
            journal.writeSnapshot("gone", 0, "{}");
            journal.delete("gone");
            for (CompletableFuture<Void> f : pending) {
                assertTrue(f.isDone() && !f.isCompletedExceptionally(), "pending appends finished before the delete");
            }
            assertFalse(Files.exists(data.resolve("workshops/gone")));
            assertEquals(List.of("keep"), journal.workshops());
            assertEquals(List.of(), journal.read("gone").records());
            assertEquals(Optional.empty(), journal.lastWrite("gone"));
            journal.delete("never-existed"); // no error

            journal.append("gone", List.of("{\"again\":true}")).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("{\"again\":true}"), journal.read("gone").records(), "a new append starts afresh");
        }
        try (Stream<Path> left = Files.list(data.resolve("workshops"))) {
            assertEquals(List.of(".lock", "gone", "keep"),
                    left.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../evil", "..", "a/b", "a\\b", "with space", "\u00e9t\u00e9", ".deleted-x",
            "x.y", "ok\n", "65charsxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void invalidWorkshopIdIsRejectedByEveryMethod(String id) throws IOException {
        try (Journal journal = new Journal(data)) {
            assertThrows(IllegalArgumentException.class, () -> journal.append(id, List.of("{}")));
            assertThrows(IllegalArgumentException.class, () -> journal.read(id));
            assertThrows(IllegalArgumentException.class, () -> journal.writeSnapshot(id, 0, "{}"));
            assertThrows(IllegalArgumentException.class, () -> journal.delete(id));
            assertThrows(IllegalArgumentException.class, () -> journal.lastWrite(id));
        }
        try (Stream<Path> left = Files.list(data.resolve("workshops"))) {
            assertEquals(List.of(".lock"), left.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }

    @Test
    void validWorkshopIdsAreAccepted() {
        try (Journal journal = new Journal(data)) {
            for (String id : List.of("a", "A-b_9", "x".repeat(64))) {
                assertDoesNotThrow(() -> journal.append(id, List.of("{}")).get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void recordWithNewlineOrUnpairedSurrogateIsRejectedAndNothingIsWritten() throws Exception {
        try (Journal journal = new Journal(data)) {
            assertThrows(IllegalArgumentException.class, () -> journal.append("r", List.of("{}", "{\n}")));
            assertThrows(IllegalArgumentException.class, () -> journal.append("r", List.of("{\"x\":\"\ud83c\"}")));
            assertThrows(IllegalArgumentException.class, () -> journal.append("r", Collections.singletonList(null)));
            journal.append("r", List.of()).get(5, TimeUnit.SECONDS);
            assertEquals(List.of(), journal.workshops());
        }
    }

    @Test
    void lastWriteFollowsTheEventFile() throws Exception {
        try (Journal journal = new Journal(data)) {
            assertEquals(Optional.empty(), journal.lastWrite("lw"));
            Instant before = Instant.now().minus(Duration.ofSeconds(2));
            journal.append("lw", List.of("{}")).get(5, TimeUnit.SECONDS);
            Instant first = journal.lastWrite("lw").orElseThrow();
            assertTrue(!first.isBefore(before) && !first.isAfter(Instant.now().plusSeconds(2)), first.toString());
            Path log = data.resolve("workshops/lw/events.log");
            Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
            assertEquals(Instant.parse("2020-01-01T00:00:00Z"), journal.lastWrite("lw").orElseThrow());
            journal.append("lw", List.of("{}")).get(5, TimeUnit.SECONDS);
            assertTrue(journal.lastWrite("lw").orElseThrow().isAfter(Instant.parse("2021-01-01T00:00:00Z")));
        }
    }

    @Test
    void statsCountRecordsBatchesAndFsyncs() throws Exception {
        try (Journal journal = new Journal(data)) {
            JournalStats zero = journal.stats();
            assertEquals(0, zero.records());
            assertEquals(0, zero.batches());
            journal.append("st", List.of("{}", "{}", "{}")).get(5, TimeUnit.SECONDS);
            JournalStats one = journal.stats();
            assertEquals(3, one.records());
            assertEquals(1, one.batches());
            assertTrue(one.fsyncs() > zero.fsyncs() && one.fsyncNanos() > zero.fsyncNanos(), one.toString());
            journal.append("st", List.of("{}")).get(5, TimeUnit.SECONDS);
            JournalStats two = journal.stats();
            assertEquals(4, two.records());
            assertEquals(2, two.batches());
            assertEquals(one.fsyncs() + 1, two.fsyncs(), "an append to an open file costs exactly one fsync");
        }
    }

    @Test
    void failedFsyncCompletesTheFuturesExceptionallyAndTheWorkshopRefusesLaterAppends() throws Exception {
        AtomicBoolean failForce = new AtomicBoolean(false);
        JournalIo io = new JournalIo() {
            @Override
            public void force(Path file, java.nio.channels.FileChannel channel, boolean metaData) throws IOException {
                if (failForce.get() && file.getParent().getFileName().toString().equals("bad")) {
                    throw new IOException("injected fsync failure");
                }
                channel.force(metaData);
            }
        };
        try (Journal journal = new Journal(data, io)) {
            journal.append("bad", List.of("{\"n\":1}")).get(5, TimeUnit.SECONDS);
            failForce.set(true);
            CompletableFuture<Void> failed = journal.append("bad", List.of("{\"n\":2}"));
            CompletableFuture<Void> fine = journal.append("good", List.of("{\"n\":1}"));
            assertFailsWith(failed, "injected fsync failure");
            fine.get(5, TimeUnit.SECONDS);
            failForce.set(false);
            assertFailsWith(journal.append("bad", List.of("{\"n\":3}")), "refuses appends");
            assertEquals(2, journal.stats().records(), "the failed records are not counted as written");
        }
    }

    @Test
    void failedWriteIsRolledBackSoTheFileStaysCleanAndLaterAppendsWaitForARestart() throws Exception {
        AtomicBoolean failWrite = new AtomicBoolean(false);
        JournalIo io = new JournalIo() {
            @Override
            public int write(Path file, java.nio.channels.FileChannel channel, java.nio.ByteBuffer src) throws IOException {
                if (failWrite.getAndSet(false)) {
                    java.nio.ByteBuffer half = src.duplicate();
                    half.limit(src.position() + src.remaining() / 2);
                    channel.write(half); // a partial write reaches the file, then the device fails
                    throw new IOException("injected write failure");
                }
                return channel.write(src);
            }
        };
        try (Journal journal = new Journal(data, io)) {
            journal.append("w", List.of("{\"n\":1}")).get(5, TimeUnit.SECONDS);
            failWrite.set(true);
            assertFailsWith(journal.append("w", List.of("{\"n\":2}", "{\"n\":3}")), "injected write failure");
            // A later record may build on the lost ones: it is refused rather than written after a gap.
            assertFailsWith(journal.append("w", List.of("{\"n\":4}")), "refuses appends after an earlier write or fsync failure");
            journal.append("other", List.of("{\"n\":1}")).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("{\"n\":1}"), journal.read("w").records());
        }
        assertEquals(JournalTestSupport.line("{\"n\":1}"), Files.readString(data.resolve("workshops/w/events.log"), StandardCharsets.UTF_8),
                "the partial write was cut off");
        try (Journal journal = new Journal(data, io)) {
            journal.append("w", List.of("{\"n\":5}")).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("{\"n\":1}", "{\"n\":5}"), journal.read("w").records(), "after a restart the workshop takes appends again");
        }
    }

    private static void assertFailsWith(CompletableFuture<Void> future, String messagePart) {
        try {
            future.get(5, TimeUnit.SECONDS);
            fail("expected the append to fail with '" + messagePart + "'");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(String.valueOf(e.getCause().getMessage()).contains(messagePart), e.getCause().toString());
        } catch (Exception e) {
            fail(e);
        }
    }
}
