-- Analytics.SMS.History: per bucket × source (and ALL) × direction × currency; empty buckets are filled by the report.
WITH c AS (SELECT *, {{bucket:sent_at}} AS bucket FROM sms WHERE sent_at >= {{start}} AND sent_at < {{end}})
SELECT bucket AS "Bucket", {{source_or_all}}, direction AS "Direction", currency AS "Currency", {{sms_measures}}
FROM c GROUP BY GROUPING SETS ((bucket, source, direction, currency), (bucket, direction, currency))
