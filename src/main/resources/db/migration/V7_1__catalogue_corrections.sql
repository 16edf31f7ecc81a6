-- Portable SQL (H2 and PostgreSQL). Brings a database filled from the earlier catalogue in line with
-- sample-data/catalogue/units.yaml; a new database gets the same from the catalogue load.

-- L4L2 LO4: its assessor guidance lets learners support peers "in a simulated scenario developed by their
-- training provider".
update learning_outcome set simulation_allowed = true where unit_ref = 'L4L2' and number = 4;

-- Every criterion gets a key unique within its unit, used wherever evidence is recorded. It is the spec's number,
-- except for the two criteria the spec numbers "1.4" in L4C7 LO1.
alter table assessment_criterion add column criterion_key varchar(10);
update assessment_criterion set criterion_key = number;
update assessment_criterion set criterion_key = '1.4a'
 where number = '1.4' and text = 'Explain how and when to move an opportunity through a sales pipeline'
   and outcome_id in (select id from learning_outcome where unit_ref = 'L4C7');
update assessment_criterion set criterion_key = '1.4b'
 where number = '1.4' and text = 'Analyse the reasons why a pipeline may be unbalanced'
   and outcome_id in (select id from learning_outcome where unit_ref = 'L4C7');
alter table assessment_criterion alter column criterion_key set not null;
alter table assessment_criterion add constraint assessment_criterion_key_unique unique (outcome_id, criterion_key);

-- Evidence was keyed by number. For L4C7 "1.4" it was always the first criterion's: the form gave both criteria one
-- field and kept the first value. The second (1.4b) has no evidence yet.
alter table evidence add column criterion_key varchar(10);
update evidence set criterion_key = criterion_number;
update evidence set criterion_key = '1.4a'
 where criterion_number = '1.4' and claim_unit_id in (select id from claim_unit where unit_ref = 'L4C7');
alter table evidence alter column criterion_key set not null;

-- Catalogue issues are found when the catalogue is first loaded; a catalogue loaded before this change gets the
-- same as a new one would (nothing happens on an empty database, whose load finds them itself).
update catalogue_issue set kept_value = 'all 2 kept as 1.4a, 1.4b',
       description = 'L4C7 LO1 numbers 2 different criteria 1.4; all are kept, since each must be met, and evidenced '
                  || 'separately under the keys 1.4a, 1.4b (each shown as 1.4)'
 where kind = 'DUPLICATE_CRITERION_NUMBER' and subject = 'L4C7';
insert into catalogue_issue (kind, subject, field, kept_value, description)
select 'ROLE_MISNAMED', 'IQA', 'requirement', 'applies to the IQA',
       'Internal Quality Assurance requirements (IQA) says "Where sales leadership competence is required, we would '
    || 'expect the assessor to be able to demonstrate occupational expertise and experience in a sales leadership '
    || 'role.", naming the assessor, word for word the bullet of Assessor requirements; a copy slip: it is applied '
    || 'to the IQA'
  from specification;
insert into catalogue_issue_value (issue_id, position, source, stated_value)
select id, 0, 'Internal Quality Assurance requirements', 'Where sales leadership competence is required, we would '
    || 'expect the assessor to be able to demonstrate occupational expertise and experience in a sales leadership role.'
  from catalogue_issue where kind = 'ROLE_MISNAMED';
insert into catalogue_issue_value (issue_id, position, source, stated_value)
select id, 1, 'Assessor requirements', 'Where sales leadership competence is required, we would '
    || 'expect the assessor to be able to demonstrate occupational expertise and experience in a sales leadership role.'
  from catalogue_issue where kind = 'ROLE_MISNAMED';
