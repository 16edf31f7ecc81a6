-- Why a version was activated or rolled back to: asked of the quality manager who approves it, shown in the history
-- beside the author (created_by) and the approver (activated_by).
alter table rule_set add column reason varchar(1000);
