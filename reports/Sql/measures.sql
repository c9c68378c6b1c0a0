-- Fragments the table SQL shares, one per "-- name:" section. Every value is cast to a plain type (BIGINT,
-- DECIMAL(18,6), VARCHAR) so no HUGEINT or wide DECIMAL reaches the client. Ratios (ASR, ALOC, billed
-- minutes) are worked out from these sums in C#, once (CallMetrics). call_rollup adds up call_partials (see
-- calls_period.sql and calls_period_buckets.sql) into exactly what the same counts and sums give on the raw rows:
-- they are additive, and the partial sums keep DuckDB's full-width SUM type, so nothing is rounded before the final cast. call_rollup and
-- sms_measures also split spend by where it comes from (calls.cost_basis): "BilledDebit" billed by the providers, "EstimatedDebit" priced by us from the
-- rate deck; both NULL where nothing is priced, so they add up to "Debit". day_partials are call_partials of one
-- day in types Parquet keeps exactly (a day's sums fit BIGINT and DECIMAL(38, 6)), for the day cache (call_days.sql);
-- day_rollup adds days up into call_partials again. caller_key is a caller written "+" and digits as that number (a
-- BIGINT whose text gives the caller back, so two callers never share one), NULL for any other caller.
-- name: source_or_all
CASE WHEN grouping(source) = 1 THEN 'ALL' ELSE source END AS "Source"
-- name: call_partials
count(*) AS n_calls,
count(*) FILTER (WHERE status = 'ANSWERED') AS n_answered,
sum(answered_s) AS s_answered,
sum(billed_s) AS s_billed,
count(*) FILTER (WHERE debit IS NULL) AS n_unpriced,
sum(debit) AS s_debit,
sum(credit) AS s_credit,
sum(debit) FILTER (WHERE cost_basis = 'provider') AS s_billed_debit,
sum(debit) FILTER (WHERE cost_basis = 'rated') AS s_estimated_debit
-- name: call_rollup
sum(n_calls)::BIGINT AS "Count",
sum(n_answered)::BIGINT AS "Answered",
coalesce(sum(s_answered), 0)::BIGINT AS "Duration",
coalesce(sum(s_billed), 0)::BIGINT AS "BilledSeconds",
sum(n_unpriced)::BIGINT AS "Unpriced",
sum(s_debit)::DECIMAL(18, 6) AS "Debit",
sum(s_credit)::DECIMAL(18, 6) AS "Credit",
(CASE WHEN sum(s_debit) IS NOT NULL THEN coalesce(sum(s_billed_debit), 0) END)::DECIMAL(18, 6) AS "BilledDebit",
(CASE WHEN sum(s_debit) IS NOT NULL THEN coalesce(sum(s_estimated_debit), 0) END)::DECIMAL(18, 6) AS "EstimatedDebit"
-- name: sms_measures
count(*)::BIGINT AS "Count",
coalesce(sum(parts), 0)::BIGINT AS "Parts",
(count(*) FILTER (WHERE debit IS NULL))::BIGINT AS "Unpriced",
sum(debit)::DECIMAL(18, 6) AS "Debit",
sum(credit)::DECIMAL(18, 6) AS "Credit",
(CASE WHEN sum(debit) IS NOT NULL THEN coalesce(sum(debit) FILTER (WHERE cost_basis = 'provider'), 0) END)::DECIMAL(18, 6) AS "BilledDebit",
(CASE WHEN sum(debit) IS NOT NULL THEN coalesce(sum(debit) FILTER (WHERE cost_basis = 'rated'), 0) END)::DECIMAL(18, 6) AS "EstimatedDebit"
-- name: all_first
"Source" = 'ALL' DESC, "Source"
-- name: day_partials
count(*)::BIGINT AS n_calls,
(count(*) FILTER (WHERE status = 'ANSWERED'))::BIGINT AS n_answered,
sum(answered_s)::BIGINT AS s_answered,
sum(billed_s)::BIGINT AS s_billed,
(count(*) FILTER (WHERE debit IS NULL))::BIGINT AS n_unpriced,
sum(debit)::DECIMAL(38, 6) AS s_debit,
sum(credit)::DECIMAL(38, 6) AS s_credit,
(sum(debit) FILTER (WHERE cost_basis = 'provider'))::DECIMAL(38, 6) AS s_billed_debit,
(sum(debit) FILTER (WHERE cost_basis = 'rated'))::DECIMAL(38, 6) AS s_estimated_debit
-- name: day_rollup
sum(n_calls) AS n_calls,
sum(n_answered) AS n_answered,
sum(s_answered) AS s_answered,
sum(s_billed) AS s_billed,
sum(n_unpriced) AS n_unpriced,
sum(s_debit) AS s_debit,
sum(s_credit) AS s_credit,
sum(s_billed_debit) AS s_billed_debit,
sum(s_estimated_debit) AS s_estimated_debit
-- name: caller_key
CASE WHEN caller[1] = '+' AND '+' || TRY_CAST(caller[2:] AS BIGINT)::VARCHAR = caller THEN TRY_CAST(caller[2:] AS BIGINT) END
