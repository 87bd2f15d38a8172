package nl.factorspel.sessions.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The two low-level operations whose failure the journal must handle; package-private so tests can inject
 * write and fsync failures. Production code uses {@link #REAL}.
 */
interface JournalIo {

    JournalIo REAL = new JournalIo() {
    };

    /** Writes some bytes of {@code src} to {@code channel} ({@code file} names it, for fault injection). */
    default int write(Path file, FileChannel channel, ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    /** Forces {@code channel} to storage. */
    default void force(Path file, FileChannel channel, boolean metaData) throws IOException {
        channel.force(metaData);
    }
}
