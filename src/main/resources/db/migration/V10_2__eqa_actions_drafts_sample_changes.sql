-- EQA actions are followed through: an owner at the centre, a due date, the centre's response and the EQA's close,
-- each with who and when. is_open stays the flag direct claim status reads (open until closed).
alter table eqa_action add column owner_username varchar(50);
alter table eqa_action add column due_on date;
alter table eqa_action add column status varchar(20) default 'OPEN' not null;
alter table eqa_action add column raised_by varchar(50);
alter table eqa_action add column raised_at timestamp;
alter table eqa_action add column response varchar(2000);
alter table eqa_action add column responded_by varchar(50);
alter table eqa_action add column responded_at timestamp;
alter table eqa_action add column closing_note varchar(2000);
alter table eqa_action add column closed_by varchar(50);
alter table eqa_action add column closed_at timestamp;
update eqa_action set status = 'CLOSED' where is_open = false;
create index eqa_action_visit on eqa_action (visit_id);

-- The visit form saved as a draft before it is completed (findings are kept on the sample rows).
alter table eqa_visit add column draft_outcome varchar(20);
alter table eqa_visit add column draft_report varchar(4000);
alter table eqa_visit add column draft_saved_by varchar(50);
alter table eqa_visit add column draft_saved_at timestamp;
-- When the outcome was recorded: the sample of the next visit is drawn from decisions made after it.
alter table eqa_visit add column completed_at timestamp;
create index eqa_visit_centre_planned on eqa_visit (centre_id, planned_for);

-- The EQA's own changes to the sample the rules chose: a learner added or removed, why, by whom and when.
alter table eqa_visit_sample add column added_by varchar(50);
alter table eqa_visit_sample add column added_reason varchar(2000);
alter table eqa_visit_sample add column added_at timestamp;
alter table eqa_visit_sample add column removed_by varchar(50);
alter table eqa_visit_sample add column removed_at timestamp;
alter table eqa_visit_sample add column removed_reason varchar(2000);
alter table eqa_action add column reopened_by varchar(50);
alter table eqa_action add column reopened_at timestamp;
