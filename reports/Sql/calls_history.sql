-- Analytics.Calls.History: per bucket (integer key, see Bucketing) × source (and ALL) × direction × currency.
-- Only buckets with calls come back; the report fills the empty ones with zeros.
WITH c AS (SELECT *, {{bucket:started_at}} AS bucket FROM calls WHERE started_at >= {{start}} AND started_at < {{end}})
SELECT bucket AS "Bucket", {{source_or_all}}, direction AS "Direction", currency AS "Currency", {{call_measures}}, {{unique_callers}}
FROM c GROUP BY GROUPING SETS ((bucket, source, direction, currency), (bucket, direction, currency))
