package org.qaflow.centre;

import org.qaflow.security.AppUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which centres a user may see: providers and centre staff their own; an EQA the centres appointed to them; the
 * quality manager all. Every read or write of centre data goes through here.
 */
@Component
public class CentreAccess {

    private final CentreRepository centres;

    public CentreAccess(CentreRepository centres) {
        this.centres = centres;
    }

    public boolean canSee(AppUser user, Centre centre) {
        return switch (user.getRole()) {
            case QUALITY_MANAGER -> true;
            case EQA -> user.getUsername().equals(centre.getEqaUsername());
            case PROVIDER, ASSESSOR, IQA -> centre.getId().equals(user.getCentreId());
        };
    }

    public void check(AppUser user, Centre centre, String what) {
        if (!canSee(user, centre)) {
            throw new AccessDeniedException(what + " belongs to a centre you do not work with");
        }
    }

    public Set<Long> visibleCentreIds(AppUser user) {
        List<Centre> visible = switch (user.getRole()) {
            case QUALITY_MANAGER -> centres.findAll();
            case EQA -> centres.findByEqaUsernameOrderByCode(user.getUsername());
            case PROVIDER, ASSESSOR, IQA -> user.getCentreId() == null ? List.of()
                    : centres.findById(user.getCentreId()).map(List::of).orElse(List.of());
        };
        return visible.stream().map(Centre::getId).collect(Collectors.toSet());
    }
}
