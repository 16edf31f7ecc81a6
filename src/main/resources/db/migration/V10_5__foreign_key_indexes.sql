-- PostgreSQL indexes no foreign key by itself (H2 does): the lookups the pages and the load test make by these keys
-- (a unit's decisions and evidence, an assessor's decisions, a centre's learners and staff, a person's CPD) would
-- scan their tables as the data grows. Found reading the schema for the data-volume fixture (docs/load-test.md).
create index assessment_decision_by_unit on assessment_decision(claim_unit_id);
create index assessment_decision_by_assessor on assessment_decision(assessor_id);
create index evidence_by_unit on evidence(claim_unit_id);
create index learner_by_centre on learner(centre_id);
create index staff_member_by_centre on staff_member(centre_id);
create index staff_cpd_by_staff on staff_cpd(staff_id);
