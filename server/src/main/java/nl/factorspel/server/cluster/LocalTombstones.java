package nl.factorspel.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This member's durable list of deleted workshops, {@code <data>/cluster/tombstones}: one line
 * {@code <workshopId> <digest of its first record> <when, in epoch seconds>} per deletion, so that a member
 * that was down when a workshop was deleted cannot bring it back from its own journal. The digest names one
 * incarnation: an archive imported later under the same id has another first record and is not touched.
 *
 * <p>A tombstone lives as long as a workshop's journal does without a change ({@code retention-days}): a
 * member away for longer comes back with journals older than that, which retention deletes. Expired lines
 * leave the file when it is read; a line without a time (written by an earlier version) counts from then.
 */
final class LocalTombstones {

    /** One deletion: the digest of the workshop's first record, and when it was deleted. */
    record Tombstone(String digest, Instant deletedAt) {
    }

    private final Path file;
    private final Clock clock;
    private final Duration life;

    LocalTombstones(Path dataDir, Clock clock, Duration life) {
        this.file = dataDir.resolve("cluster").resolve("tombstones");
        this.clock = clock;
        this.life = life;
    }

    /** How long a tombstone made now lives. */
    Duration life() {
        return life;
    }

    /** How long a tombstone has left to live (zero once it expired). */
    Duration remaining(Tombstone t) {
        Duration left = life.minus(Duration.between(t.deletedAt(), clock.instant()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The tombstones still alive; the file is rewritten without the expired ones. */
    synchronized Map<String, Tombstone> read() {
        Map<String, Tombstone> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        boolean rewrite = false;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split(" ");
                if (parts.length < 2 || parts[0].isEmpty()) {
                    continue;
                }
                Instant at = parts.length >= 3 ? Instant.ofEpochSecond(Long.parseLong(parts[2])) : clock.instant();
                Tombstone t = new Tombstone(parts[1], at);
                if (parts.length < 3 || remaining(t).isZero()) {
                    rewrite = true;
                }
                if (!remaining(t).isZero()) {
                    out.put(parts[0], t);
                }
            }
            if (rewrite) {
                StringBuilder kept = new StringBuilder();
                out.forEach((id, t) -> kept.append(line(id, t)));
                Path next = file.resolveSibling("tombstones.next");
                write(next, kept.toString(), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException("cannot read " + file, e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
        return out;
    }

    /** Adds one, made now, durably (fsynced before it answers). */
    synchronized void add(String workshopId, String digest) {
        try {
            Files.createDirectories(file.getParent());
            write(file, line(workshopId, new Tombstone(digest, clock.instant())), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String line(String workshopId, Tombstone t) {
        return workshopId + " " + t.digest() + " " + t.deletedAt().getEpochSecond() + "\n";
    }

    private static void write(Path to, String text, StandardOpenOption... options) throws IOException {
        try (FileChannel ch = FileChannel.open(to, options)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
    }
}
