package nl.factorspel.sessions.store;

import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Rejection;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.util.List;

/**
 * One command's events in the journal's form, checked and framed before anything changes: the one
 * encoding step both stores take, so that a record the journal would refuse is refused as a command.
 *
 * @param json   the record as the journal and the cluster's log hold it
 * @param framed the same record framed for the journal
 */
public record EncodedRecord(String json, Journal.Framed framed) {

    /** The events of a command could not be made into a journal record; nothing was changed. */
    public static final class Unrecordable extends Exception {
        private final Rejection rejection;

        Unrecordable(String message, Throwable cause) {
            super(message, cause);
            this.rejection = new Rejection("not_recordable", message);
        }

        public Rejection rejection() {
            return rejection;
        }
    }

    /** Encodes and checks a command's events for a workshop's journal. */
    public static EncodedRecord of(String workshopId, List<Recorded> events) throws Unrecordable {
        try {
            String json = WorkshopJson.toJournal(events);
            return new EncodedRecord(json, Journal.frame(workshopId, List.of(json)));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new Unrecordable("this cannot be stored, so nothing was changed: " + e.getMessage(), e);
        }
    }
}
