-- The period's calls added up once per combination of every dimension the breakdown tables group by (app,
-- country, destination, DID), into a connection-local temporary table that the summary and those tables roll up. One pass over
-- the raw rows replaces one per breakdown; the numbers are the same (see call_rollup in measures.sql). The
-- table holds one row per combination present, at most the period's row count and in practice far fewer.
-- The period filter comes first so zone maps skip the rest of the history.
CREATE OR REPLACE TEMP TABLE report_period_calls AS
SELECT source, direction, currency, app_id, app_name, country_code, destination, did, {{call_partials}}
FROM calls
WHERE started_at >= {{start}} AND started_at < {{end}}
GROUP BY source, direction, currency, app_id, app_name, country_code, destination, did
