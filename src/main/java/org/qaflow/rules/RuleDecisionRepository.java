package org.qaflow.rules;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RuleDecisionRepository extends JpaRepository<RuleDecision, Long> {
}
