-- Learner records (issue 12): one table of declared interests, and certificates replaced after a correction.

-- Interests recorded against a learner's record (declared_interest, staff and learner by id) join the interests
-- declared by person and learner (personal_interest), so that the conflict-of-interest rules read one table. The
-- learner is named by ULN and by name and date of birth as the record had them.
insert into personal_interest (username, centre_id, uln, first_name, last_name, date_of_birth, reason, declared_by,
                               declared_at)
select s.username, null, l.uln, l.first_name, l.last_name, l.date_of_birth, d.reason, 'learner record',
       current_timestamp
from declared_interest d
join staff_member s on s.id = d.staff_id
join learner l on l.id = d.learner_id
where s.username is not null;
drop table declared_interest;

-- A certificate replaced after its learner's name or date of birth was corrected (Ofqual condition I4): the old
-- number stays on record as replaced, and the claim's new certificate says which number it replaces.
alter table claim add column replaces_certificate varchar(40);
create table replaced_certificate (
    certificate_number  varchar(40)   primary key,
    claim_id            bigint        not null references claim(id),
    issued_at           timestamp     not null,
    replaced_by         varchar(40)   not null,
    replaced_at         timestamp     not null,
    reason              varchar(500)  not null
);
create index replaced_certificate_claim on replaced_certificate(claim_id);
