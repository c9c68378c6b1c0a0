-- Analytics.Calls.App: per source (and ALL) × currency × voice app.
WITH c AS (SELECT * FROM calls WHERE started_at >= {{start}} AND started_at < {{end}})
-- The ORDER BY sits outside: inside, "Source" would name the column source, not the ALL-or-source alias.
SELECT * FROM (
    SELECT {{source_or_all}}, currency AS "Currency", app_id AS "AppId", app_name AS "AppName", {{call_measures}}
    FROM c GROUP BY GROUPING SETS ((source, currency, app_id, app_name), (currency, app_id, app_name))
)
ORDER BY {{all_first}}, "Currency" NULLS LAST, "Debit" DESC NULLS LAST, "Count" DESC, "AppId" NULLS LAST
