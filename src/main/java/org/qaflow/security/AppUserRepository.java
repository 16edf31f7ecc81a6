package org.qaflow.security;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface AppUserRepository extends JpaRepository<AppUser, String> {

    List<AppUser> findByCentreIdAndEnabledTrue(Long centreId);

    List<AppUser> findByRoleAndEnabledTrue(Role role);
}
