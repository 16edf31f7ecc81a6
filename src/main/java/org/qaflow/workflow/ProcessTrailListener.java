package org.qaflow.workflow;

import org.kie.api.event.process.ProcessCompletedEvent;
import org.kie.api.event.process.ProcessNodeLeftEvent;
import org.kie.api.event.process.ProcessNodeTriggeredEvent;
import org.kie.api.event.process.ProcessStartedEvent;
import org.kie.api.runtime.process.NodeInstance;
import org.kie.api.runtime.process.ProcessInstance;
import org.kie.kogito.internal.process.event.DefaultKogitoProcessEventListener;
import org.kie.kogito.internal.process.runtime.KogitoNodeInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the process trail (process_trail_instance, process_trail_node) as the engine runs. The engine calls its
 * listeners synchronously, inside the transaction of whoever moved the process, and the JDBC template writes through
 * that transaction's connection: the trail commits or rolls back with the engine's own state. Kogito's Spring Boot
 * add-on hands every ProcessEventListener bean to the generated ProcessConfig.
 * <p>
 * Within a transaction the new rows are gathered and written in two batches just before it commits: starting a claim
 * enters dozens of nodes across its unit sub-processes, most of which it also leaves, and writing each entry and exit
 * as it happened took three statements a node. Only the trail's pages read these tables, in later transactions.
 */
@Component
public class ProcessTrailListener extends DefaultKogitoProcessEventListener {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ProcessTrailListener(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void beforeProcessStarted(ProcessStartedEvent event) {
        pending().ensureInstance(event.getProcessInstance());
    }

    @Override
    public void afterProcessCompleted(ProcessCompletedEvent event) {
        ProcessInstance instance = event.getProcessInstance();
        boolean aborted = instance.getState() == ProcessInstance.STATE_ABORTED;
        Pending pending = pending();
        pending.ensureInstance(instance);
        pending.completeInstance(instance.getId(), now(), aborted ? "ABORTED" : "COMPLETED", aborted);
    }

    @Override
    public void beforeNodeTriggered(ProcessNodeTriggeredEvent event) {
        NodeInstance node = event.getNodeInstance();
        String elementId = elementId(node);
        if (elementId == null || !(node instanceof KogitoNodeInstance kogito)) {
            return; // nothing the diagram could show
        }
        ProcessInstance instance = event.getProcessInstance();
        Pending pending = pending();
        pending.ensureInstance(instance);
        Object incoming = kogito.getMetaData().get("IncomingConnection");
        pending.enter(new NodeRow(kogito.getStringId(), instance.getId(), instance.getProcessId(),
                clip(elementId, 200), clip(node.getNodeName(), 500),
                incoming == null ? null : clip(incoming.toString(), 200), now(), null, false));
    }

    @Override
    public void afterNodeLeft(ProcessNodeLeftEvent event) {
        if (event.getNodeInstance() instanceof KogitoNodeInstance node && elementId(node) != null) {
            pending().leave(node.getStringId(), now(), node.isCancelled());
        }
    }

    /** This transaction's unwritten trail, or, outside a transaction, one that writes at once. */
    private Pending pending() {
        Pending pending = BeforeCommit.gather(this, BeforeCommit.Stage.STORE, () -> new Pending(false),
                Pending::write);
        return pending != null ? pending : new Pending(true);
    }

    private record InstanceRow(String instanceId, String processId, String parentInstanceId, Timestamp startedAt) {
    }

    private record NodeRow(String nodeInstanceId, String instanceId, String processId, String elementId,
                           String nodeName, String incomingFlow, Timestamp enteredAt, Timestamp leftAt,
                           boolean cancelled) {

        NodeRow left(Timestamp at, boolean cancelledThen) {
            return new NodeRow(nodeInstanceId, instanceId, processId, elementId, nodeName, incomingFlow, enteredAt, at,
                    cancelledThen);
        }
    }

    /**
     * The rows one transaction adds. Nodes entered and left in it are written once, already left; changes to rows an
     * earlier transaction wrote go to the database at once (they are few: the nodes a process waited in).
     */
    private final class Pending {
        private final boolean immediate;
        private final Set<String> knownInstances = new HashSet<>();
        private final Map<String, InstanceRow> newInstances = new LinkedHashMap<>();
        private final Map<String, NodeRow> newNodes = new LinkedHashMap<>();

        Pending(boolean immediate) {
            this.immediate = immediate;
        }

        /** Also for instances the engine started before the trail existed, so their nodes can still be recorded. */
        void ensureInstance(ProcessInstance instance) {
            String id = instance.getId();
            if (!knownInstances.add(id)) {
                return;
            }
            Integer known = jdbc.queryForObject("select count(*) from process_trail_instance where instance_id = ?",
                    Integer.class, id);
            if (known == null || known == 0) {
                newInstances.put(id, new InstanceRow(id, instance.getProcessId(),
                        blankToNull(instance.getParentProcessInstanceId()), now()));
                if (immediate) {
                    write();
                }
            }
        }

        void enter(NodeRow node) {
            newNodes.put(node.nodeInstanceId(), node);
            if (immediate) {
                write();
            }
        }

        void leave(String nodeInstanceId, Timestamp at, boolean cancelled) {
            NodeRow node = newNodes.get(nodeInstanceId);
            if (node != null) {
                if (node.leftAt() == null) {
                    newNodes.put(nodeInstanceId, node.left(at, cancelled));
                }
                return;
            }
            jdbc.update("update process_trail_node set left_at = ?, cancelled = ? where node_instance_id = ? "
                    + "and left_at is null", at, cancelled, nodeInstanceId);
        }

        /** An end event is entered but never left: the instance ending completes it (or, aborted, cancels it). */
        void completeInstance(String instanceId, Timestamp at, String endState, boolean aborted) {
            write(); // its rows, if new, so that the two updates below find them
            jdbc.update("update process_trail_instance set completed_at = ?, end_state = ? where instance_id = ?",
                    at, endState, instanceId);
            jdbc.update("update process_trail_node set left_at = ?, cancelled = ? where instance_id = ? "
                    + "and left_at is null", at, aborted, instanceId);
        }

        void write() {
            if (!newInstances.isEmpty()) {
                List<Object[]> rows = new ArrayList<>();
                newInstances.values().forEach(i -> rows.add(new Object[]{i.instanceId(), i.processId(),
                        i.parentInstanceId(), i.startedAt()}));
                jdbc.batchUpdate("insert into process_trail_instance (instance_id, process_id, parent_instance_id, "
                        + "started_at) values (?, ?, ?, ?)", rows);
                newInstances.clear();
            }
            if (!newNodes.isEmpty()) {
                List<Object[]> rows = new ArrayList<>();
                newNodes.values().forEach(n -> rows.add(new Object[]{n.nodeInstanceId(), n.instanceId(),
                        n.processId(), n.elementId(), n.nodeName(), n.incomingFlow(), n.enteredAt(), n.leftAt(),
                        n.cancelled()}));
                jdbc.batchUpdate("insert into process_trail_node (node_instance_id, instance_id, process_id, "
                        + "element_id, node_name, incoming_flow, entered_at, left_at, cancelled) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
                newNodes.clear();
            }
        }
    }

    private static String elementId(NodeInstance node) {
        Object id = node.getNode() == null ? null : node.getNode().getMetaData().get("UniqueId");
        return id == null ? null : id.toString();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
