-- The sources with inbound calls in the period, numbered from 0 in name order: calls_callers.sql gives each
-- (source, bucket) pair one bit at position × bucket count + bucket index. Read from the period's pre-aggregated
-- calls ({{period_table}}: report_period_calls or report_period_buckets, whichever the report built), not the
-- raw rows. A connection-local temporary table.
CREATE OR REPLACE TEMP TABLE report_caller_sources AS
SELECT source, (row_number() OVER (ORDER BY source) - 1)::BIGINT AS position
FROM (SELECT DISTINCT source FROM {{period_table}} WHERE direction = 'IN')
