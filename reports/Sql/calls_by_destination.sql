-- Analytics.Calls.Destination: per source (and ALL) × currency × billing label.
WITH c AS (SELECT * FROM calls WHERE started_at >= {{start}} AND started_at < {{end}})
-- The ORDER BY sits outside: inside, "Source" would name the column source, not the ALL-or-source alias.
SELECT * FROM (
    SELECT {{source_or_all}}, currency AS "Currency", destination AS "Destination", {{call_measures}}
    FROM c GROUP BY GROUPING SETS ((source, currency, destination), (currency, destination))
)
ORDER BY {{all_first}}, "Currency" NULLS LAST, "Debit" DESC NULLS LAST, "Count" DESC, "Destination" NULLS LAST
