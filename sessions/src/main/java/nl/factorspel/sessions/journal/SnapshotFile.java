package nl.factorspel.sessions.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A workshop's snapshot.json, {@code {"recordCount":N,"state":<json>}}: the opaque state after the first N
 * records, written atomically and read back exactly as it was given.
 */
record SnapshotFile(long recordCount, String state) {

    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private static String prefix(long recordCount) {
        return "{\"recordCount\":" + recordCount + ",\"state\":";
    }

    /** Checks that the state is one JSON document; the journal stores nothing else. */
    static void checkState(String snapshotJson) {
        try {
            JsonNode parsed = JSON.readTree(snapshotJson);
            if (parsed == null || parsed.isMissingNode()) {
                throw new IllegalArgumentException("snapshotJson is empty");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshotJson is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes it into {@code dir} atomically: temp file, fsync, atomic rename, fsync of the folder. */
    void write(Path dir, JournalFiles files) throws IOException {
        byte[] content = (prefix(recordCount) + state + "}").getBytes(StandardCharsets.UTF_8);
        Path temp = dir.resolve(JournalFiles.SNAPSHOT_TEMP);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            files.force(temp, ch, true);
        }
        Files.move(temp, dir.resolve(JournalFiles.SNAPSHOT_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        files.fsyncDirectory(dir);
    }

    /** The snapshot in {@code file}, or null when there is none. */
    static SnapshotFile read(Path file) throws IOException, JournalCorruptException {
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
        String prefix = prefix(recordCount);
        String raw = text.startsWith(prefix) && text.endsWith("}")
                ? text.substring(prefix.length(), text.length() - 1) // exactly what writeSnapshot was given
                : state.toString();                                  // written by something else: re-serialise
        return new SnapshotFile(recordCount, raw);
    }
}
