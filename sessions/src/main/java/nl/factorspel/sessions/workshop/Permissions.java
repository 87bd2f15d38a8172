package nl.factorspel.sessions.workshop;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what: the one permission matrix of Factorspel. A respondent lays cards and chooses the
 * profile only in the round that interviews them; everything else depends on the role alone.
 */
public final class Permissions {

    private static final Map<Action, Set<Role>> MATRIX = new EnumMap<>(Action.class);

    static {
        MATRIX.put(Action.LAY_CARDS, EnumSet.of(Role.FACILITATOR, Role.SHARED, Role.INTERVIEWER, Role.RESPONDENT));
        MATRIX.put(Action.SET_QUESTION, EnumSet.of(Role.FACILITATOR, Role.SHARED, Role.INTERVIEWER));
        MATRIX.put(Action.WRITE_NOTE, EnumSet.of(Role.FACILITATOR, Role.SHARED, Role.REPORTER));
        MATRIX.put(Action.ANNOTATE, EnumSet.of(Role.FACILITATOR, Role.SHARED, Role.OBSERVER));
        MATRIX.put(Action.WRITE_REFLECTION, EnumSet.of(Role.FACILITATOR, Role.SHARED, Role.OBSERVER));
        MATRIX.put(Action.CHOOSE_PROFILE, EnumSet.of(Role.FACILITATOR, Role.SHARED, Role.INTERVIEWER, Role.RESPONDENT));
        MATRIX.put(Action.ANSWER_DISCUSSION, EnumSet.of(Role.FACILITATOR, Role.SHARED, Role.REPORTER));
        MATRIX.put(Action.RUN_WORKSHOP, EnumSet.of(Role.FACILITATOR, Role.SYSTEM));
        MATRIX.put(Action.BLOW_WHISTLE, EnumSet.of(Role.SYSTEM));
        MATRIX.put(Action.RECORD_ATTRIBUTES, EnumSet.of(Role.FACILITATOR, Role.SHARED, Role.INTERVIEWER, Role.RESPONDENT));
        MATRIX.put(Action.TAKE_SEAT, EnumSet.of(Role.SHARED, Role.INTERVIEWER, Role.RESPONDENT, Role.REPORTER, Role.OBSERVER));
    }

    /** Actions a respondent may do only while it is their own story being told. */
    private static final Set<Action> RESPONDENT_OF_ROUND_ONLY = EnumSet.of(Action.LAY_CARDS, Action.CHOOSE_PROFILE,
            Action.RECORD_ATTRIBUTES);

    private Permissions() {
    }

    /**
     * Whether someone in {@code role} (sitting in {@code seat}, null for non-participants) may do
     * {@code action} while round {@code round} is the table's current round (0 before the first).
     */
    public static boolean allows(Action action, Role role, Seat seat, int round) {
        if (!MATRIX.get(action).contains(role)) {
            return false;
        }
        if (role == Role.RESPONDENT && RESPONDENT_OF_ROUND_ONLY.contains(action)) {
            return round > 0 && seat == Seat.respondentOfRound(round);
        }
        return true;
    }

    /** The actions a respondent may do only in the round that interviews them. */
    public static Set<Action> respondentOfRoundOnly() {
        return Set.copyOf(RESPONDENT_OF_ROUND_ONLY);
    }

    /** The phases in which the plenary is shown to the room (the projector shows it; participants may read it). */
    private static final Set<Phase> PLENARY_SHOWN = EnumSet.of(Phase.PLENARY, Phase.DISCUSSION, Phase.CLOSED);

    /**
     * Whether someone in {@code role} may read the plenary summary (every table's placements, explanations
     * and notes) in {@code phase}: the facilitator and the projector always, participants once the
     * facilitator has moved the workshop to the plenary.
     */
    public static boolean maySeePlenary(Role role, Phase phase) {
        return role == Role.FACILITATOR || role == Role.PROJECTOR || PLENARY_SHOWN.contains(phase);
    }

    /** The roles the matrix lets do an action, for documentation and error messages. */
    public static Set<Role> rolesFor(Action action) {
        return Set.copyOf(MATRIX.get(action));
    }
}
