-- H2 writes an identity column's sequence to disk (a whole store of the database) each time its cache of values runs
-- out; with the default of 32, a registration's trail, units and inbox rows paid for one or two extra stores.
-- A larger cache only means a gap of unused ids after a crash.
alter table admin_event alter column id set cache 1000;
alter table assessment_criterion alter column id set cache 1000;
alter table assessment_decision alter column id set cache 1000;
alter table catalogue_issue alter column id set cache 1000;
alter table centre alter column id set cache 1000;
alter table claim alter column id set cache 1000;
alter table claim_event alter column id set cache 1000;
alter table claim_unit alter column id set cache 1000;
alter table direct_claim_decision alter column id set cache 1000;
alter table eqa_action alter column id set cache 1000;
alter table eqa_visit alter column id set cache 1000;
alter table eqa_visit_sample alter column id set cache 1000;
alter table evidence alter column id set cache 1000;
alter table evidence_file alter column id set cache 1000;
alter table learner alter column id set cache 1000;
alter table learning_outcome alter column id set cache 1000;
alter table notification alter column id set cache 1000;
alter table personal_interest alter column id set cache 1000;
alter table process_trail_node alter column id set cache 1000;
alter table rule_decision alter column id set cache 1000;
alter table rule_set alter column id set cache 1000;
alter table scheduled_job alter column id set cache 1000;
alter table staff_cpd alter column id set cache 1000;
alter table staff_member alter column id set cache 1000;
