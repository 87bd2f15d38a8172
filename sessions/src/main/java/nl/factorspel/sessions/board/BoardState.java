package nl.factorspel.sessions.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** What lies on a table's board now: placements in the order they were laid, links and annotations. */
public record BoardState(List<Placement> placements, List<Link> links, List<Annotation> annotations) {

    public static final BoardState EMPTY = new BoardState(List.of(), List.of(), List.of());

    public Optional<Placement> placement(String placementId) {
        return placements.stream().filter(p -> p.id().equals(placementId)).findFirst();
    }

    public boolean copyOnBoard(String cardId, int copy) {
        return placements.stream().anyMatch(p -> p.cardId().equals(cardId) && p.copy() == copy);
    }

    public BoardState with(Placement placement) {
        List<Placement> next = new ArrayList<>(placements);
        next.add(placement);
        return new BoardState(List.copyOf(next), links, annotations);
    }

    public BoardState update(String placementId, UnaryOperator<Placement> change) {
        return new BoardState(placements.stream().map(p -> p.id().equals(placementId) ? change.apply(p) : p).toList(),
                links, annotations);
    }

    /**
     * Takes a card off the board with the links that hang on it. Annotations stay: they are the
     * observer's record, and the card they speak of is still in the event log.
     */
    public BoardState without(String placementId) {
        return new BoardState(
                placements.stream().filter(p -> !p.id().equals(placementId)).toList(),
                links.stream().filter(l -> !l.fromPlacementId().equals(placementId) && !l.toPlacementId().equals(placementId)).toList(),
                annotations);
    }

    public BoardState with(Link link) {
        List<Link> next = new ArrayList<>(links);
        next.add(link);
        return new BoardState(placements, List.copyOf(next), annotations);
    }

    public BoardState withoutLink(String linkId) {
        return new BoardState(placements, links.stream().filter(l -> !l.id().equals(linkId)).toList(), annotations);
    }

    public BoardState with(Annotation annotation) {
        List<Annotation> next = new ArrayList<>(annotations);
        next.add(annotation);
        return new BoardState(placements, links, List.copyOf(next));
    }
}
