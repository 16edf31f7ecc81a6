package org.qaflow.centre;

import org.springframework.data.repository.Repository;

import java.util.List;

/** Appends and reads only: there is no way to change or delete an administrative change here. */
public interface AdminEventRepository extends Repository<AdminEvent, Long> {

    AdminEvent save(AdminEvent event);

    List<AdminEvent> findByCentreIdOrderByIdAsc(Long centreId);

    List<AdminEvent> findByCentreIdAndActionOrderByIdAsc(Long centreId, String action);
}
