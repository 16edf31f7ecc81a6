package org.qaflow.diagram;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every BPMN file in processes/ drawn as SVG: every BPMNDI shape and edge drawn, marks applied as classes. */
class SvgDiagramTest {

    private static final Pattern SHAPE = Pattern.compile("<bpmndi:BPMNShape[^>]*bpmnElement=\"([^\"]+)\"");
    private static final Pattern EDGE = Pattern.compile("<bpmndi:BPMNEdge[^>]*bpmnElement=\"([^\"]+)\"");

    @Test
    void everyShapeAndFlowOfEveryProcessFileIsDrawnWithItsKind() throws Exception {
        List<Path> files = bpmnFiles();
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("unit-assessment.bpmn", "eqa-visit.bpmn");
        for (Path file : files) {
            String xml = Files.readString(file);
            List<String> shapes = all(SHAPE, xml);
            List<String> edges = all(EDGE, xml);
            assertThat(shapes).as(file + " has diagram shapes").isNotEmpty();
            BpmnDiagram diagram = parse(file);
            Document svg = svg(SvgDiagram.render(diagram, SvgDiagram.Marks.none(), "Diagram of " + file));

            Map<String, Element> nodes = groups(svg, "node");
            assertThat(nodes.keySet()).as(file + ": one drawn node per BPMNShape").containsExactlyInAnyOrderElementsOf(shapes);
            assertThat(groups(svg, "flow").keySet()).as(file + ": one drawn flow per BPMNEdge")
                    .containsExactlyInAnyOrderElementsOf(edges);
            for (Map.Entry<String, Element> node : nodes.entrySet()) {
                String kind = kindOf(xml, node.getKey());
                Element group = node.getValue();
                String drawnAs = kind.endsWith("Event") ? "circle" : kind.endsWith("Gateway") ? "polygon" : "rect";
                assertThat(group.getElementsByTagNameNS("*", drawnAs).getLength())
                        .as(file + " " + node.getKey() + " (" + kind + ") is drawn as a " + drawnAs).isPositive();
                assertThat(group.getAttribute("class")).contains(kind).doesNotContain("done").doesNotContain("active");
            }
            for (Element flow : groups(svg, "flow").values()) {
                assertThat(flow.getElementsByTagNameNS("*", "polyline").getLength()).isEqualTo(1);
                assertThat(flow.getElementsByTagNameNS("*", "polygon").getLength()).as("an arrow head").isEqualTo(1);
            }
            Element root = svg.getDocumentElement();
            assertThat(first(root, "title").getTextContent()).isEqualTo("Diagram of " + file);
            assertThat(root.getAttribute("data-process")).isEqualTo(diagram.processId());
            assertThat(root.getAttribute("viewBox")).matches("-?[0-9.]+ -?[0-9.]+ [0-9.]+ [0-9.]+");
        }
    }

    @Test
    void passedAndCurrentNodesAndTakenFlowsCarryTheirClassesAndNoStyleAttribute() throws Exception {
        BpmnDiagram unit = parse(Path.of("processes", "unit-assessment.bpmn"));
        String drawn = SvgDiagram.render(unit, SvgDiagram.Marks.path(Set.of("start", "gw_assess"), Set.of("assessUnit"),
                Set.of("f_start", "f_toAssess")), "Unit assessment: waits at Assess unit");
        Document svg = svg(drawn);
        Map<String, Element> nodes = groups(svg, "node");
        assertThat(classes(nodes.get("start"))).contains("done").doesNotContain("active");
        assertThat(classes(nodes.get("gw_assess"))).contains("done");
        assertThat(classes(nodes.get("assessUnit"))).contains("active", "task", "userTask").doesNotContain("done");
        assertThat(classes(nodes.get("verifyDecision"))).doesNotContain("done", "active");
        assertThat(first(nodes.get("assessUnit"), "title").getTextContent()).isEqualTo("Assess unit (waits here now)");
        Map<String, Element> flows = groups(svg, "flow");
        assertThat(classes(flows.get("f_toAssess"))).contains("taken");
        assertThat(classes(flows.get("f_assessed"))).doesNotContain("taken");
        // The pages' CSP refuses inline style: every look is a class.
        assertThat(drawn).doesNotContain("style=").doesNotContain("<script");
        // A name is wrapped text inside its task.
        assertThat(text(nodes.get("decideSampling"))).isEqualTo("Decide whether the IQA samples the decision");
        assertThat(nodes.get("decideSampling").getElementsByTagNameNS("*", "tspan").getLength()).isGreaterThan(1);
        // The legend explains the marks.
        assertThat(drawn).contains("completed", "waits here now");
    }

    @Test
    void countsAreDrawnOnTheirNodes() throws Exception {
        BpmnDiagram visit = parse(Path.of("processes", "eqa-visit.bpmn"));
        Document svg = svg(SvgDiagram.render(visit, SvgDiagram.Marks.counts(Map.of("planVisit", 3L, "conductVisit", 1L)),
                "EQA visit"));
        Map<String, Element> nodes = groups(svg, "node");
        assertThat(badge(nodes.get("planVisit"))).isEqualTo("3");
        assertThat(badge(nodes.get("conductVisit"))).isEqualTo("1");
        assertThat(badge(nodes.get("applyOutcome"))).isNull();
    }

    @Test
    void theBuildPutsTheProcessFilesOnTheClasspathAndEachIsFoundByItsProcessId() {
        BpmnDiagrams diagrams = new BpmnDiagrams();
        assertThat(diagrams.all().keySet()).contains("unitAssessment", "eqaVisit");
        assertThat(diagrams.forProcess("unitAssessment").orElseThrow().processName()).isEqualTo("Unit assessment");
        assertThat(diagrams.all()).isSameAs(diagrams.all());
        assertThat(diagrams.forProcess("noSuchProcess")).isEmpty();
    }

    private static String badge(Element node) {
        NodeList groups = node.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (classes(g).contains("count")) {
                return g.getTextContent();
            }
        }
        return null;
    }

    private static String text(Element group) {
        NodeList texts = group.getElementsByTagNameNS("*", "text");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            NodeList spans = ((Element) texts.item(i)).getElementsByTagNameNS("*", "tspan");
            for (int s = 0; s < spans.getLength(); s++) {
                parts.add(spans.item(s).getTextContent());
            }
        }
        return String.join(" ", parts);
    }

    private static List<String> classes(Element e) {
        return List.of(e.getAttribute("class").split(" "));
    }

    private static Element first(Element parent, String tag) {
        return (Element) parent.getElementsByTagNameNS("*", tag).item(0);
    }

    /** The SVG's groups of one kind (node or flow) by the BPMN element they draw. */
    private static Map<String, Element> groups(Document svg, String kind) {
        Map<String, Element> found = new LinkedHashMap<>();
        NodeList groups = svg.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute("data-element") && classes(g).get(0).equals(kind)) {
                assertThat(found.put(g.getAttribute("data-element"), g)).as("drawn once: " + g.getAttribute("data-element"))
                        .isNull();
            }
        }
        return found;
    }

    private static String kindOf(String xml, String id) {
        Matcher m = Pattern.compile("<bpmn2?:(\\w+) id=\"" + Pattern.quote(id) + "\"").matcher(xml);
        assertThat(m.find()).as("model element " + id).isTrue();
        return m.group(1);
    }

    private static List<String> all(Pattern pattern, String xml) {
        List<String> ids = new ArrayList<>();
        Matcher m = pattern.matcher(xml);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<Path> bpmnFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    private static BpmnDiagram parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return BpmnDiagram.parse(in, file.toString());
        }
    }

    /** Parsing it also proves the SVG is well-formed XML. */
    private static Document svg(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
