package nl.factorspel.sessions.workshop;

/** Why a command was refused: a stable code for programs and a sentence for people. Nothing changed. */
public record Rejection(String code, String message) {
}
