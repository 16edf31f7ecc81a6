package org.qaflow.centre;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import java.util.List;
import java.util.Optional;

public interface StaffRepository extends JpaRepository<StaffMember, Long> {

    Optional<StaffMember> findByUsername(String username);

    /** A page of staff after the given id, for walks over everyone (the impact preview). */
    List<StaffMember> findByIdGreaterThanOrderById(Long afterId, Limit limit);

    // Written out, as ClaimRepository's queries by centre are: derived from the name they join the centre table.
    @Query("select s from StaffMember s where s.centre.id = ?1 order by s.name")
    List<StaffMember> findByCentreIdOrderByName(Long centreId);

    @Query("select s from StaffMember s where s.centre.id in ?1 and s.role = ?2 order by s.id")
    List<StaffMember> findByCentreIdInAndRoleOrderById(java.util.Collection<Long> centreIds, StaffRole role);
}
