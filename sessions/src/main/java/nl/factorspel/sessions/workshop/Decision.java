package nl.factorspel.sessions.workshop;

import java.util.List;

/** What a decider says to a command: the events it becomes, or why it is refused. */
public record Decision<E>(List<E> events, Rejection rejection) {

    @SafeVarargs
    public static <E> Decision<E> accept(E... events) {
        return new Decision<>(List.of(events), null);
    }

    public static <E> Decision<E> accept(List<E> events) {
        return new Decision<>(List.copyOf(events), null);
    }

    public static <E> Decision<E> reject(String code, String message) {
        return new Decision<>(List.of(), new Rejection(code, message));
    }

    public boolean rejected() {
        return rejection != null;
    }
}
