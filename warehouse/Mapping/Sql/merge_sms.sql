-- Upsert on the natural key (see merge_calls.sql).
USING (source, message_id) WHEN MATCHED THEN UPDATE BY NAME WHEN NOT MATCHED THEN INSERT BY NAME;
