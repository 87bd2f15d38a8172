package nl.factorspel.sessions.export;

import nl.factorspel.sessions.workshop.Event;
import nl.factorspel.sessions.workshop.Recorded;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stable pseudonymous key of every participant: P01, P02, ... in the order they joined. A name can
 * change and a seat can change; the key does not, so it joins the export's files about one person.
 */
final class ParticipantKeys {

    private final Map<String, String> keys = new LinkedHashMap<>();

    private ParticipantKeys() {
    }

    static ParticipantKeys of(Iterable<Recorded> events) {
        ParticipantKeys k = new ParticipantKeys();
        for (Recorded r : events) {
            if (r.event() instanceof Event.ParticipantJoined j && !k.keys.containsKey(j.participantId())) {
                k.keys.put(j.participantId(), String.format("P%02d", k.keys.size() + 1));
            }
        }
        return k;
    }

    /** The key of a participant id; null for anyone who is not a participant (facilitator, server, projector). */
    String key(String participantId) {
        return participantId == null ? null : keys.get(participantId);
    }

    /** Participant ids in join order. */
    Iterable<String> ids() {
        return keys.keySet();
    }
}
