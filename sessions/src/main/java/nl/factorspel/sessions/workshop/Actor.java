package nl.factorspel.sessions.workshop;

/** Who sent a command: a participant (with id), the facilitator, the projector or the server itself. */
public record Actor(String participantId, Role role) {

    public static final Actor SYSTEM = new Actor("system", Role.SYSTEM);

    public static Actor facilitator() {
        return new Actor("facilitator", Role.FACILITATOR);
    }

    public static Actor projector() {
        return new Actor("projector", Role.PROJECTOR);
    }
}
