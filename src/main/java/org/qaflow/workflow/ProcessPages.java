package org.qaflow.workflow;

import org.qaflow.diagram.BpmnDiagram;
import org.qaflow.diagram.ProcessTrail;
import org.qaflow.diagram.BpmnDiagrams;
import org.qaflow.diagram.SvgDiagram;
import org.qaflow.web.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The quality manager's view of every process: how many instances are active and where they wait (SecurityConfig). */
@Controller
@WebPage
public class ProcessPages {

    private final ProcessTrail trail;
    private final BpmnDiagrams diagrams;

    public ProcessPages(ProcessTrail trail, BpmnDiagrams diagrams) {
        this.trail = trail;
        this.diagrams = diagrams;
    }

    public record NodeCount(String elementId, String name, long instances) {
    }

    /** One process: its active instances, the nodes they wait at, and its diagram with the counts (null without a file). */
    public record Overview(String processId, String name, long active, List<NodeCount> waiting, String svg) {
    }

    @GetMapping("/processes")
    public String overview(Model model) {
        Map<String, Long> active = trail.activeInstances();
        Map<String, List<ProcessTrail.Waiting>> waiting = new LinkedHashMap<>();
        trail.waiting().forEach(w -> waiting.computeIfAbsent(w.processId(), k -> new ArrayList<>()).add(w));
        TreeSet<String> ids = new TreeSet<>(diagrams.all().keySet());
        ids.addAll(active.keySet());
        List<Overview> processes = new ArrayList<>();
        for (String id : ids) {
            BpmnDiagram diagram = diagrams.forProcess(id).orElse(null);
            List<NodeCount> nodes = waiting.getOrDefault(id, List.of()).stream()
                    .map(w -> new NodeCount(w.elementId(), w.nodeName() != null && !w.nodeName().isBlank()
                            ? w.nodeName() : diagram == null ? w.elementId() : diagram.nameOf(w.elementId()),
                            w.instances()))
                    .toList();
            long count = active.getOrDefault(id, 0L);
            String name = diagram == null ? id : diagram.processName();
            Map<String, Long> counts = new LinkedHashMap<>();
            nodes.forEach(n -> counts.put(n.elementId(), n.instances()));
            processes.add(new Overview(id, name, count, nodes, diagram == null ? null
                    : SvgDiagram.render(diagram, SvgDiagram.Marks.counts(counts),
                    name + ": " + count + " active, " + nodes.stream().map(n -> n.instances() + " at " + n.name())
                            .reduce((a, b) -> a + ", " + b).orElse("none waiting"))));
        }
        model.addAttribute("processes", processes);
        return "processes/overview";
    }
}
