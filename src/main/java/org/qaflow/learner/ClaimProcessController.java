package org.qaflow.learner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qaflow.problem.Refuses;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where a claim stands in its processes, for whoever may see the claim. */
@RestController
@RequestMapping("/api/claims")
@Tag(name = "Claims", description = "Registering learners, entering results, following claims")
public class ClaimProcessController {

    private final ClaimAccess access;
    private final ClaimProcess process;

    public ClaimProcessController(ClaimAccess access, ClaimProcess process) {
        this.access = access;
        this.process = process;
    }

    @GetMapping("/{id}/process")
    @Transactional(readOnly = true)
    @Operation(summary = "The claim's process instance and each unit's: process id, state (active, completed), the "
            + "nodes it waits at now (id and name), the nodes it has completed and the sequence flows it took")
    @Refuses(status = 403, when = "A claim of a centre you do not work with, or another assessor's")
    public ClaimProcess.View process(@PathVariable long id) {
        return process.of(access.claim(id));
    }
}
