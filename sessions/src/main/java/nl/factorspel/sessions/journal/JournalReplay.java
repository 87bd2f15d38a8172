package nl.factorspel.sessions.journal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Journal#read(String)} found for one workshop.
 *
 * @param snapshotJson        the stored snapshot state (exactly the string given to {@link Journal#writeSnapshot}), if any
 * @param snapshotRecordCount how many records the snapshot covers (0 without a snapshot)
 * @param records             the records after the snapshot, in the order they were appended
 */
public record JournalReplay(Optional<String> snapshotJson, long snapshotRecordCount, List<String> records) {

    public JournalReplay {
        Objects.requireNonNull(snapshotJson, "snapshotJson");
        records = List.copyOf(records);
        if (snapshotRecordCount < 0) {
            throw new IllegalArgumentException("snapshotRecordCount < 0: " + snapshotRecordCount);
        }
    }
}
