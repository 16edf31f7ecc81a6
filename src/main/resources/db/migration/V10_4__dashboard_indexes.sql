-- The dashboards' counts and the claims list's filters, for databases without an index on every foreign key
-- (PostgreSQL): one assessor's claims, and the certificates a centre issued in a month.
create index claim_by_assessor on claim(assessor_id, centre_id);
create index claim_by_certificate_issued on claim(centre_id, certificate_issued_at);
