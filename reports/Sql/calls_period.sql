-- The period's calls added up once per combination of the dimensions the summary and the app, country and
-- destination breakdowns group by, into a connection-local temporary table that those tables roll up. One pass
-- over the raw rows replaces one per table; the numbers are the same (see call_rollup in measures.sql). The
-- called number (DID) is left to calls_period_buckets.sql: with it the combinations multiply (every DID by every
-- app, country and destination), and a hash table that outgrows the CPU caches cost twice the time of both
-- passes together. The period filter comes first so zone maps skip the rest of the history.
CREATE OR REPLACE TEMP TABLE report_period_calls AS
SELECT source, direction, currency, app_id, app_name, country_code, destination, {{call_partials}}
FROM calls
WHERE started_at >= {{start}} AND started_at < {{end}}
GROUP BY source, direction, currency, app_id, app_name, country_code, destination
