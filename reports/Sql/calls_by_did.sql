-- Analytics.Calls.DID: inbound calls per source (and ALL) × currency × called number.
-- Reads the period's per-bucket calls (calls_period_buckets.sql), not the raw table: see AggregateQueries.RunAsync.
WITH c AS (SELECT * FROM report_period_buckets WHERE direction = 'IN')
-- The ORDER BY sits outside: inside, "Source" would name the column source, not the ALL-or-source alias.
SELECT * FROM (
    SELECT {{source_or_all}}, currency AS "Currency", did AS "Did", {{call_rollup}}
    FROM c GROUP BY GROUPING SETS ((source, currency, did), (currency, did))
)
ORDER BY {{all_first}}, "Currency" NULLS LAST, "Debit" DESC NULLS LAST, "Count" DESC, "Did" NULLS LAST
