-- Fragments the table SQL shares, one per "-- name:" section. Every value is cast to a plain type (BIGINT,
-- DECIMAL(18,6), VARCHAR) so no HUGEINT or wide DECIMAL reaches the client. Ratios (ASR, ALOC, billed
-- minutes) are worked out from these sums in C#, once (CallMetrics).
-- name: source_or_all
CASE WHEN grouping(source) = 1 THEN 'ALL' ELSE source END AS "Source"
-- name: call_measures
count(*)::BIGINT AS "Count",
(count(*) FILTER (WHERE status = 'ANSWERED'))::BIGINT AS "Answered",
coalesce(sum(answered_s), 0)::BIGINT AS "Duration",
coalesce(sum(billed_s), 0)::BIGINT AS "BilledSeconds",
(count(*) FILTER (WHERE debit IS NULL))::BIGINT AS "Unpriced",
sum(debit)::DECIMAL(18, 6) AS "Debit",
sum(credit)::DECIMAL(18, 6) AS "Credit"
-- name: unique_callers
(count(DISTINCT caller) FILTER (WHERE direction = 'IN'))::BIGINT AS "UniqueCallers"
-- name: sms_measures
count(*)::BIGINT AS "Count",
coalesce(sum(parts), 0)::BIGINT AS "Parts",
(count(*) FILTER (WHERE debit IS NULL))::BIGINT AS "Unpriced",
sum(debit)::DECIMAL(18, 6) AS "Debit",
sum(credit)::DECIMAL(18, 6) AS "Credit"
-- name: all_first
"Source" = 'ALL' DESC, "Source"
