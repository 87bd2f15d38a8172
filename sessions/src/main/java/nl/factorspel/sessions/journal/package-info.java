/**
 * The event journal: append-only, checksummed, group-committed event files, one folder per workshop.
 * Records are opaque single-line JSON strings. See {@code docs/journal.md} for the file format, the recovery
 * rules and the crash guarantees.
 */
package nl.factorspel.sessions.journal;
