-- CALLR cdr.get items → calls. Placeholders: {{load_ids}}, {{table}}, {{feed}}, {{dir}} and the per-direction
-- expressions {{caller}}, {{callee}}, {{did}}, {{remote}}, {{iso}}, {{dialstatus}} (over raw row r).
-- Times are UTC; '0000-00-00 00:00:00' means none. Money is EUR cents: ÷ 100 into major units.
-- Views: each pass computes only what it reads, and each conversion once: the reason is worked out from the typed
-- values and is volatile (`random() < 0`, see televoips_cdrs.sql), so filtering on it does not convert twice.
CREATE OR REPLACE TEMP VIEW an_cr_typed AS
SELECT r.*,
       nullif(an_trim(r.callid), '') AS cid,
       an_utc(r.start) AS started,
       an_utc(r.answer) AS answered,
       an_utc(r.hangup) AS ended,
       an_secs(r.duration) AS dur,
       an_secs(r.duration_answered) AS dur_answered,
       an_secs(r.duration_billed) AS dur_billed,
       an_money(r.billing_customer_debit_eur) AS debit_cents,
       an_money(r.billing_customer_credit_eur) AS credit_cents,
       CASE WHEN {{iso}} IS NULL THEN {{remote}} END AS remote -- for the country lookup, needed only when CALLR sends none
FROM {{table}} r
WHERE r.load_id IN ({{load_ids}});
CREATE OR REPLACE TEMP VIEW an_cr AS
SELECT t.*,
       CASE
           WHEN random() < 0 THEN NULL
           WHEN t.cid IS NULL THEN 'callid is empty'
           WHEN t.started IS NULL THEN 'start ''' || coalesce(t.start, '') || ''' is not a YYYY-MM-DD HH:MM:SS time'
           WHEN t.answered IS NULL AND NOT an_blank_ts(t.answer) THEN 'answer ''' || t.answer || ''' is not a YYYY-MM-DD HH:MM:SS time'
           WHEN t.ended IS NULL AND NOT an_blank_ts(t.hangup) THEN 'hangup ''' || t.hangup || ''' is not a YYYY-MM-DD HH:MM:SS time'
           WHEN an_bad_secs_of(t.duration, t.dur) THEN 'duration ''' || t.duration || ''' is not a whole number of seconds'
           WHEN an_bad_secs_of(t.duration_answered, t.dur_answered) THEN 'duration_answered ''' || t.duration_answered || ''' is not a whole number of seconds'
           WHEN an_bad_secs_of(t.duration_billed, t.dur_billed) THEN 'duration_billed ''' || t.duration_billed || ''' is not a whole number of seconds'
           WHEN t.debit_cents IS NULL AND an_given(t.billing_customer_debit_eur) THEN 'billing_customer_debit_eur ''' || t.billing_customer_debit_eur || ''' is not a decimal amount'
           WHEN t.credit_cents IS NULL AND an_given(t.billing_customer_credit_eur) THEN 'billing_customer_credit_eur ''' || t.billing_customer_credit_eur || ''' is not a decimal amount'
       END AS reason
FROM an_cr_typed t;
-- A callid sent twice: the later file wins, then the later record. Only duplicated keys are ranked.
-- NULL keys are grouped too, then deleted (see duplicates.sql).
CREATE OR REPLACE TEMP TABLE an_cr_dups AS
SELECT nullif(an_trim(callid), '') AS cid FROM {{table}} WHERE load_id IN ({{load_ids}}) GROUP BY ALL HAVING count(*) > 1;
DELETE FROM an_cr_dups WHERE cid IS NULL;
CREATE OR REPLACE TEMP TABLE an_cr_winners AS
SELECT load_id, ordinal FROM an_cr WHERE cid IN (SELECT cid FROM an_cr_dups) AND reason IS NULL
QUALIFY row_number() OVER (PARTITION BY cid ORDER BY load_id DESC, ordinal DESC) = 1;
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT nullif(an_trim(callid), '') AS k FROM {{table}} WHERE load_id IN ({{load_ids}});
CREATE OR REPLACE TEMP VIEW an_batch AS
SELECT 'callr' AS source,
       r.cid AS call_id,
       '{{dir}}' AS direction,
       r.started AS started_at,
       r.answered AS answered_at,
       r.ended AS ended_at,
       coalesce(r.dur, 0) AS duration_s,
       coalesce(r.dur_answered, 0) AS answered_s,
       coalesce(r.dur_billed, 0) AS billed_s,
       {{caller}} AS caller,
       {{callee}} AS callee,
       {{did}} AS did,
       coalesce({{iso}}, {{country:r.an_d}}) AS country_code,
       nullif(an_trim(r.billing_customer_cost_label), '') AS destination,
       nullif(an_trim(r.scenario_hash), '') AS app_id,
       nullif(an_trim(r.scenario_name), '') AS app_name,
       CASE upper(an_trim(coalesce({{dialstatus}}, '')))
           WHEN 'ANSWER' THEN 'ANSWERED' WHEN 'ANSWERED' THEN 'ANSWERED'
           WHEN 'NOANSWER' THEN 'NO_ANSWER' WHEN 'NO ANSWER' THEN 'NO_ANSWER'
           WHEN 'BUSY' THEN 'BUSY'
           WHEN 'CONGESTION' THEN 'CONGESTION'
           WHEN 'CANCEL' THEN 'CANCEL'
           WHEN 'CHANUNAVAIL' THEN 'FAILED' WHEN 'NODIAL' THEN 'FAILED' WHEN 'FAILED' THEN 'FAILED'
           WHEN '' THEN CASE WHEN r.answered IS NOT NULL OR coalesce(r.dur_answered, 0) > 0
                             THEN 'ANSWERED' ELSE 'NO_ANSWER' END
           ELSE 'OTHER'
       END AS status,
       nullif(an_trim(r.hangupcause), '') AS hangup_cause,
       CAST(r.debit_cents * CAST(0.01 AS DECIMAL(3, 2)) AS DECIMAL(18, 6)) AS debit,
       CAST(r.credit_cents * CAST(0.01 AS DECIMAL(3, 2)) AS DECIMAL(18, 6)) AS credit,
       'EUR' AS currency,
       CASE WHEN r.debit_cents IS NOT NULL THEN 'provider' END AS cost_basis,
       r.load_id
FROM (SELECT *, an_digits(remote) AS an_d FROM an_cr) r
{{country_joins:r.an_d}}
WHERE r.reason IS NULL
  AND (r.cid NOT IN (SELECT cid FROM an_cr_dups) OR (r.load_id, r.ordinal) IN (SELECT (load_id, ordinal) FROM an_cr_winners));
{{upsert_calls}}
-- @rejects: run only when the batch has rows the upsert did not take (see FeedMapping.RejectsSql).
INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
SELECT t.load_id, 'callr', '{{feed}}', l.file, t.ordinal, 'record ' || t.ordinal || ': ' || t.reason,
       concat_ws(',', t.callid, t.start, t.answer, t.duration, t.duration_answered, t.billing_customer_debit_eur)
FROM an_cr t JOIN loads l USING (load_id)
WHERE t.reason IS NOT NULL;
