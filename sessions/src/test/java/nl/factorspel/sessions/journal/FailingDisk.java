package nl.factorspel.sessions.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** A journal on a disk whose writes fail while {@code failing} is set, for tests outside this package. */
public final class FailingDisk {

    private FailingDisk() {
    }

    public static Journal journal(Path dataDir, AtomicBoolean failing) {
        return new Journal(dataDir, new JournalIo() {
            @Override
            public int write(Path file, FileChannel channel, ByteBuffer src) throws IOException {
                if (failing.get()) {
                    throw new IOException("injected: no space left on device");
                }
                return channel.write(src);
            }
        });
    }
}
