-- A change approved to take effect from a later day: SCHEDULED until then, numbered as a version when it takes effect.
-- (Its own migration: V9_3 is already on main, and a database that ran it must not see it change.)
alter table rule_set add column effective_from timestamp(6) with time zone;
