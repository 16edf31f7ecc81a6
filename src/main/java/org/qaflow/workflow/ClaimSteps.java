package org.qaflow.workflow;

import org.qaflow.certification.CertificationService;
import org.qaflow.eqa.VisitService;
import org.qaflow.learner.RegistrationService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The automatic steps of the claim process (processes/qualification-claim.bpmn). The generated process code needs a
 * no-arg constructor to compile; at run time it is given this Spring bean.
 */
@Component
public class ClaimSteps {

    private final RegistrationService registrations;
    private final CertificationService certification;
    private final VisitService visits;

    public ClaimSteps() {
        this(null, null, null);
    }

    @Autowired
    public ClaimSteps(RegistrationService registrations, CertificationService certification, VisitService visits) {
        this.registrations = registrations;
        this.certification = certification;
        this.visits = visits;
    }

    public void checkRegistration(Long claimId) {
        registrations.confirmChecks(claimId);
    }

    public Boolean applyCombination(Long claimId) {
        return certification.applyCombination(claimId);
    }

    public Boolean checkDirectClaim(Long claimId) {
        return certification.hasDirectClaimStatus(claimId);
    }

    public void awaitRelease(Long claimId) {
        visits.claimWaiting(claimId);
    }

    public void issueCertificate(Long claimId) {
        certification.issue(claimId, "rules of combination met; released for certification");
    }
}
