package org.qaflow.rules.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * A check the rules judge, which also keeps the names of the rules that fired on it, once each, in firing order:
 * the engine's listener writes them here as each rule fires, so a batch of checks needs no map from check to rules.
 */
public abstract class Judged {

    /** Null until a rule fires on the check: most checks see none or a few. */
    private List<String> firedRules;

    /** For the engine's listener; rules have no reason to call it. */
    public final void firedBy(String rule) {
        if (firedRules == null) {
            firedRules = new ArrayList<>(4);
        } else if (firedRules.contains(rule)) {
            return;
        }
        firedRules.add(rule);
    }

    public final List<String> firedRules() {
        return firedRules == null ? List.of() : List.copyOf(firedRules);
    }
}
