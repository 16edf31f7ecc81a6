-- "My tasks" checks each candidate task for an exclusion of the user; almost no task excludes anyone, so the row says
-- whether it does and the look-up in task_inbox_party is made only for those that do. The owner index carries
-- task_id too, so a page of someone's held tasks in created order is read from the index in order.
alter table task_inbox add column excludes_anyone boolean default false not null;
update task_inbox set excludes_anyone = true
    where exists (select 1 from task_inbox_party x where x.task_id = task_inbox.task_id and x.kind = 'EXCLUDED');
drop index task_inbox_by_owner;
create index task_inbox_by_owner on task_inbox(owner, created_at, task_id);
-- Potential owners are kept only for tasks nobody holds: a held task is found by its owner, and the users and groups
-- it was offered to would only make "my tasks" walk past every task its holder already holds.
delete from task_inbox_party where kind in ('USER', 'GROUP')
    and task_id in (select task_id from task_inbox where owner is not null);
