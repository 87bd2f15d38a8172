package nl.factorspel.sessions.store;

import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Participant;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.WorkshopState;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which workshop a join code belongs to and what a token hash opens, on this server, kept in step with
 * the events that define them (a workshop's creation, a participant's join).
 */
public final class WorkshopIndex {

    private final Map<String, String> joinCodes = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    public void add(String workshopId, List<Recorded> events) {
        events.forEach(r -> add(workshopId, r));
    }

    public void add(String workshopId, Recorded r) {
        if (r.event() instanceof Event.WorkshopCreated e) {
            joinCodes.put(e.joinCode(), workshopId);
            grants.put(e.facilitatorTokenHash(), new Grant(workshopId, Actor.facilitator()));
            grants.put(e.projectorTokenHash(), new Grant(workshopId, Actor.projector()));
        } else if (r.event() instanceof Event.ParticipantJoined e) {
            grants.put(e.tokenHash(), new Grant(workshopId, new Actor(e.participantId(), e.seat().role())));
        }
    }

    /**
     * Indexes a workshop from its state, for one restored from a snapshot whose defining events are
     * not in memory: the same join code and tokens (a participant's token opens their current seat).
     */
    public void add(String workshopId, WorkshopState state) {
        joinCodes.put(state.joinCode(), workshopId);
        grants.put(state.facilitatorTokenHash(), new Grant(workshopId, Actor.facilitator()));
        grants.put(state.projectorTokenHash(), new Grant(workshopId, Actor.projector()));
        for (Participant p : state.participants().values()) {
            grants.put(p.tokenHash(), new Grant(workshopId, new Actor(p.id(), p.seat().role())));
        }
    }

    /** Forgets every join code and token of a deleted workshop. */
    public void forget(String workshopId) {
        joinCodes.values().removeIf(workshopId::equals);
        grants.values().removeIf(g -> g.workshopId().equals(workshopId));
    }

    public Optional<String> workshopByJoinCode(String joinCode) {
        return joinCode == null ? Optional.empty() : Optional.ofNullable(joinCodes.get(joinCode));
    }

    /** The grant of a token hash as it was issued; {@link Grant#stillOpens} says whether it still works. */
    public Optional<Grant> grant(String tokenHash) {
        return tokenHash == null ? Optional.empty() : Optional.ofNullable(grants.get(tokenHash));
    }
}
