package org.qaflow.centre;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;
import java.util.Optional;

public interface CentreRepository extends JpaRepository<Centre, Long> {

    Optional<Centre> findByCode(String code);

    List<Centre> findByEqaUsernameOrderByCode(String eqaUsername);

    List<Centre> findAllByOrderByCode();

    /** A page of centres after the given id, for walks over every centre (the impact preview). */
    List<Centre> findByIdGreaterThanOrderById(Long afterId, Limit limit);
}
