package org.qaflow.security;

import org.springframework.stereotype.Component;

/**
 * People by their names, not their user names: "Verified by Omar Haddad", not "ohaddad". Pages call it as
 * {@code @people.name(...)}. A name that is no user (the rules, the system) is shown as it is.
 */
@Component("people")
public class People {

    private final AppUserRepository users;

    public People(AppUserRepository users) {
        this.users = users;
    }

    public String name(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        return users.findById(username).map(AppUser::getDisplayName)
                .filter(name -> name != null && !name.isBlank()).orElse(username);
    }
}
