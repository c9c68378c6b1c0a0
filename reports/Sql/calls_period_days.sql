-- report_period_calls (see calls_period.sql) added up from the period's days (report_days: days computed now and
-- days read from the day cache, see CallDays) instead of the raw rows. The same numbers: the partials are additive.
CREATE OR REPLACE TEMP TABLE report_period_calls AS
SELECT source, direction, currency, app_id, app_name, country_code, destination, {{day_rollup}}
FROM report_days
WHERE kind = 'calls'
GROUP BY source, direction, currency, app_id, app_name, country_code, destination
