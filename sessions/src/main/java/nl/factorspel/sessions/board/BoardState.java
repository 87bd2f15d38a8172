package nl.factorspel.sessions.board;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** What lies on a table's board now: placements in the order they were laid, links and annotations. */
public record BoardState(List<Placement> placements, List<Link> links, List<Annotation> annotations) {

    public static final BoardState EMPTY = new BoardState(List.of(), List.of(), List.of());

    public Optional<Placement> placement(String placementId) {
        int i = indexOf(placementId);
        return i < 0 ? Optional.empty() : Optional.of(placements.get(i));
    }

    public boolean copyOnBoard(String cardId, int copy) {
        for (int i = 0, n = placements.size(); i < n; i++) {
            Placement p = placements.get(i);
            if (p.copy() == copy && p.cardId().equals(cardId)) {
                return true;
            }
        }
        return false;
    }

    // The fold calls these for every event: plain loops and one array copy each, no streams.

    public BoardState with(Placement placement) {
        return new BoardState(appended(placements, placement), links, annotations);
    }

    public BoardState update(String placementId, UnaryOperator<Placement> change) {
        int i = indexOf(placementId);
        if (i < 0) {
            return this;
        }
        Object[] next = placements.toArray();
        next[i] = change.apply(placements.get(i));
        return new BoardState(frozen(next, next.length), links, annotations);
    }

    /**
     * Takes a card off the board with the links that hang on it. Annotations stay: they are the
     * observer's record, and the card they speak of is still in the event log.
     */
    public BoardState without(String placementId) {
        Object[] kept = new Object[placements.size()];
        int n = 0;
        for (Placement p : placements) {
            if (!p.id().equals(placementId)) {
                kept[n++] = p;
            }
        }
        List<Link> keptLinks = links;
        for (Link l : links) {
            if (l.fromPlacementId().equals(placementId) || l.toPlacementId().equals(placementId)) {
                keptLinks = links.stream().filter(k -> !k.fromPlacementId().equals(placementId) && !k.toPlacementId().equals(placementId)).toList();
                break;
            }
        }
        return new BoardState(n == kept.length ? placements : frozen(kept, n), keptLinks, annotations);
    }

    public BoardState with(Link link) {
        return new BoardState(placements, appended(links, link), annotations);
    }

    public BoardState withoutLink(String linkId) {
        return new BoardState(placements, links.stream().filter(l -> !l.id().equals(linkId)).toList(), annotations);
    }

    public BoardState with(Annotation annotation) {
        return new BoardState(placements, links, appended(annotations, annotation));
    }

    private int indexOf(String placementId) {
        for (int i = 0, n = placements.size(); i < n; i++) {
            if (placements.get(i).id().equals(placementId)) {
                return i;
            }
        }
        return -1;
    }

    private static <T> List<T> appended(List<T> list, T item) {
        Object[] next = list.toArray(new Object[list.size() + 1]);
        next[list.size()] = java.util.Objects.requireNonNull(item);
        return frozen(next, next.length);
    }

    /** The first {@code n} elements as an unmodifiable list, without copying them again. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> frozen(Object[] elements, int n) {
        List<Object> list = java.util.Arrays.asList(elements);
        return (List<T>) java.util.Collections.unmodifiableList(n == elements.length ? list : list.subList(0, n));
    }
}
