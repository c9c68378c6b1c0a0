-- Analytics.Calls.Summary: per source (and ALL) × direction × currency.
-- The sums roll up the period's pre-aggregated calls (calls_period.sql), and unique callers, which cannot be
-- rolled up (a caller counts once across apps, days and sources), come from report_period_callers
-- (calls_callers.sql); see AggregateQueries.
WITH m AS (
    SELECT {{source_or_all}}, direction AS "Direction", currency AS "Currency", {{call_rollup}}
    FROM report_period_calls GROUP BY GROUPING SETS ((source, direction, currency), (direction, currency))
)
-- The ORDER BY sits outside: inside, "Source" would name the column source, not the ALL-or-source alias.
SELECT * FROM (
    SELECT m.*, coalesce(u.callers, 0)::BIGINT AS "UniqueCallers"
    FROM m LEFT JOIN report_period_callers u
        ON u.bucket IS NULL AND m."Direction" = 'IN' AND m."Source" = u.source AND m."Currency" IS NOT DISTINCT FROM u.currency
)
ORDER BY {{all_first}}, "Direction", "Currency" NULLS LAST
