package org.qaflow.centre;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.LocalDate;
import java.util.List;

public interface PersonalInterestRepository extends JpaRepository<PersonalInterest, Long> {

    List<PersonalInterest> findByUsernameOrderByIdAsc(String username);

    List<PersonalInterest> findByUsernameOrDeclaredByOrderByIdAsc(String username, String declaredBy);

    /** Interests of a person in this learner: the same ULN, or the same name and date of birth (case aside). */
    @Query("select i from PersonalInterest i where i.username = :username and (i.uln = :uln"
            + " or (i.dateOfBirth = :dob and lower(i.firstName) = lower(:firstName)"
            + " and lower(i.lastName) = lower(:lastName)))")
    List<PersonalInterest> findInLearner(@Param("username") String username, @Param("uln") String uln,
                                         @Param("firstName") String firstName, @Param("lastName") String lastName,
                                         @Param("dob") LocalDate dateOfBirth);

    /**
     * What links a person to a centre: a declared link with the centre itself, or an interest in a learner the
     * centre has registered (matched as in findInLearner; learners are read by table, since centre sits below them).
     */
    @Query(value = "select i.* from personal_interest i join centre c on c.id = :centreId where i.username = :username"
            + " and (i.centre_id = c.id or exists (select 1 from learner l where l.centre_id = c.id and (l.uln = i.uln"
            + " or (l.date_of_birth = i.date_of_birth and lower(l.first_name) = lower(i.first_name)"
            + " and lower(l.last_name) = lower(i.last_name))))) order by i.id", nativeQuery = true)
    List<PersonalInterest> findLinksWithCentre(@Param("username") String username, @Param("centreId") Long centreId);
}
