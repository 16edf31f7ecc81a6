package org.qaflow.rules;

import java.util.List;

/** A learner (or an assessment decision) an EQA may sample, with what CAMERA coverage is judged on. */
public record EqaCandidate(String id, String assessor, List<String> units, List<String> methods, String location) {

    public EqaCandidate {
        units = units == null ? List.of() : List.copyOf(units);
        methods = methods == null ? List.of() : List.copyOf(methods);
    }
}
