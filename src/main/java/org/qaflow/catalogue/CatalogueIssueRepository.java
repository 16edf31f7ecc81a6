package org.qaflow.catalogue;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface CatalogueIssueRepository extends JpaRepository<CatalogueIssue, Long> {

    List<CatalogueIssue> findAllByOrderById();
}
