package nl.factorspel.sessions.workshop;

/** How large texts and collections may grow; anything beyond is refused with {@code text_too_long} or {@code too_many}. */
public record Limits(int maxName, int maxTitle, int maxExplanation, int maxNote, int maxAnnotation,
                     int maxReflection, int maxBroadcast, int maxLinkLabel, int maxDiscussionAnswer,
                     int maxLinksPerRound, int maxAnnotationsPerRound, int maxTables, int maxParticipantsPerTable) {

    public static final Limits DEFAULT = new Limits(60, 120, 2000, 10_000, 1000, 10_000, 500, 200, 10_000,
            200, 500, 200, 6);
}
