package org.qaflow.learner;

import org.qaflow.diagram.BpmnDiagram;
import org.qaflow.diagram.BpmnDiagrams;
import org.qaflow.diagram.SvgDiagram;
import org.qaflow.diagram.ProcessTrail;
import org.qaflow.diagram.ProcessTrail.Step;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a claim stands in its processes: the claim's own instance and each unit's, read from the process trail
 * (finished instances are gone from the engine's store). Generic over process ids: whatever process an instance
 * runs, its path and diagram come from the trail and the BPMN file with that id.
 */
@Component
public class ClaimProcess {

    private final ProcessTrail trail;
    private final BpmnDiagrams diagrams;

    public ClaimProcess(ProcessTrail trail, BpmnDiagrams diagrams) {
        this.trail = trail;
        this.diagrams = diagrams;
    }

    /**
     * One process instance of the claim. state: active, completed or aborted; "unrecorded" for an instance the
     * engine started before the process trail existed.
     */
    public record Instance(String unitRef, String processId, String instanceId, String state, List<Step> activeNodes,
                           List<String> completedNodes, List<String> takenFlows) {
    }

    /** The claim's own process instance (null until it has one) and one instance per unit that has one. */
    public record View(long claimId, Instance claim, List<Instance> units) {
    }

    /** An instance with its diagram drawn, for the claim page. */
    public record Drawn(Instance instance, String title, String waitingAt, String svg) {
    }

    public View of(Claim claim) {
        Instance own = claim.getProcessInstanceId() == null ? null : instance(null, claim.getProcessInstanceId());
        List<Instance> units = claim.getUnits().stream()
                .filter(u -> u.getProcessInstanceId() != null)
                .map(u -> instance(u.getUnitRef(), u.getProcessInstanceId()))
                .toList();
        return new View(claim.getId(), own, units);
    }

    public List<Drawn> drawn(Claim claim) {
        View view = of(claim);
        List<Drawn> drawn = new ArrayList<>();
        if (view.claim() != null) {
            draw(view.claim()).ifPresent(drawn::add);
        }
        view.units().forEach(unit -> draw(unit).ifPresent(drawn::add));
        return drawn;
    }

    private Optional<Drawn> draw(Instance instance) {
        return diagrams.forProcess(instance.processId()).map(diagram -> {
            String waitingAt = switch (instance.state()) {
                case "completed" -> "completed";
                case "aborted" -> "stopped";
                default -> instance.activeNodes().isEmpty() ? "moving on"
                        : "waits at " + instance.activeNodes().stream().map(s -> name(diagram, s))
                        .collect(Collectors.joining(", "));
            };
            String title = diagram.processName() + (instance.unitRef() == null ? "" : " of unit " + instance.unitRef());
            String svg = SvgDiagram.render(diagram, SvgDiagram.Marks.path(
                    new LinkedHashSet<>(instance.completedNodes()),
                    instance.activeNodes().stream().map(Step::id).collect(Collectors.toSet()),
                    new LinkedHashSet<>(instance.takenFlows())), title + ": " + waitingAt);
            return new Drawn(instance, title, waitingAt, svg);
        });
    }

    private static String name(BpmnDiagram diagram, Step step) {
        return step.name() != null && !step.name().isBlank() ? step.name() : diagram.nameOf(step.id());
    }

    private Instance instance(String unitRef, String instanceId) {
        return trail.path(instanceId)
                .map(p -> new Instance(unitRef, p.processId(), instanceId, p.state(), p.activeNodes(),
                        p.completedNodes(), p.takenFlows()))
                .orElseGet(() -> new Instance(unitRef, null, instanceId, "unrecorded", List.of(), List.of(), List.of()));
    }

}
