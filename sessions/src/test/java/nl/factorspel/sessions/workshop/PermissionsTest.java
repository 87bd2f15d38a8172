package nl.factorspel.sessions.workshop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The permission matrix, row by row: who may do what, in which round. */
class PermissionsTest {

    @ParameterizedTest(name = "{0} by {1} in seat {2}, round {3}: {4}")
    @CsvSource({
            // action, role, seat, round, allowed
            "LAY_CARDS, RESPONDENT, RESPONDENT_1, 1, true",
            "LAY_CARDS, RESPONDENT, RESPONDENT_2, 1, false",
            "LAY_CARDS, RESPONDENT, RESPONDENT_2, 2, true",
            "LAY_CARDS, RESPONDENT, RESPONDENT_1, 2, false",
            "LAY_CARDS, RESPONDENT, RESPONDENT_1, 0, false",
            "LAY_CARDS, INTERVIEWER, INTERVIEWER, 1, true",
            "LAY_CARDS, REPORTER, REPORTER, 1, false",
            "LAY_CARDS, OBSERVER, OBSERVER, 1, false",
            "LAY_CARDS, FACILITATOR, , 1, true",
            "LAY_CARDS, SHARED, SHARED, 1, true",
            "LAY_CARDS, PROJECTOR, , 1, false",
            "SET_QUESTION, INTERVIEWER, INTERVIEWER, 1, true",
            "SET_QUESTION, RESPONDENT, RESPONDENT_1, 1, false",
            "SET_QUESTION, REPORTER, REPORTER, 1, false",
            "WRITE_NOTE, REPORTER, REPORTER, 1, true",
            "WRITE_NOTE, INTERVIEWER, INTERVIEWER, 1, false",
            "WRITE_NOTE, OBSERVER, OBSERVER, 1, false",
            "ANNOTATE, OBSERVER, OBSERVER, 1, true",
            "ANNOTATE, REPORTER, REPORTER, 1, false",
            "WRITE_REFLECTION, OBSERVER, OBSERVER, 1, true",
            "WRITE_REFLECTION, RESPONDENT, RESPONDENT_1, 1, false",
            "CHOOSE_PROFILE, INTERVIEWER, INTERVIEWER, 1, true",
            "CHOOSE_PROFILE, RESPONDENT, RESPONDENT_1, 1, true",
            "CHOOSE_PROFILE, RESPONDENT, RESPONDENT_2, 1, false",
            "CHOOSE_PROFILE, OBSERVER, OBSERVER, 1, false",
            "ANSWER_DISCUSSION, REPORTER, REPORTER, 2, true",
            "ANSWER_DISCUSSION, INTERVIEWER, INTERVIEWER, 2, false",
            "RUN_WORKSHOP, FACILITATOR, , 1, true",
            "RUN_WORKSHOP, INTERVIEWER, INTERVIEWER, 1, false",
            "RUN_WORKSHOP, PROJECTOR, , 1, false",
            "RUN_WORKSHOP, SHARED, SHARED, 1, false",
            "BLOW_WHISTLE, SYSTEM, , 1, true",
            "BLOW_WHISTLE, FACILITATOR, , 1, false",
            "TAKE_SEAT, OBSERVER, OBSERVER, 0, true",
            "TAKE_SEAT, FACILITATOR, , 0, false",
            "TAKE_SEAT, PROJECTOR, , 0, false",
            "RECORD_ATTRIBUTES, INTERVIEWER, INTERVIEWER, 1, true",
            "RECORD_ATTRIBUTES, RESPONDENT, RESPONDENT_1, 1, true",
            "RECORD_ATTRIBUTES, RESPONDENT, RESPONDENT_1, 2, false",
            "RECORD_ATTRIBUTES, REPORTER, REPORTER, 1, false",
            "RECORD_ATTRIBUTES, OBSERVER, OBSERVER, 1, false",
            "RECORD_ATTRIBUTES, PROJECTOR, , 1, false",
    })
    void theMatrixSaysWhoMayDoWhat(Action action, Role role, Seat seat, int round, boolean allowed) {
        assertEquals(allowed, Permissions.allows(action, role, seat, round));
    }

    @ParameterizedTest(name = "{0} in phase {1}: {2}")
    @CsvSource({
            "FACILITATOR, ROUND, true", "PROJECTOR, LOBBY, true", "PROJECTOR, ROUND, true",
            "INTERVIEWER, LOBBY, false", "RESPONDENT, ROUND, false", "OBSERVER, ROUND, false", "SHARED, ROUND, false",
            "REPORTER, PLENARY, true", "OBSERVER, DISCUSSION, true", "RESPONDENT, CLOSED, true",
    })
    void participantsSeeThePlenaryOnceItIsShownTheFacilitatorAndProjectorAlways(Role role, Phase phase, boolean allowed) {
        assertEquals(allowed, Permissions.maySeePlenary(role, phase));
    }
}
