package nl.factorspel.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This member's durable list of deleted workshops, {@code <data>/cluster/tombstones}: one line
 * {@code <workshopId> <digest of its first record>} per deletion, so that a member that was down when a
 * workshop was deleted cannot bring it back from its own journal. The digest names one incarnation: an
 * archive imported later under the same id has another first record and is not touched.
 */
final class LocalTombstones {

    private final Path file;

    LocalTombstones(Path dataDir) {
        this.file = dataDir.resolve("cluster").resolve("tombstones");
    }

    synchronized Map<String, String> read() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split(" ");
                if (parts.length == 2 && !parts[0].isEmpty()) {
                    out.put(parts[0], parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /** Adds one, durably (fsynced before it answers). */
    synchronized void add(String workshopId, String digest) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer line = ByteBuffer.wrap((workshopId + " " + digest + "\n").getBytes(StandardCharsets.UTF_8));
                while (line.hasRemaining()) {
                    ch.write(line);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
