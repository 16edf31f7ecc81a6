package org.qaflow.centre;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;
import java.util.Optional;

public interface StaffRepository extends JpaRepository<StaffMember, Long> {

    Optional<StaffMember> findByUsername(String username);

    /** A page of staff after the given id, for walks over everyone (the impact preview). */
    List<StaffMember> findByIdGreaterThanOrderById(Long afterId, Limit limit);

    List<StaffMember> findByCentreIdOrderByName(Long centreId);

    Optional<StaffMember> findByCentreIdAndName(Long centreId, String name);

    List<StaffMember> findByCentreIdInAndRoleOrderById(java.util.Collection<Long> centreIds, StaffRole role);
}
