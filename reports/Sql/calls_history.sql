-- Analytics.Calls.History: per bucket (integer key, see Bucketing) × source (and ALL) × direction × currency.
-- Only buckets with calls come back; the report fills the empty ones with zeros. The sums roll up the period's
-- per-bucket calls (calls_period_buckets.sql) and unique callers come from report_period_callers
-- (calls_callers.sql), computed once for the summary and this table; see AggregateQueries.
WITH h AS (
    SELECT bucket AS "Bucket", {{source_or_all}}, direction AS "Direction", currency AS "Currency", {{call_rollup}}
    FROM report_period_buckets GROUP BY GROUPING SETS ((bucket, source, direction, currency), (bucket, direction, currency))
)
SELECT h.*, coalesce(u.callers, 0)::BIGINT AS "UniqueCallers"
FROM h LEFT JOIN report_period_callers u
    ON h."Direction" = 'IN' AND u.bucket = h."Bucket" AND u.source = h."Source" AND u.currency IS NOT DISTINCT FROM h."Currency"
