package org.qaflow.diagram;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a BPMN file's diagram data (BPMNDI) says is drawn where, with each drawn element's kind and name from the
 * process model. Read once per file (BpmnDiagrams); drawn by SvgDiagram.
 */
public final class BpmnDiagram {

    static final String MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    static final String DI = "http://www.omg.org/spec/DD/20100524/DI";

    public record Bounds(double x, double y, double width, double height) {
    }

    public record Point(double x, double y) {
    }

    /** A drawn node: kind is the BPMN element's local name (userTask, exclusiveGateway, endEvent, ...). */
    public record Shape(String id, String kind, String name, Bounds bounds, Bounds label) {
    }

    /** A drawn sequence flow (or other connection), as a polyline through its waypoints. */
    public record Edge(String id, String name, List<Point> waypoints, Bounds label) {
    }

    private final String processId;
    private final String processName;
    private final List<Shape> shapes;
    private final List<Edge> edges;
    private final Map<String, String> names;

    private BpmnDiagram(String processId, String processName, List<Shape> shapes, List<Edge> edges,
                        Map<String, String> names) {
        this.processId = processId;
        this.processName = processName;
        this.shapes = List.copyOf(shapes);
        this.edges = List.copyOf(edges);
        this.names = Map.copyOf(names);
    }

    public String processId() { return processId; }
    public String processName() { return processName; }
    public List<Shape> shapes() { return shapes; }
    public List<Edge> edges() { return edges; }

    /** The name the model gives an element, or its id when it has none. */
    public String nameOf(String elementId) {
        return names.getOrDefault(elementId, elementId);
    }

    public static BpmnDiagram parse(InputStream in, String source) {
        Document doc = read(in, source);
        Map<String, Element> elements = new HashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        String processId = null;
        String processName = null;
        NodeList all = doc.getElementsByTagNameNS(MODEL, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String id = e.getAttribute("id");
            if (id.isEmpty()) {
                continue;
            }
            elements.put(id, e);
            if (!e.getAttribute("name").isBlank()) {
                names.put(id, e.getAttribute("name").trim());
            }
            if (processId == null && "process".equals(e.getLocalName())) {
                processId = id;
                processName = e.getAttribute("name").isBlank() ? id : e.getAttribute("name").trim();
            }
        }
        if (processId == null) {
            throw new IllegalArgumentException(source + " has no process");
        }
        List<Shape> shapes = new ArrayList<>();
        NodeList shapeNodes = doc.getElementsByTagNameNS(BPMNDI, "BPMNShape");
        for (int i = 0; i < shapeNodes.getLength(); i++) {
            Element s = (Element) shapeNodes.item(i);
            String ref = s.getAttribute("bpmnElement");
            Element modelElement = elements.get(ref);
            Bounds bounds = bounds(child(s, DC, "Bounds"));
            if (bounds == null) {
                throw new IllegalArgumentException(source + ": the shape of " + ref + " has no bounds");
            }
            Element label = child(s, BPMNDI, "BPMNLabel");
            shapes.add(new Shape(ref, modelElement == null ? "unknown" : modelElement.getLocalName(),
                    names.get(ref), bounds, label == null ? null : bounds(child(label, DC, "Bounds"))));
        }
        List<Edge> edges = new ArrayList<>();
        NodeList edgeNodes = doc.getElementsByTagNameNS(BPMNDI, "BPMNEdge");
        for (int i = 0; i < edgeNodes.getLength(); i++) {
            Element e = (Element) edgeNodes.item(i);
            List<Point> points = new ArrayList<>();
            NodeList waypoints = e.getElementsByTagNameNS(DI, "waypoint");
            for (int w = 0; w < waypoints.getLength(); w++) {
                Element p = (Element) waypoints.item(w);
                points.add(new Point(number(p, "x"), number(p, "y")));
            }
            Element label = child(e, BPMNDI, "BPMNLabel");
            String ref = e.getAttribute("bpmnElement");
            edges.add(new Edge(ref, names.get(ref), points, label == null ? null : bounds(child(label, DC, "Bounds"))));
        }
        return new BpmnDiagram(processId, processName, shapes, edges, names);
    }

    private static Document read(InputStream in, String source) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // Trusted files from the jar, but no DTDs or external entities all the same.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(in);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException(source + " is not a readable BPMN file: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String ns, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Bounds bounds(Element e) {
        return e == null ? null : new Bounds(number(e, "x"), number(e, "y"), number(e, "width"), number(e, "height"));
    }

    private static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }
}
