package org.qaflow.centre;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.qaflow.security.CurrentUser;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.util.List;

@RestController
@RequestMapping("/api/centres")
@Tag(name = "Centres", description = "Centres, their risk and direct claim status")
public class CentreController {

    private final CentreRepository centres;
    private final CentreAccess access;
    private final CurrentUser currentUser;

    public CentreController(CentreRepository centres, CentreAccess access, CurrentUser currentUser) {
        this.centres = centres;
        this.access = access;
        this.currentUser = currentUser;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public List<CentreView> list() {
        var visible = access.visibleCentreIds(currentUser.get());
        return centres.findAllByOrderByCode().stream().filter(c -> visible.contains(c.getId()))
                .map(CentreView::of).toList();
    }

    public record CentreView(String code, String name, boolean directClaimStatus, Centre.RiskRating riskRating,
                             String eqa) {
        public static CentreView of(Centre c) {
            return new CentreView(c.getCode(), c.getName(), c.isDirectClaimStatus(), c.getRiskRating(),
                    c.getEqaUsername());
        }
    }
}
