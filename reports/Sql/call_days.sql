-- The days of {{start}} to {{end}} (local days: bucket = day number, see Bucketing) added up twice into the
-- connection-local report_day_rows: by every dimension the summary and the app, country and destination breakdowns
-- group by (kind 'calls'), and by called number (kind 'buckets', for the history and the DID breakdown); see
-- calls_period.sql for why these are two passes. Each day's rows are also what the day cache keeps (CallDays).
INSERT INTO report_day_rows
SELECT 'calls' AS kind, {{bucket:started_at}} AS day, source, direction, currency, app_id, app_name, country_code, destination,
       NULL AS did, {{day_partials}}
FROM calls
WHERE started_at >= {{start}} AND started_at < {{end}}
GROUP BY day, source, direction, currency, app_id, app_name, country_code, destination;
INSERT INTO report_day_rows
SELECT 'buckets' AS kind, {{bucket:started_at}} AS day, source, direction, currency, NULL, NULL, NULL, NULL, did, {{day_partials}}
FROM calls
WHERE started_at >= {{start}} AND started_at < {{end}}
GROUP BY day, source, direction, currency, did
