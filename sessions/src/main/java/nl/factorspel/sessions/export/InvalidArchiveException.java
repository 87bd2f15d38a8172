package nl.factorspel.sessions.export;

/** An archive that cannot be imported: not an archive, another version, damaged, changed, incomplete, or not replayable. */
public final class InvalidArchiveException extends Exception {

    public InvalidArchiveException(String message) {
        super(message);
    }

    public InvalidArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
