package org.qaflow.centre;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;
import java.util.Optional;

public interface CentreRepository extends JpaRepository<Centre, Long> {

    Optional<Centre> findByCode(String code);

    List<Centre> findByEqaUsernameOrderByCode(String eqaUsername);

    List<Centre> findAllByOrderByCode();
}
