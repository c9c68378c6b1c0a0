-- The period's calls added up once per bucket (integer key, see Bucketing) × source × direction × currency ×
-- called number (DID), into a connection-local temporary table that the history (over DIDs) and the DID
-- breakdown (over buckets) roll up; see calls_period.sql. At most buckets × DIDs × sources rows.
CREATE OR REPLACE TEMP TABLE report_period_buckets AS
SELECT {{bucket:started_at}} AS bucket, source, direction, currency, did, {{call_partials}}
FROM calls
WHERE started_at >= {{start}} AND started_at < {{end}}
GROUP BY ALL
