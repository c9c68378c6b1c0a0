-- Analytics.Calls.App: per source (and ALL) × currency × voice app.
-- Reads the period's pre-aggregated calls (calls_period.sql), not the raw table: see AggregateQueries.RunAsync.
WITH c AS (SELECT * FROM report_period_calls)
-- The ORDER BY sits outside: inside, "Source" would name the column source, not the ALL-or-source alias.
SELECT * FROM (
    SELECT {{source_or_all}}, currency AS "Currency", app_id AS "AppId", app_name AS "AppName", {{call_rollup}}
    FROM c GROUP BY GROUPING SETS ((source, currency, app_id, app_name), (currency, app_id, app_name))
)
ORDER BY {{all_first}}, "Currency" NULLS LAST, "Debit" DESC NULLS LAST, "Count" DESC, "AppId" NULLS LAST
