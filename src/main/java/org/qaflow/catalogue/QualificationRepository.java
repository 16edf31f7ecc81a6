package org.qaflow.catalogue;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface QualificationRepository extends JpaRepository<Qualification, String> {

    List<Qualification> findAllByOrderByPosition();
}
