-- The audit trail (claim_event) is append-only: no update ever, no delete until 3 years after the learner completed.
-- Numbered 6.1 (issue 6) to stay clear of the portable migrations' sequence. PostgreSQL: db/vendor/postgresql.
create trigger claim_event_append_only before update, delete on claim_event for each row
    call 'org.qaflow.audit.AppendOnlyTrigger';
