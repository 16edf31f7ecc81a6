-- Who last claimed or completed each task, and when. The task store keeps the owner but no time, and a colleague
-- whose form went out of date must be told who holds the task and since when.
-- subject: what the task works on ("visitId=12", "claimUnitId=40"), to find who finished a form's task meanwhile.
create table task_holder (
    task_id                 varchar(50)  primary key,
    task_name               varchar(100) not null,
    subject                 varchar(100) not null,
    username                varchar(50)  not null,
    action                  varchar(20)  not null,
    acted_at                timestamp    not null
);
create index task_holder_by_subject on task_holder(task_name, subject);
