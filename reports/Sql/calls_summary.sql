-- Analytics.Calls.Summary: per source (and ALL) × direction × currency.
WITH c AS (SELECT * FROM calls WHERE started_at >= {{start}} AND started_at < {{end}})
-- The ORDER BY sits outside: inside, "Source" would name the column source, not the ALL-or-source alias.
SELECT * FROM (
    SELECT {{source_or_all}}, direction AS "Direction", currency AS "Currency", {{call_measures}}, {{unique_callers}}
    FROM c GROUP BY GROUPING SETS ((source, direction, currency), (direction, currency))
)
ORDER BY {{all_first}}, "Direction", "Currency" NULLS LAST
