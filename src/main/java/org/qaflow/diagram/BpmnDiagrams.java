package org.qaflow.diagram;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The diagrams of the BPMN files the build puts in the jar under processes/, by process id. Each file is read and
 * parsed once, on first use, whatever process ids it holds (the claim journey's processes change; this does not).
 */
@Component
public class BpmnDiagrams {

    static final String LOCATION = "classpath*:processes/*.bpmn";

    private volatile Map<String, BpmnDiagram> byProcessId;

    public Optional<BpmnDiagram> forProcess(String processId) {
        return Optional.ofNullable(processId == null ? null : all().get(processId));
    }

    /** Every diagram, by process id. */
    public Map<String, BpmnDiagram> all() {
        Map<String, BpmnDiagram> loaded = byProcessId;
        if (loaded == null) {
            synchronized (this) {
                if (byProcessId == null) {
                    byProcessId = load();
                }
                loaded = byProcessId;
            }
        }
        return loaded;
    }

    public Collection<BpmnDiagram> diagrams() {
        return all().values();
    }

    private static Map<String, BpmnDiagram> load() {
        Map<String, BpmnDiagram> diagrams = new TreeMap<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = file.getInputStream()) {
                    BpmnDiagram diagram = BpmnDiagram.parse(in, file.getDescription());
                    diagrams.put(diagram.processId(), diagram);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableMap(diagrams);
    }
}
