-- The audit trail (claim_event) is append-only: no update ever, no delete until 3 years after the learner completed
-- (the specification's retention rule). Numbered 6.1 (issue 6) to stay clear of the portable migrations' sequence.
-- H2 has the same guard as a Java trigger: db/vendor/h2.
create function claim_event_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and exists (select 1 from claim c where c.id = old.claim_id
            and c.certificate_issued_at < localtimestamp - interval '3 years') then
        return old;
    end if;
    raise exception 'claim_event is append-only: % of event % refused (kept until 3 years after the learner completes)',
        tg_op, old.id using errcode = '42501';
end
$$;

create trigger claim_event_append_only before update or delete on claim_event
    for each row execute function claim_event_append_only();
