package org.qaflow.assessment;

/** How evidence for an assessment criterion was gathered (the spec's examples of portfolio evidence). */
public enum EvidenceMethod {
    OBSERVATION, PROFESSIONAL_DISCUSSION, WITNESS_TESTIMONY, QUESTIONING, PRODUCT_EVIDENCE, LEARNER_STATEMENT,
    /** Only where the unit's assessor guidance allows it for the outcome. */
    SIMULATION
}
