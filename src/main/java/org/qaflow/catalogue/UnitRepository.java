package org.qaflow.catalogue;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface UnitRepository extends JpaRepository<Unit, String> {

    List<Unit> findAllByOrderByPosition();

    List<Unit> findByRefIn(java.util.Collection<String> refs);
}
