-- report_period_buckets (see calls_period_buckets.sql) added up from the period's days (see calls_period_days.sql):
-- a week or month bucket is made of whole local days.
CREATE OR REPLACE TEMP TABLE report_period_buckets AS
SELECT {{bucket_of_day}} AS bucket, source, direction, currency, did, {{day_rollup}}
FROM report_days
WHERE kind = 'buckets'
GROUP BY ALL
