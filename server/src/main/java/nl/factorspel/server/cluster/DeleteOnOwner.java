package nl.factorspel.server.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A deletion on its way to its workshop's owner (Hazelcast runs it on the member that owns the workshop's
 * partition), where it is queued behind the workshop's commands on its serial executor: no command of the
 * workshop is decided while, or after, its records leave the cluster. Answers whether the workshop existed.
 */
final class DeleteOnOwner implements Callable<Boolean>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String workshopId;
    private transient HazelcastInstance hz;

    DeleteOnOwner(String workshopId) {
        this.workshopId = workshopId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public Boolean call() {
        Object here = hz.getUserContext().get(ClusterDeletion.USER_CONTEXT);
        if (!(here instanceof ClusterDeletion deletion)) {
            throw new DecideOnOwner.NotServing();
        }
        return deletion.deleteOnOwner(workshopId);
    }
}
