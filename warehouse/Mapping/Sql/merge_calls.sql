-- Upsert on the natural key: a record re-sent with new values replaces the old one. calls has no PRIMARY KEY
-- (see schema.sql): the batch is deduplicated before it gets here, and this MERGE keeps the table unique.
USING (source, call_id) WHEN MATCHED THEN UPDATE BY NAME WHEN NOT MATCHED THEN INSERT BY NAME;
