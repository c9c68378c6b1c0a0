-- Analytics.Calls.Summary: per source (and ALL) × direction × currency.
-- The sums roll up the period's pre-aggregated calls (calls_period.sql; see AggregateQueries). Unique callers
-- cannot be rolled up (a caller counts once across apps, days and sources), so they come from the raw rows, with
-- only inbound calls read: a plain count(DISTINCT) over those is cheaper than a FILTERed one over every call.
WITH m AS (
    SELECT {{source_or_all}}, direction AS "Direction", currency AS "Currency", {{call_rollup}}
    FROM report_period_calls GROUP BY GROUPING SETS ((source, direction, currency), (direction, currency))
),
u AS (
    SELECT {{source_or_all}}, currency AS "Currency", count(DISTINCT caller)::BIGINT AS "UniqueCallers"
    FROM calls WHERE started_at >= {{start}} AND started_at < {{end}} AND direction = 'IN'
    GROUP BY GROUPING SETS ((source, currency), (currency))
)
-- The ORDER BY sits outside: inside, "Source" would name the column source, not the ALL-or-source alias.
SELECT * FROM (
    SELECT m.*, coalesce(u."UniqueCallers", 0)::BIGINT AS "UniqueCallers"
    FROM m LEFT JOIN u ON m."Direction" = 'IN' AND m."Source" = u."Source" AND m."Currency" IS NOT DISTINCT FROM u."Currency"
)
ORDER BY {{all_first}}, "Direction", "Currency" NULLS LAST
