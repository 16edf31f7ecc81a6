package org.qaflow.assessment;

/** The assessor's judgement of one assessment criterion: a unit is signed off only when every criterion is met. */
public enum Judgement {
    MET, NOT_YET_MET;

    /** "met", "not yet met" */
    public String words() {
        return name().toLowerCase().replace('_', ' ');
    }
}
