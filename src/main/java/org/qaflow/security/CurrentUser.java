package org.qaflow.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The authenticated user, as qaflow knows them. Identity never comes from a request parameter. */
@Component
public class CurrentUser {

    private final AppUserRepository users;

    public CurrentUser(AppUserRepository users) {
        this.users = users;
    }

    public AppUser get() {
        String name = SecurityContextHolder.getContext().getAuthentication().getName();
        AppUser user = users.findById(name).orElseThrow(() -> new IllegalStateException("No qaflow user " + name));
        // A login remembered, or a page session opened, before the account was deactivated acts no more.
        if (!user.isEnabled()) {
            throw new AccessDeniedException("The account " + name + " has been deactivated");
        }
        return user;
    }
}
