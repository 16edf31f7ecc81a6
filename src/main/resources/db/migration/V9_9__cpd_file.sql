-- A CPD entry's certificate file (issue 12 item 2): kept in the evidence file tables, so that it shares their chunked
-- storage, SHA-256 and safe serving. A file belongs either to a unit of a claim or to one CPD entry.

alter table evidence_file alter column claim_unit_id drop not null;
alter table evidence_file add column cpd_id bigint;
alter table evidence_file add constraint evidence_file_cpd foreign key (cpd_id) references staff_cpd(id);
alter table evidence_file add constraint evidence_file_one_owner
    check ((claim_unit_id is null and cpd_id is not null) or (claim_unit_id is not null and cpd_id is null));
-- At most one file per CPD entry (several nulls are allowed by both H2 and PostgreSQL).
create unique index evidence_file_one_per_cpd on evidence_file(cpd_id);
