-- "My tasks" reads a user's held tasks from an index holding only what it needs: holder is the owner when the owner
-- may see the task (the engine may exclude a user who holds it), and the index carries the created date and task id,
-- so counting and ordering them never reads the rows. Almost no task excludes anyone, so a row says whether it does,
-- and the look-up of exclusions is made only for those that do.
alter table task_inbox add column holder varchar(255);
alter table task_inbox add column excludes_anyone boolean default false not null;
update task_inbox set excludes_anyone = true
    where exists (select 1 from task_inbox_party x where x.task_id = task_inbox.task_id and x.kind = 'EXCLUDED');
update task_inbox set holder = owner
    where owner is not null and not exists (select 1 from task_inbox_party x
        where x.task_id = task_inbox.task_id and x.kind = 'EXCLUDED' and x.name = task_inbox.owner);
create index task_inbox_by_holder on task_inbox(holder, created_at, task_id);
-- Potential owners are kept only for tasks nobody holds: a held task is found by its holder, and the users and groups
-- it was offered to would only make "my tasks" walk past every task its holder already holds.
delete from task_inbox_party where kind in ('USER', 'GROUP')
    and task_id in (select task_id from task_inbox where owner is not null);
