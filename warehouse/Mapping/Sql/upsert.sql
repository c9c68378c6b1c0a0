-- Upsert of an_batch into {{target}} on its natural key (source, {{key}}): a record re-sent with new values replaces the
-- old one. {{target}} has no PRIMARY KEY (see schema.sql): the batch is deduplicated before it gets here, and this keeps
-- the table unique. Not MERGE: DuckDB runs it on one thread and holds the whole target in memory. Keys already in
-- the table are found from the batch's candidate keys (an_keys, cheap to compute from the raw rows); only the rows
-- replacing them are deleted and inserted again, so a re-sent record that was rejected leaves the old row as it was.
-- NULL keys in an_keys match nothing, so they are not filtered out (a filter would work every key out twice).
-- When no key is known yet (the usual case), the statements reading an_existing or an_replaced are skipped by DuckDB.
-- {{write_seq}} gives calls' rows of one statement one fresh value of their sequence (see schema.sql): the column's default
-- would draw one per row, which cost 0.15 s per million rows.
CREATE OR REPLACE TEMP TABLE an_existing AS
SELECT DISTINCT t.{{key}} AS k FROM {{target}} t
WHERE t.source = '{{source}}' AND t.{{key}} IN (SELECT k FROM an_keys);
CREATE OR REPLACE TEMP TABLE an_replaced AS SELECT * FROM an_batch WHERE {{key}} IN (SELECT k FROM an_existing);
DELETE FROM {{target}} WHERE source = '{{source}}' AND {{key}} IN (SELECT {{key}} FROM an_replaced);
INSERT INTO {{target}} BY NAME SELECT *{{write_seq}} FROM an_batch WHERE {{key}} NOT IN (SELECT k FROM an_existing);
INSERT INTO {{target}} BY NAME SELECT *{{write_seq}} FROM an_replaced;
