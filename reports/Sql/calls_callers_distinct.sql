-- report_period_callers (see calls_callers.sql) with plain count(DISTINCT caller) per grouping set: the same
-- exact numbers, for periods whose (source, bucket) bit set would be too wide (long periods, hourly buckets).
CREATE OR REPLACE TEMP TABLE report_period_callers AS
SELECT bucket, CASE WHEN grouping(source) = 1 THEN 'ALL' ELSE source END AS source, currency, count(DISTINCT caller)::BIGINT AS callers
FROM (
    SELECT source, currency, caller, {{bucket:started_at}} AS bucket
    FROM calls WHERE started_at >= {{start}} AND started_at < {{end}} AND direction = 'IN'
)
GROUP BY GROUPING SETS ((bucket, source, currency), (bucket, currency), (source, currency), (currency))
