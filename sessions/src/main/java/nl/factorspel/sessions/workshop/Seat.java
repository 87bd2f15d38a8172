package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Optional;

/** A chair at a table. Round n interviews the respondent in seat respondent n. */
public enum Seat {
    INTERVIEWER("interviewer", Role.INTERVIEWER, 0),
    RESPONDENT_1("respondent1", Role.RESPONDENT, 1),
    RESPONDENT_2("respondent2", Role.RESPONDENT, 2),
    REPORTER("reporter", Role.REPORTER, 0),
    OBSERVER("observer", Role.OBSERVER, 0),
    /** A shared laptop holding every seat of its table. */
    SHARED("shared", Role.SHARED, 0);

    /** The order in which a newcomer without a wish is seated. */
    public static final List<Seat> FILL_ORDER = List.of(INTERVIEWER, RESPONDENT_1, RESPONDENT_2, REPORTER, OBSERVER);

    private final String wire;
    private final Role role;
    private final int respondentNumber;

    Seat(String wire, Role role, int respondentNumber) {
        this.wire = wire;
        this.role = role;
        this.respondentNumber = respondentNumber;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public Role role() {
        return role;
    }

    /** 1 or 2 for the respondents, 0 for every other seat. */
    public int respondentNumber() {
        return respondentNumber;
    }

    @JsonCreator
    public static Seat of(String wire) {
        return parse(wire).orElseThrow(() -> new IllegalArgumentException("unknown seat \"" + wire + "\""));
    }

    public static Optional<Seat> parse(String wire) {
        for (Seat s : values()) {
            if (s.wire.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The respondent seat interviewed in a round (round 1: respondent 1, round 2: respondent 2, and so on alternating). */
    public static Seat respondentOfRound(int round) {
        return round % 2 == 1 ? RESPONDENT_1 : RESPONDENT_2;
    }
}
