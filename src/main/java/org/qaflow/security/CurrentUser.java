package org.qaflow.security;

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
        return users.findById(name).orElseThrow(() -> new IllegalStateException("No qaflow user " + name));
    }
}
