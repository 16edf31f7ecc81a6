package org.qaflow.diagram;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the process trail that {@link ProcessTrailListener} writes: one instance's path, and where instances wait. */
@Component
public class ProcessTrail {

    private final JdbcTemplate jdbc;

    public ProcessTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A node by its BPMN element id and name. */
    public record Step(String id, String name) {
    }

    /**
     * Where one instance has been and where it is: the nodes it waits at now, the nodes it has completed, and the
     * sequence flows it took (as the engine reported them on entering each node).
     */
    public record Path(String instanceId, String processId, String parentInstanceId, Instant startedAt,
                       Instant completedAt, String state, List<Step> activeNodes, List<String> completedNodes,
                       List<String> takenFlows) {
    }

    /** How many active instances of a process wait at one of its nodes. */
    public record Waiting(String processId, String elementId, String nodeName, long instances) {
    }

    public Optional<Path> path(String instanceId) {
        if (instanceId == null) {
            return Optional.empty();
        }
        List<Path> found = jdbc.query("select process_id, parent_instance_id, started_at, completed_at, end_state "
                + "from process_trail_instance where instance_id = ?", (rs, i) -> {
            Instant completed = instant(rs.getTimestamp("completed_at"));
            String state = completed == null ? "active" : "ABORTED".equals(rs.getString("end_state")) ? "aborted" : "completed";
            return new Path(instanceId, rs.getString("process_id"), rs.getString("parent_instance_id"),
                    instant(rs.getTimestamp("started_at")), completed, state, List.of(), List.of(), List.of());
        }, instanceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Step> active = new LinkedHashMap<>();
        Set<String> completed = new LinkedHashSet<>();
        Set<String> flows = new LinkedHashSet<>();
        jdbc.query("select element_id, node_name, incoming_flow, left_at, cancelled from process_trail_node "
                + "where instance_id = ? order by id", rs -> {
            String element = rs.getString("element_id");
            if (rs.getTimestamp("left_at") == null) {
                active.putIfAbsent(element, new Step(element, rs.getString("node_name")));
            } else if (!rs.getBoolean("cancelled")) {
                completed.add(element);
            }
            if (rs.getString("incoming_flow") != null) {
                flows.add(rs.getString("incoming_flow"));
            }
        }, instanceId);
        Path p = found.get(0);
        return Optional.of(new Path(p.instanceId(), p.processId(), p.parentInstanceId(), p.startedAt(),
                p.completedAt(), p.state(), List.copyOf(active.values()), new ArrayList<>(completed),
                new ArrayList<>(flows)));
    }

    /** Active instances per process id. */
    public Map<String, Long> activeInstances() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("select process_id, count(*) from process_trail_instance where completed_at is null "
                + "group by process_id order by process_id", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** Per process and node, how many active instances wait there now. */
    public List<Waiting> waiting() {
        return jdbc.query("select process_id, element_id, max(node_name), count(distinct instance_id) "
                        + "from process_trail_node where left_at is null group by process_id, element_id "
                        + "order by process_id, element_id",
                (rs, i) -> new Waiting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
