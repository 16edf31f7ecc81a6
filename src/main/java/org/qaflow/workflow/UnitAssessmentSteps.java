package org.qaflow.workflow;

import org.qaflow.assessment.AssessmentService;
import org.qaflow.iqa.IqaService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The automatic steps of the unit-assessment process (processes/unit-assessment.bpmn). The generated process code
 * instantiates this class with its no-arg constructor; at run time the Spring bean, with its collaborators, is used.
 */
@Component
public class UnitAssessmentSteps {

    private AssessmentService assessments;
    private IqaService iqa;

    public UnitAssessmentSteps() {
    }

    @Autowired
    void setAssessments(AssessmentService assessments) {
        this.assessments = assessments;
    }

    @Autowired
    void setIqa(IqaService iqa) {
        this.iqa = iqa;
    }

    public Boolean decideSampling(Long claimUnitId) {
        return assessments.decideIqaSampling(claimUnitId);
    }

    public Boolean decideCountersign(Long claimUnitId) {
        return iqa.needsCountersignature(claimUnitId);
    }

    public void unitVerified(Long claimUnitId) {
        assessments.unitVerified(claimUnitId);
    }
}
