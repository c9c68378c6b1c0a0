-- Upsert of an_batch into calls on the natural key: a record re-sent with new values replaces the old one. calls has
-- no PRIMARY KEY (see schema.sql): the batch is deduplicated before it gets here, and this keeps the table unique.
-- Not MERGE: DuckDB runs it on one thread and holds the whole target in memory. Keys already in calls are found
-- from the batch's candidate keys (an_keys, cheap to compute from the raw rows); only the rows replacing them are
-- deleted and inserted again, so a re-sent record that was rejected leaves the old row as it was. When no key is
-- known yet (the usual case), the statements reading an_existing or an_replaced are skipped by DuckDB.
CREATE OR REPLACE TEMP TABLE an_existing AS
SELECT DISTINCT c.call_id AS k FROM calls c
WHERE c.source = '{{source}}' AND c.call_id IN (SELECT k FROM an_keys WHERE k IS NOT NULL);
CREATE OR REPLACE TEMP TABLE an_replaced AS SELECT * FROM an_batch WHERE call_id IN (SELECT k FROM an_existing);
DELETE FROM calls WHERE source = '{{source}}' AND call_id IN (SELECT call_id FROM an_replaced);
INSERT INTO calls BY NAME SELECT * FROM an_batch WHERE call_id NOT IN (SELECT k FROM an_existing);
INSERT INTO calls BY NAME SELECT * FROM an_replaced;
