-- What the warehouse holds for each quarter-hour of the period (UTC epoch ms // 900000) among the rows {{rows}}
-- selects (all, or those written since a write_seq; see DayFingerprints): their calls, how many of them lack a
-- write_seq (a row written around the column's default; its day is never cached) and the highest write_seq. Local
-- days start on a quarter-hour in every zone the cache serves, so the quarters add up into days. A day's (count,
-- highest write_seq) changes whenever its rows do (see calls.write_seq in schema.sql): a row inserted since carries a
-- value above every earlier one, so the highest rises, and rows only deleted lower the count. Two columns read.
SELECT epoch_ms(started_at) // 900000 AS quarter, count(*) AS calls, count(*) - count(write_seq) AS unsequenced,
       coalesce(max(write_seq), 0) AS last_seq
FROM calls
WHERE started_at >= {{start}} AND started_at < {{end}} AND {{rows}}
GROUP BY quarter
