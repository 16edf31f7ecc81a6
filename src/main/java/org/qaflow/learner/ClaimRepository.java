package org.qaflow.learner;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import java.util.Collection;
import java.util.List;

public interface ClaimRepository extends JpaRepository<Claim, Long> {

    boolean existsByLearnerIdAndQan(Long learnerId, String qan);

    boolean existsByCentreId(Long centreId);

    List<Claim> findByCentreIdOrderById(Long centreId);

    List<Claim> findByLearnerIdOrderById(Long learnerId);

    List<Claim> findByCentreIdInOrderById(Collection<Long> centreIds);

    List<Claim> findByCentreIdAndStatusIn(Long centreId, Collection<ClaimStatus> statuses);

    List<Claim> findAllByOrderById();

    /** A page of claims after the given id: the impact preview walks every open claim in keyset pages. */
    List<Claim> findByStatusNotInAndIdGreaterThanOrderById(java.util.Collection<ClaimStatus> statuses, Long afterId, Limit limit);

    List<Claim> findByReleaseVisitIdOrderById(Long visitId);

    List<Claim> findByProcessInstanceIdIsNullAndCertificateNumberIsNullOrderById();

    long countByCentreIdAndStatusIn(Long centreId, Collection<ClaimStatus> statuses);

    String SEARCH = " from Claim c join c.learner l where c.centre.id in :centres"
            + " and (:assessor is null or c.assessor.username = :assessor)"
            + " and (:status is null or c.status = :status)"
            + " and (:like = '' or lower(concat(l.firstName, ' ', l.lastName, ' ', l.uln, ' ', c.qan)) like :like"
            + " escape '\\')";

    /**
     * Claims of the given centres (of one assessor's learners when assessor is set), in one status or any, whose
     * learner's name, ULN or qualification matches like (a LIKE pattern, '' for all): a page, counted in the database.
     */
    @EntityGraph(attributePaths = {"learner", "centre", "assessor"})
    @Query(value = "select c" + SEARCH, countQuery = "select count(c)" + SEARCH)
    Page<Claim> search(@Param("centres") Collection<Long> centres, @Param("assessor") String assessor,
                       @Param("status") ClaimStatus status, @Param("like") String like, Pageable pageable);

    String IN_STATUSES = " from Claim c where c.centre.id in :centres"
            + " and (:assessor is null or c.assessor.username = :assessor) and c.status in :statuses";

    /** Claims of the given centres (one assessor's when assessor is set) in any of the statuses: a page. */
    @EntityGraph(attributePaths = {"learner", "centre"})
    @Query(value = "select c" + IN_STATUSES, countQuery = "select count(c)" + IN_STATUSES)
    Page<Claim> inStatuses(@Param("centres") Collection<Long> centres, @Param("assessor") String assessor,
                           @Param("statuses") Collection<ClaimStatus> statuses, Pageable pageable);

    @Query("select count(c) from Claim c where c.assessor.id = ?1")
    long countByAssessor(Long staffId);

    long countByCentreId(Long centreId);
}
