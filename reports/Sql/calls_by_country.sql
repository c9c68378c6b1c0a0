-- Analytics.Calls.Country: per source (and ALL) × currency × country of the remote party.
-- Reads the period's pre-aggregated calls (calls_period.sql), not the raw table: see AggregateQueries.RunAsync.
WITH c AS (SELECT * FROM report_period_calls)
-- The ORDER BY sits outside: inside, "Source" would name the column source, not the ALL-or-source alias.
SELECT * FROM (
    SELECT {{source_or_all}}, currency AS "Currency", country_code AS "CountryCode", {{call_rollup}}
    FROM c GROUP BY GROUPING SETS ((source, currency, country_code), (currency, country_code))
)
ORDER BY {{all_first}}, "Currency" NULLS LAST, "Debit" DESC NULLS LAST, "Count" DESC, "CountryCode" NULLS LAST
