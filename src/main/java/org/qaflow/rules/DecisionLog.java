package org.qaflow.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Records decisions with the rule set version and the rules that fired; callers outside this package may use it too. */
@Service
public class DecisionLog {

    private final RuleDecisionRepository decisions;
    private final ObjectMapper json;
    private final Clock clock;

    public DecisionLog(RuleDecisionRepository decisions, ObjectMapper json, Clock clock) {
        this.decisions = decisions;
        this.json = json;
        this.clock = clock;
    }

    public RuleDecision record(String kind, int ruleSetVersion, List<String> firedRules, Object request, Object outcome,
                               String decidedBy) {
        return decisions.save(new RuleDecision(kind, ruleSetVersion, String.join("\n", firedRules), write(request),
                write(outcome), decidedBy, Instant.now(clock)));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record decision: " + e.getOriginalMessage(), e);
        }
    }
}
