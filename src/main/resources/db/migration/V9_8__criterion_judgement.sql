-- The assessor's judgement per assessment criterion (issue 12 item 6): met or not yet met, with feedback to the
-- learner saying what is still needed. Null until judged; a sign-off records MET where none was given.
alter table evidence add column judgement varchar(20);
alter table evidence add column feedback varchar(2000);

-- Units signed off before judgements existed were signed off with every criterion met.
update evidence set judgement = 'MET'
 where claim_unit_id in (select id from claim_unit where signed_off_at is not null);
