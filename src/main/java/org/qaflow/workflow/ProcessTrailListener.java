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

/**
 * Writes the process trail (process_trail_instance, process_trail_node) as the engine runs. The engine calls its
 * listeners synchronously, inside the transaction of whoever moved the process, and the JDBC template writes through
 * that transaction's connection: the trail commits or rolls back with the engine's own state. Kogito's Spring Boot
 * add-on hands every ProcessEventListener bean to the generated ProcessConfig.
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
        ensureInstance(event.getProcessInstance());
    }

    @Override
    public void afterProcessCompleted(ProcessCompletedEvent event) {
        ProcessInstance instance = event.getProcessInstance();
        boolean aborted = instance.getState() == ProcessInstance.STATE_ABORTED;
        Timestamp now = now();
        ensureInstance(instance);
        jdbc.update("update process_trail_instance set completed_at = ?, end_state = ? where instance_id = ?",
                now, aborted ? "ABORTED" : "COMPLETED", instance.getId());
        // An end event is entered but never left: the instance ending completes it (or, aborted, cancels it).
        jdbc.update("update process_trail_node set left_at = ?, cancelled = ? where instance_id = ? and left_at is null",
                now, aborted, instance.getId());
    }

    @Override
    public void beforeNodeTriggered(ProcessNodeTriggeredEvent event) {
        NodeInstance node = event.getNodeInstance();
        String elementId = elementId(node);
        if (elementId == null || !(node instanceof KogitoNodeInstance kogito)) {
            return; // nothing the diagram could show
        }
        ProcessInstance instance = event.getProcessInstance();
        ensureInstance(instance);
        Object incoming = kogito.getMetaData().get("IncomingConnection");
        jdbc.update("insert into process_trail_node (node_instance_id, instance_id, process_id, element_id, node_name, "
                        + "incoming_flow, entered_at, cancelled) values (?, ?, ?, ?, ?, ?, ?, false)",
                kogito.getStringId(), instance.getId(), instance.getProcessId(), clip(elementId, 200),
                clip(node.getNodeName(), 500), incoming == null ? null : clip(incoming.toString(), 200), now());
    }

    @Override
    public void afterNodeLeft(ProcessNodeLeftEvent event) {
        if (event.getNodeInstance() instanceof KogitoNodeInstance node && elementId(node) != null) {
            jdbc.update("update process_trail_node set left_at = ?, cancelled = ? where node_instance_id = ? "
                    + "and left_at is null", now(), node.isCancelled(), node.getStringId());
        }
    }

    /** Also for instances the engine started before the trail existed, so their nodes can still be recorded. */
    private void ensureInstance(ProcessInstance instance) {
        Integer known = jdbc.queryForObject("select count(*) from process_trail_instance where instance_id = ?",
                Integer.class, instance.getId());
        if (known == null || known == 0) {
            jdbc.update("insert into process_trail_instance (instance_id, process_id, parent_instance_id, started_at) "
                    + "values (?, ?, ?, ?)", instance.getId(), instance.getProcessId(),
                    blankToNull(instance.getParentProcessInstanceId()), now());
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
