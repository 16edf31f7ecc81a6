-- Since ULNs became unique per centre (migration 7.5) the only index holding uln leads with centre_id, so a lookup
-- by ULN alone, or one H2 plans as a join from learner to centre, read every learner: with the 100,000-claim fixture
-- that lookup was a third of the CPU under the load mix (docs/load-test.md).
create index learner_by_uln on learner(uln);
