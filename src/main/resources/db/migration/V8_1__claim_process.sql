-- The claim journey is one process instance per claim (processes/qualification-claim.bpmn).
alter table claim add column process_instance_id varchar(64);
-- The EQA review (a visit or a remote review) that will release or hold a claim waiting for release.
alter table claim add column release_visit_id bigint;
-- A remote review releases claims without a visit (rules/claims/eqa-release.yaml says when).
alter table eqa_visit add column remote boolean default false not null;
create index claim_centre_status on claim (centre_id, status);
