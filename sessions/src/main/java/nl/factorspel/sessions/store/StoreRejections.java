package nl.factorspel.sessions.store;

import nl.factorspel.sessions.workshop.Rejection;
import nl.factorspel.sessions.workshop.Workshop;

import java.util.List;

/** The refusals a store gives itself (the domain gives the others), worded once for every store. */
public final class StoreRejections {

    private StoreRejections() {
    }

    public static Workshop.Outcome unknownWorkshop(String workshopId) {
        return new Workshop.Outcome(List.of(), new Rejection("unknown_workshop", "there is no workshop \"" + workshopId + "\""));
    }

    public static Workshop.Outcome storageFailed(String workshopId) {
        return new Workshop.Outcome(List.of(), new Rejection("storage_failed", "the journal of workshop \"" + workshopId
                + "\" could not be written (is the disk full or failing?); everything saved before is kept, "
                + "and the workshop takes new actions again once the operator has fixed the disk and restarted the server"));
    }

    /** A workshop whose journal is here but could not be loaded: the operator can salvage it (docs/journal.md). */
    public static Workshop.Outcome workshopDamaged(String workshopId, String problem) {
        return new Workshop.Outcome(List.of(), new Rejection("workshop_damaged", "workshop \"" + workshopId
                + "\" is stored here but could not be loaded (" + problem + "); the operator can salvage it with "
                + "java -jar factorspel.jar salvage " + workshopId + " --data <data folder>"));
    }

    public static Rejection workshopExists(String workshopId) {
        return new Rejection("workshop_exists", "a workshop with id \"" + workshopId + "\" is on this server already");
    }

    public static Rejection joinCodeTaken() {
        return new Rejection("workshop_exists", "a workshop with the same join code is on this server already");
    }
}
