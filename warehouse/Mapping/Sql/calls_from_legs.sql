-- call_legs → calls: one call per call_id of the calls listed in an_leg_calls (column k), made from every leg of it
-- loaded so far, whichever files and days brought them. The first leg (earliest start; an inbound leg before an
-- outbound one at the same instant) gives the direction, the numbers, the DID and the country; the call runs from
-- the earliest start to the latest end; its talk time is the longest leg's (bridged legs overlap); billed seconds
-- and debit are summed over the legs (each leg is billed). ANSWERED when any leg was answered, else the first
-- leg's status. load_id is the newest of its legs' loads. Placeholders: {{source}}.
SELECT l.source,
       l.call_id,
       first(l.direction ORDER BY l.started_at, l.direction, l.leg_id) AS direction,
       min(l.started_at) AS started_at,
       min(l.answered_at) AS answered_at,
       max(l.ended_at) AS ended_at,
       coalesce(CAST((epoch_us(max(l.ended_at)) - epoch_us(min(l.started_at))) / 1e6 AS INTEGER), max(l.duration_s), 0) AS duration_s,
       max(l.answered_s) AS answered_s,
       CAST(sum(l.billed_s) AS INTEGER) AS billed_s,
       first(l.caller ORDER BY l.started_at, l.direction, l.leg_id) AS caller,
       first(l.callee ORDER BY l.started_at, l.direction, l.leg_id) AS callee,
       first(CASE WHEN l.direction = 'IN' THEN l.callee END ORDER BY l.started_at, l.direction, l.leg_id) AS did,
       first(l.country_code ORDER BY l.started_at, l.direction, l.leg_id) AS country_code,
       CAST(NULL AS VARCHAR) AS destination,
       CAST(NULL AS VARCHAR) AS app_id,
       CAST(NULL AS VARCHAR) AS app_name,
       CASE WHEN bool_or(l.status = 'ANSWERED') THEN 'ANSWERED'
            ELSE first(l.status ORDER BY l.started_at, l.direction, l.leg_id) END AS status,
       CAST(NULL AS VARCHAR) AS hangup_cause,
       CAST(sum(l.debit) AS DECIMAL(18, 6)) AS debit,
       CAST(NULL AS DECIMAL(18, 6)) AS credit,
       min(l.currency) AS currency,
       min(l.cost_basis) AS cost_basis,
       max(l.load_id) AS load_id
FROM call_legs l
WHERE l.source = '{{source}}' AND l.call_id IN (SELECT k FROM an_leg_calls)
GROUP BY l.source, l.call_id
