-- qaflow's own list of open work items, kept in step with the engine's user-task events in the same transaction,
-- so that "my tasks" is an indexed query with database paging instead of a read of the whole task store.
-- A task leaves the table when it ends (completed, aborted, obsolete).
create table task_inbox (
    task_id                 varchar(50)  primary key,
    task_name               varchar(100) not null,
    name_in_words           varchar(200) not null,
    claim_id                bigint,
    claim_unit_id           bigint,
    unit_ref                varchar(10),
    visit_id                bigint,
    centre_code             varchar(20),
    owner                   varchar(255),
    status                  varchar(50)  not null,
    created_at              timestamp    not null,
    due_at                  timestamp
);
create index task_inbox_by_owner on task_inbox(owner, created_at);
create index task_inbox_by_claim on task_inbox(claim_id);
create index task_inbox_by_claim_unit on task_inbox(claim_unit_id);
create index task_inbox_by_visit on task_inbox(visit_id);
create index task_inbox_by_created on task_inbox(created_at, task_id);

-- Who a task is offered to: kind USER or GROUP (potential owners), or EXCLUDED (may never see it, e.g. the assessor
-- of the decision being verified).
create table task_inbox_party (
    task_id                 varchar(50)  not null references task_inbox(task_id) on delete cascade,
    kind                    varchar(10)  not null,
    name                    varchar(255) not null,
    primary key (task_id, kind, name)
);
create index task_inbox_party_by_name on task_inbox_party(kind, name, task_id);
