package nl.factorspel.sessions.store;

import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Workshop;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where workshops live: the one interface the server talks to, whether the state is in this process
 * (single node, journal on disk) or spread over a cluster. A command's stage completes only once its
 * events are durable; listeners hear committed events in seq order per stream.
 */
public interface WorkshopStore extends AutoCloseable {

    /** Decides a command for a workshop (or creates one, for {@link Command.Create}); completes once durable. */
    default CompletionStage<Workshop.Outcome> submit(String workshopId, Integer table, Command command, Actor actor) {
        return submit(workshopId, table, command, actor, null);
    }

    /**
     * Like {@link #submit(String, Integer, Command, Actor)} for a command the client gave an id: its events
     * carry the id, and the same id from the same sender again is not applied twice but answered with the
     * first outcome ({@link Workshop.Outcome#repeated()}), once that is durable.
     */
    CompletionStage<Workshop.Outcome> submit(String workshopId, Integer table, Command command, Actor actor, String commandId);

    /** Reads a consistent view of one workshop (with only durable events in it). */
    <T> Optional<T> read(String workshopId, Function<Workshop, T> reader);

    /** Events of a stream after {@code sinceSeq}, or a snapshot when that is shorter. */
    Optional<CatchUp> catchUp(String workshopId, Integer table, long sinceSeq);

    Optional<String> workshopByJoinCode(String joinCode);

    /** What the token with this SHA-256 hash opens, if anything. */
    Optional<Grant> grant(String tokenHash);

    List<String> workshopIds();

    /**
     * Completes with true once this store's own copy can answer {@link #grant} for the token with this hash
     * (whether the token is known or not), or with false when it cannot tell yet: a cluster member that has
     * not caught up with the workshop the cluster's index names. A false is answered as a retryable
     * {@code not_ready}, never as an unknown token. One server knows at once.
     */
    default CompletionStage<Boolean> readyForToken(String tokenHash) {
        return CompletableFuture.completedFuture(true);
    }

    /** As {@link #readyForToken}, for {@link #workshopByJoinCode}. */
    default CompletionStage<Boolean> readyForJoinCode(String joinCode) {
        return CompletableFuture.completedFuture(true);
    }

    /**
     * Completes with true once this store holds durably everything the workshop had committed when asked
     * (so {@link #catchUp} misses nothing a client may have seen elsewhere), or false when it cannot yet.
     */
    default CompletionStage<Boolean> readyForWorkshop(String workshopId) {
        return CompletableFuture.completedFuture(true);
    }

    /**
     * Why the workshop a token belongs to cannot be served, when it is stored here but could not be loaded
     * (its people are told so, not that their token is unknown); empty otherwise.
     */
    default Optional<String> damage(String tokenHash) {
        return Optional.empty();
    }

    /**
     * Loads a whole workshop from its events (an imported archive, already checked). Refused with
     * {@code workshop_exists} when a workshop with that id is here already.
     */
    CompletionStage<Optional<nl.factorspel.sessions.workshop.Rejection>> importWorkshop(List<nl.factorspel.sessions.workshop.Recorded> events);

    /** Deletes a workshop and everything stored of it. */
    boolean delete(String workshopId);

    /** Adds a listener for committed events. */
    void onCommitted(Consumer<Committed> listener);

    @Override
    void close();
}
