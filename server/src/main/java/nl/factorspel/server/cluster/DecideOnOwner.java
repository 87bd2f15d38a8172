package nl.factorspel.server.cluster;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A command on its way to its workshop's owner (Hazelcast runs it there, on the member that owns the
 * workshop's partition): the owner decides it and answers with the outcome, an accepted command's record
 * and its index in the log, once the record is durable. The command travels as its class and its fields in
 * JSON, so that commands the server issues itself (create, join, the clock's) travel too.
 */
final class DecideOnOwner implements Callable<String>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    /** How long the owner waits for its decision to be durable before it answers with a failure. */
    private static final long DECIDE_SECONDS = 30;

    /** Commands' fields without the type name: the class travels beside them. */
    private static final ObjectMapper FIELDS = WorkshopJson.MAPPER.copy().addMixIn(Command.class, WithoutTypeName.class);

    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    private interface WithoutTypeName {
    }

    private final String workshopId;
    private final Integer table;
    private final String commandClass;
    private final String command;
    private final String actor;
    private final String commandId;
    private transient HazelcastInstance hz;

    private DecideOnOwner(String workshopId, Integer table, String commandClass, String command, String actor, String commandId) {
        this.workshopId = workshopId;
        this.table = table;
        this.commandClass = commandClass;
        this.command = command;
        this.actor = actor;
        this.commandId = commandId;
    }

    static DecideOnOwner of(String workshopId, Integer table, Command command, Actor actor, String commandId) throws JsonProcessingException {
        return new DecideOnOwner(workshopId, table, command.getClass().getName(), FIELDS.writeValueAsString(command),
                WorkshopJson.MAPPER.writeValueAsString(actor), commandId);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.hz = hz;
    }

    @Override
    public String call() throws Exception {
        Object here = hz.getUserContext().get(ClusterCommits.USER_CONTEXT);
        if (!(here instanceof ClusterCommits commits)) {
            throw new NotServing();
        }
        Class<? extends Command> type = Class.forName(commandClass).asSubclass(Command.class);
        ClusterCommits.Decided decided = commits.decideOnOwner(workshopId, table, FIELDS.readValue(command, type),
                WorkshopJson.MAPPER.readValue(actor, Actor.class), commandId).toCompletableFuture().get(DECIDE_SECONDS, TimeUnit.SECONDS);
        return answer(decided);
    }

    /** The owner's answer as the member that sent the command reads it in {@code ClusterCommits.received}. */
    private static String answer(ClusterCommits.Decided decided) {
        Workshop.Outcome outcome = decided.outcome();
        ObjectNode out = WorkshopJson.MAPPER.createObjectNode();
        if (outcome.rejected()) {
            out.set("rejection", WorkshopJson.MAPPER.valueToTree(outcome.rejection()));
        } else if (outcome.repeated()) {
            out.set("repeatOf", WorkshopJson.MAPPER.valueToTree(outcome.repeatOf()));
        } else {
            out.put("index", decided.index()).put("record", decided.record());
        }
        return out.toString();
    }

    /** The member the command was sent to does not serve commands (yet, or any more): nothing was decided there. */
    static final class NotServing extends IllegalStateException {
        @Serial
        private static final long serialVersionUID = 1L;

        NotServing() {
            super("this member does not take commands now");
        }
    }
}
