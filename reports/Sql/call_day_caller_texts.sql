-- The inbound callers that are not "+" and digits (see caller_key in measures.sql), once per day and (source,
-- currency) group: few, so they are read as rows.
SELECT DISTINCT {{bucket:started_at}} AS day, {{group}} AS g, caller
FROM calls
WHERE started_at >= {{start}} AND started_at < {{end}} AND direction = 'IN' AND caller IS NOT NULL AND ({{caller_key}}) IS NULL
