-- Analytics.SMS.Summary: per source (and ALL) × direction × currency.
WITH c AS (SELECT * FROM sms WHERE sent_at >= {{start}} AND sent_at < {{end}})
-- The ORDER BY sits outside: inside, "Source" would name the column source, not the ALL-or-source alias.
SELECT * FROM (
    SELECT {{source_or_all}}, direction AS "Direction", currency AS "Currency", {{sms_measures}}
    FROM c GROUP BY GROUPING SETS ((source, direction, currency), (direction, currency))
)
ORDER BY {{all_first}}, "Direction", "Currency" NULLS LAST
