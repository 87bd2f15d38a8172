package nl.factorspel.sessions.store;

import nl.factorspel.sessions.journal.Journal;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rescues a workshop whose journal cannot be loaded: keeps every record before the first one that is
 * damaged, cannot be read or does not fold (a gap in the seqs, say), copies the original files aside, and
 * says what it dropped. Run by the operator with the server stopped ({@code docs/journal.md}).
 */
public final class Salvage {

    private Salvage() {
    }

    /** What a salvage did: records kept, records dropped (and bytes after a damaged line), why, and where the originals are. */
    public record Report(String workshopId, int kept, long dropped, long damagedBytes, String problem, Path backup) {
        public String describe() {
            return "workshop " + workshopId + ": kept " + kept + " records; dropped " + dropped + " records from the damage on"
                    + (damagedBytes > 0 ? " (" + damagedBytes + " bytes from the damaged line on)" : "")
                    + (problem == null ? " (nothing was damaged; the snapshot was dropped and is rebuilt)" : " (" + problem + ")")
                    + "; the original files are in " + backup;
        }
    }

    /** The records of a workshop's journal as far as they are whole and fold, and what stopped them. */
    record Prefix(List<String> records, List<List<Recorded>> events, long dropped, String problem, long damagedBytes) {
    }

    /** Reads a workshop's journal as far as it is whole and folds; changes nothing. */
    static Prefix wholePrefix(Journal journal, String workshopId) throws IOException {
        Journal.Readable readable = journal.readUpToDamage(workshopId);
        String problem = readable.damage() == null ? null : readable.damage() + " at byte offset " + readable.damagedAt();
        Workshop folded = new Workshop();
        List<List<Recorded>> events = new ArrayList<>();
        for (String record : readable.records()) {
            try {
                List<Recorded> parsed = WorkshopJson.fromJournal(record);
                parsed.forEach(folded::apply);
                events.add(parsed);
            } catch (IOException | RuntimeException e) {
                problem = "record " + (events.size() + 1) + " does not fold: " + e.getMessage();
                break;
            }
        }
        return new Prefix(readable.records().subList(0, events.size()), events,
                readable.records().size() - events.size() + readable.linesAfter(), problem, readable.bytesAfter());
    }

    /** The token hashes a workshop's whole records hand out: so that its people hear it is damaged, not that they are unknown. */
    static List<String> tokenHashes(Prefix prefix) {
        List<String> hashes = new ArrayList<>();
        prefix.events().forEach(events -> events.forEach(r -> {
            if (r.event() instanceof Event.WorkshopCreated c) {
                hashes.add(c.facilitatorTokenHash());
                hashes.add(c.projectorTokenHash());
            } else if (r.event() instanceof Event.ParticipantJoined j) {
                hashes.add(j.tokenHash());
            }
        }));
        return hashes;
    }

    /** Salvages a workshop: keeps its whole prefix, sets the originals aside. */
    public static Report run(Journal journal, String workshopId) throws IOException {
        Prefix prefix = wholePrefix(journal, workshopId);
        if (prefix.records().isEmpty()) {
            throw new IOException("workshop " + workshopId + ": nothing before the damage can be kept"
                    + (prefix.problem() == null ? " (it has no records)" : " (" + prefix.problem() + ")") + "; nothing was changed");
        }
        Path backup = journal.replaceRecords(workshopId, prefix.records());
        return new Report(workshopId, prefix.records().size(), prefix.dropped(), prefix.damagedBytes(),
                prefix.problem(), backup);
    }
}
