package nl.factorspel.sessions.workshop;

/** The kinds of thing a command does, as the permission matrix knows them. */
public enum Action {
    /** Place, move, remove, undo, explain and link cards. */
    LAY_CARDS,
    /** Move the interview script to another question. */
    SET_QUESTION,
    /** Write the record of the interview, question by question. */
    WRITE_NOTE,
    ANNOTATE,
    WRITE_REFLECTION,
    /** Place the respondent in a self-direction profile and choose outcome cards. */
    CHOOSE_PROFILE,
    /** Write the table's answers in the table talk after the game. */
    ANSWER_DISCUSSION,
    /** Run the clock and the phases, broadcast, seat people. */
    RUN_WORKSHOP,
    /** The whistle: only the server's own timer blows it. */
    BLOW_WHISTLE,
    /** Take a free seat, rename oneself, leave. */
    TAKE_SEAT,
    /** Record the optional attributes the deck asks about the respondent (gender, age band, ...). */
    RECORD_ATTRIBUTES
}
