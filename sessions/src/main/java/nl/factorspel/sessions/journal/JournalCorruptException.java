package nl.factorspel.sessions.journal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A journal file holds damaged data that is not a torn tail (for example a bad checksum followed by valid
 * records), so it cannot be repaired automatically. The file is left untouched.
 */
public class JournalCorruptException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    JournalCorruptException(String message, Path file, long offset) {
        super(message);
        this.file = Objects.requireNonNull(file, "file").toString();
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return Path.of(file);
    }

    /** Byte offset in {@link #file()} where the damage starts. */
    public long offset() {
        return offset;
    }
}
