package nl.factorspel.sessions.store;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The listeners of a store's committed events; one that fails is logged and does not stop the others. */
public final class CommitListeners {

    private static final Logger LOG = LogManager.getLogger(CommitListeners.class);

    private final List<Consumer<Committed>> listeners = new CopyOnWriteArrayList<>();

    public void add(Consumer<Committed> listener) {
        listeners.add(listener);
    }

    public void tell(Committed committed) {
        for (Consumer<Committed> listener : listeners) {
            try {
                listener.accept(committed);
            } catch (RuntimeException e) {
                LOG.error("a listener failed on committed events of {}", committed.workshopId(), e);
            }
        }
    }
}
