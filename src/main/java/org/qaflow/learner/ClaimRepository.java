package org.qaflow.learner;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import java.util.Collection;
import java.util.List;

public interface ClaimRepository extends JpaRepository<Claim, Long>, ClaimListing {

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

    @Query("select count(c) from Claim c where c.assessor.id = ?1")
    long countByAssessor(Long staffId);

    long countByCentreId(Long centreId);
}
