package org.qaflow.centre;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;
import java.util.Optional;

public interface StaffRepository extends JpaRepository<StaffMember, Long> {

    Optional<StaffMember> findByUsername(String username);

    List<StaffMember> findByCentreIdOrderByName(Long centreId);

    Optional<StaffMember> findByCentreIdAndName(Long centreId, String name);
}
