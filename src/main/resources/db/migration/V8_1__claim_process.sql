-- The claim journey is one process instance per claim (processes/qualification-claim.bpmn).
alter table claim add column process_instance_id varchar(64);
