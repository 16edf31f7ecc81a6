package org.qaflow.diagram;

import org.qaflow.diagram.BpmnDiagram.Bounds;
import org.qaflow.diagram.BpmnDiagram.Edge;
import org.qaflow.diagram.BpmnDiagram.Point;
import org.qaflow.diagram.BpmnDiagram.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a BPMN diagram as inline SVG, on the server, with no script and no style attribute (the pages' CSP refuses
 * both): every look comes from classes styled in static/css/diagram.css. Events are circles, tasks rounded
 * rectangles, call activities the same with a thick border, gateways diamonds, flows polylines with arrow heads.
 * Nodes an instance has completed carry the class {@code done}, nodes it waits at {@code active}; flows it took
 * {@code taken}; a count, when given, is drawn as a badge on its node.
 */
public final class SvgDiagram {

    /** What to mark on the diagram. */
    public record Marks(Set<String> done, Set<String> active, Set<String> takenFlows, Map<String, Long> counts) {
        public static Marks none() {
            return new Marks(Set.of(), Set.of(), Set.of(), Map.of());
        }

        public static Marks path(Set<String> done, Set<String> active, Set<String> takenFlows) {
            return new Marks(done, active, takenFlows, Map.of());
        }

        public static Marks counts(Map<String, Long> counts) {
            return new Marks(Set.of(), Set.of(), Set.of(), counts);
        }
    }

    private static final double CHAR_WIDTH = 6.2;
    private static final double LINE_HEIGHT = 13;
    private static final double PAD = 12;
    private static final double LEGEND_HEIGHT = 34;

    private SvgDiagram() {
    }

    /** The SVG element; {@code title} is its accessible name. */
    public static String render(BpmnDiagram diagram, Marks marks, String title) {
        double[] box = extent(diagram);
        double minX = box[0] - PAD;
        double minY = box[1] - PAD;
        double width = Math.max(box[2] - box[0] + 2 * PAD, 420);
        double height = box[3] - box[1] + 2 * PAD + LEGEND_HEIGHT;
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bpmn\" role=\"img\" data-process=\"")
                .append(escape(diagram.processId())).append("\" viewBox=\"").append(n(minX)).append(' ').append(n(minY))
                .append(' ').append(n(width)).append(' ').append(n(height)).append("\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\">");
        svg.append("<title>").append(escape(title)).append("</title>");
        for (Shape shape : diagram.shapes()) {
            if (isContainer(shape.kind())) {
                node(svg, shape, marks);
            }
        }
        for (Edge edge : diagram.edges()) {
            edge(svg, edge, marks.takenFlows().contains(edge.id()));
        }
        for (Shape shape : diagram.shapes()) {
            if (!isContainer(shape.kind())) {
                node(svg, shape, marks);
            }
        }
        legend(svg, minX + PAD, minY + height - LEGEND_HEIGHT + 8, !marks.counts().isEmpty());
        return svg.append("</svg>").toString();
    }

    private static void node(StringBuilder svg, Shape shape, Marks marks) {
        String kind = shape.kind();
        List<String> classes = new ArrayList<>(List.of("node", category(kind), kind));
        if (marks.active().contains(shape.id())) {
            classes.add("active");
        } else if (marks.done().contains(shape.id())) {
            classes.add("done");
        }
        Bounds b = shape.bounds();
        String name = shape.name() == null ? "" : shape.name();
        svg.append("<g class=\"").append(String.join(" ", classes)).append("\" data-element=\"")
                .append(escape(shape.id())).append("\">");
        svg.append("<title>").append(escape(name.isEmpty() ? shape.id() : name))
                .append(marks.active().contains(shape.id()) ? " (waits here now)" : "")
                .append(marks.done().contains(shape.id()) && !marks.active().contains(shape.id()) ? " (done)" : "")
                .append("</title>");
        double cx = b.x() + b.width() / 2;
        double cy = b.y() + b.height() / 2;
        switch (category(kind)) {
            case "event" -> {
                double r = Math.min(b.width(), b.height()) / 2;
                svg.append(circle("shape", cx, cy, r));
                if (kind.startsWith("intermediate") || kind.equals("boundaryEvent")) {
                    svg.append(circle("inner", cx, cy, r - 3));
                }
                outsideLabel(svg, shape, name);
            }
            case "gateway" -> {
                svg.append("<polygon class=\"shape\" points=\"").append(n(cx)).append(',').append(n(b.y())).append(' ')
                        .append(n(b.x() + b.width())).append(',').append(n(cy)).append(' ').append(n(cx)).append(',')
                        .append(n(b.y() + b.height())).append(' ').append(n(b.x())).append(',').append(n(cy)).append("\"/>");
                gatewayMarker(svg, kind, cx, cy, Math.min(b.width(), b.height()) / 4);
                outsideLabel(svg, shape, name);
            }
            default -> {
                svg.append("<rect class=\"shape\" x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y()))
                        .append("\" width=\"").append(n(b.width())).append("\" height=\"").append(n(b.height()))
                        .append("\" rx=\"10\" ry=\"10\"/>");
                if (isContainer(kind)) {
                    text(svg, "name", wrap(name, b.width() - 10), cx, b.y() + 14);
                } else {
                    List<String> lines = wrap(name, b.width() - 10);
                    text(svg, "name", lines, cx, cy - (lines.size() - 1) * LINE_HEIGHT / 2 + 4);
                }
            }
        }
        Long count = marks.counts().get(shape.id());
        if (count != null && count > 0) {
            double bx = b.x() + b.width();
            svg.append("<g class=\"count\">").append(circle("badge", bx, b.y(), 11))
                    .append("<text x=\"").append(n(bx)).append("\" y=\"").append(n(b.y() + 4)).append("\">")
                    .append(count).append("</text></g>");
        }
        svg.append("</g>");
    }

    private static void outsideLabel(StringBuilder svg, Shape shape, String name) {
        if (name.isEmpty()) {
            return;
        }
        Bounds b = shape.bounds();
        Bounds label = shape.label();
        if (label != null) {
            text(svg, "label", wrap(name, Math.max(label.width(), 60)), label.x() + label.width() / 2, label.y() + 10);
        } else {
            text(svg, "label", wrap(name, 110), b.x() + b.width() / 2, b.y() + b.height() + 14);
        }
    }

    private static void gatewayMarker(StringBuilder svg, String kind, double cx, double cy, double s) {
        switch (kind) {
            case "exclusiveGateway" -> svg.append("<path class=\"marker\" d=\"M").append(n(cx - s * .7)).append(' ')
                    .append(n(cy - s * .7)).append(" L").append(n(cx + s * .7)).append(' ').append(n(cy + s * .7))
                    .append(" M").append(n(cx + s * .7)).append(' ').append(n(cy - s * .7)).append(" L")
                    .append(n(cx - s * .7)).append(' ').append(n(cy + s * .7)).append("\"/>");
            case "parallelGateway" -> svg.append("<path class=\"marker\" d=\"M").append(n(cx)).append(' ')
                    .append(n(cy - s)).append(" L").append(n(cx)).append(' ').append(n(cy + s)).append(" M")
                    .append(n(cx - s)).append(' ').append(n(cy)).append(" L").append(n(cx + s)).append(' ')
                    .append(n(cy)).append("\"/>");
            case "inclusiveGateway", "eventBasedGateway" -> svg.append(circle("marker", cx, cy, s * .8));
            default -> {
            }
        }
    }

    private static void edge(StringBuilder svg, Edge edge, boolean taken) {
        List<Point> points = edge.waypoints();
        if (points.size() < 2) {
            return;
        }
        svg.append("<g class=\"flow").append(taken ? " taken" : "").append("\" data-element=\"")
                .append(escape(edge.id())).append("\"><polyline class=\"line\" points=\"");
        for (Point p : points) {
            svg.append(n(p.x())).append(',').append(n(p.y())).append(' ');
        }
        svg.setLength(svg.length() - 1);
        svg.append("\"/>");
        Point from = points.get(points.size() - 2);
        Point to = points.get(points.size() - 1);
        double angle = Math.atan2(to.y() - from.y(), to.x() - from.x());
        double len = 9;
        double spread = Math.PI / 7;
        svg.append("<polygon class=\"arrow\" points=\"").append(n(to.x())).append(',').append(n(to.y())).append(' ')
                .append(n(to.x() - len * Math.cos(angle - spread))).append(',')
                .append(n(to.y() - len * Math.sin(angle - spread))).append(' ')
                .append(n(to.x() - len * Math.cos(angle + spread))).append(',')
                .append(n(to.y() - len * Math.sin(angle + spread))).append("\"/>");
        if (edge.name() != null && !edge.name().isBlank()) {
            Bounds label = edge.label();
            if (label != null) {
                text(svg, "label", wrap(edge.name(), Math.max(label.width(), 60)), label.x() + label.width() / 2,
                        label.y() + 10);
            } else {
                Point a = points.get(0);
                Point b = points.get(1);
                text(svg, "label", wrap(edge.name(), 100), (a.x() + b.x()) / 2, (a.y() + b.y()) / 2 - 4);
            }
        }
        svg.append("</g>");
    }

    private static void legend(StringBuilder svg, double x, double y, boolean counts) {
        svg.append("<g class=\"legend\">");
        if (counts) {
            svg.append("<g class=\"count\">").append(circle("badge", x + 10, y + 9, 9))
                    .append("<text x=\"").append(n(x + 10)).append("\" y=\"").append(n(y + 13)).append("\">n</text></g>")
                    .append(legendText(x + 26, y + 13, "n instances wait at this node now"));
        } else {
            double at = x;
            for (String[] item : new String[][]{{"done", "completed"}, {"active", "waits here now"},
                    {"", "not reached (yet)"}}) {
                svg.append("<g class=\"key ").append(item[0]).append("\"><rect class=\"shape\" x=\"").append(n(at))
                        .append("\" y=\"").append(n(y)).append("\" width=\"28\" height=\"18\" rx=\"5\" ry=\"5\"/></g>")
                        .append(legendText(at + 34, y + 13, item[1]));
                at += 34 + item[1].length() * CHAR_WIDTH + 24;
            }
        }
        svg.append("</g>");
    }

    private static String legendText(double x, double y, String text) {
        return "<text class=\"legend-text\" x=\"" + n(x) + "\" y=\"" + n(y) + "\">" + escape(text) + "</text>";
    }

    private static void text(StringBuilder svg, String cls, List<String> lines, double x, double firstBaseline) {
        if (lines.isEmpty()) {
            return;
        }
        svg.append("<text class=\"").append(cls).append("\" x=\"").append(n(x)).append("\" y=\"")
                .append(n(firstBaseline)).append("\">");
        for (int i = 0; i < lines.size(); i++) {
            svg.append("<tspan x=\"").append(n(x)).append("\" dy=\"").append(i == 0 ? "0" : n(LINE_HEIGHT)).append("\">")
                    .append(escape(lines.get(i))).append("</tspan>");
        }
        svg.append("</text>");
    }

    /** Splits a name into lines that fit the width (in an average character width). */
    static List<String> wrap(String text, double width) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        int max = Math.max(6, (int) (width / CHAR_WIDTH));
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > max) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    static String category(String kind) {
        if (kind.endsWith("Event")) {
            return "event";
        }
        if (kind.endsWith("Gateway")) {
            return "gateway";
        }
        if (kind.equals("callActivity")) {
            return "call";
        }
        if (isContainer(kind)) {
            return "container";
        }
        return "task";
    }

    private static boolean isContainer(String kind) {
        return kind.equals("subProcess") || kind.equals("adHocSubProcess") || kind.equals("transaction")
                || kind.equals("participant") || kind.equals("lane");
    }

    /** min x, min y, max x, max y of everything drawn. */
    private static double[] extent(BpmnDiagram diagram) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Shape s : diagram.shapes()) {
            include(box, s.bounds());
            include(box, s.label());
            if (s.label() == null && (category(s.kind()).equals("event") || category(s.kind()).equals("gateway"))) {
                // the name is drawn below the shape
                include(box, new Bounds(s.bounds().x() - 40, s.bounds().y(), s.bounds().width() + 80,
                        s.bounds().height() + 4 * LINE_HEIGHT));
            }
        }
        for (Edge e : diagram.edges()) {
            e.waypoints().forEach(p -> include(box, new Bounds(p.x(), p.y(), 0, 0)));
            include(box, e.label());
        }
        if (box[0] == Double.MAX_VALUE) {
            return new double[]{0, 0, 100, 100};
        }
        return box;
    }

    private static void include(double[] box, Bounds b) {
        if (b == null) {
            return;
        }
        box[0] = Math.min(box[0], b.x());
        box[1] = Math.min(box[1], b.y() - 12); // count badges sit on the top edge
        box[2] = Math.max(box[2], b.x() + b.width() + 12);
        box[3] = Math.max(box[3], b.y() + b.height());
    }

    private static String circle(String cls, double cx, double cy, double r) {
        return "<circle class=\"" + cls + "\" cx=\"" + n(cx) + "\" cy=\"" + n(cy) + "\" r=\"" + n(r) + "\"/>";
    }

    private static String n(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
