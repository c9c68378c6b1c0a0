-- Telnyx detail records → calls (voice record types) and sms (message_detail_record). Placeholders: {{load_ids}}.
-- A message's debit is cost plus carrier_fee (passed on by Telnyx), with the fee alone in fees.
-- Status of a voice record: answered_at set (or call_sec > 0) → ANSWERED, else from hangup_cause.
-- Views, as in callr_cdr.sql: each pass computes only what it reads, and each conversion once (a day of Telnyx pages
-- is thousands of small files, so one batch holds hundreds of thousands of records). The reason is worked out from
-- the typed values and is volatile (`random() < 0`), so filtering on it does not convert twice; is_msg is not, so
-- the calls pass and the sms pass each skip the other's records before converting anything. Durations subtract
-- microseconds: the difference of two TIMESTAMPTZ goes through ICU's calendar, row by row.
CREATE OR REPLACE TEMP VIEW an_tx_typed AS
SELECT r.*,
       coalesce(nullif(an_trim(r.id), ''), nullif(an_trim(r.uuid), '')) AS rid,
       CASE lower(an_trim(r.direction)) WHEN 'inbound' THEN 'IN' WHEN 'outbound' THEN 'OUT' END AS dir,
       coalesce(r.record_type = 'message_detail_record', r.message_type IS NOT NULL) AS is_msg,
       coalesce(nullif(an_trim(r.finished_at), ''), nullif(an_trim(r.ended_at), '')) AS end_raw,
       an_utc(r.started_at) AS started,
       an_utc(r.answered_at) AS answered,
       an_utc(coalesce(nullif(an_trim(r.finished_at), ''), nullif(an_trim(r.ended_at), ''))) AS ended,
       an_utc(coalesce(r.created_at, r.sent_at)) AS created,
       an_secs(r.call_sec) AS call_s,
       an_secs(r.billed_sec) AS billed_secs,
       an_secs(r.parts) AS parts_n,
       an_money(r.cost) AS cost_v,
       an_money(r.carrier_fee) AS fee_v
FROM raw_telnyx_detail_records r
WHERE r.load_id IN ({{load_ids}});
CREATE OR REPLACE TEMP VIEW an_tx AS
SELECT t.*,
       CASE
           WHEN random() < 0 THEN NULL
           WHEN t.rid IS NULL THEN 'id/uuid is empty'
           WHEN t.dir IS NULL THEN 'direction ''' || coalesce(t.direction, '') || ''' is neither inbound nor outbound'
           WHEN t.is_msg AND t.created IS NULL THEN 'created_at ''' || coalesce(t.created_at, '') || ''' is not an ISO-8601 time'
           WHEN NOT t.is_msg AND t.started IS NULL THEN 'started_at ''' || coalesce(t.started_at, '') || ''' is not an ISO-8601 time'
           WHEN t.answered IS NULL AND NOT an_blank_ts(t.answered_at) THEN 'answered_at ''' || t.answered_at || ''' is not an ISO-8601 time'
           WHEN t.ended IS NULL AND NOT an_blank_ts(t.end_raw) THEN 'finished_at/ended_at ''' || t.end_raw || ''' is not an ISO-8601 time'
           WHEN an_bad_secs_of(t.call_sec, t.call_s) THEN 'call_sec ''' || t.call_sec || ''' is not a whole number of seconds'
           WHEN an_bad_secs_of(t.billed_sec, t.billed_secs) THEN 'billed_sec ''' || t.billed_sec || ''' is not a whole number of seconds'
           WHEN an_bad_secs_of(t.parts, t.parts_n) THEN 'parts ''' || t.parts || ''' is not a whole number'
           WHEN t.cost_v IS NULL AND an_given(t.cost) THEN 'cost ''' || t.cost || ''' is not a decimal amount'
           WHEN t.fee_v IS NULL AND an_given(t.carrier_fee) THEN 'carrier_fee ''' || t.carrier_fee || ''' is not a decimal amount'
       END AS reason,
       an_e164(coalesce(t.cli, t.caller_number), 'US') AS from_e164,
       an_e164(coalesce(t.cld, t.dest_number), 'US') AS to_e164
FROM an_tx_typed t;
{{duplicates:an_tx,rid}}
CREATE OR REPLACE TEMP VIEW an_tx_ok AS
SELECT t.*,
       coalesce({{country:t.an_d}}, CASE WHEN regexp_full_match(an_trim(t.country_code), '[A-Za-z]{2}') THEN upper(an_trim(t.country_code)) END) AS iso
FROM (SELECT *, an_digits(CASE WHEN dir = 'IN' THEN from_e164 ELSE to_e164 END) AS an_d FROM an_tx) t {{country_joins:t.an_d}}
WHERE t.reason IS NULL
  AND {{latest:t.rid}};
-- Each pass over its own records only when the batch has any: a day of call records skips the sms pass (0.6 s per
-- 1M records), and the other way round.
-- @when: SELECT count(*) FROM (SELECT 1 FROM an_tx_typed WHERE NOT is_msg LIMIT 1)
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT rid AS k FROM an_tx_typed WHERE NOT is_msg;
CREATE OR REPLACE TEMP VIEW an_batch AS
SELECT 'telnyx' AS source,
       c.rid AS call_id,
       c.dir AS direction,
       c.started AS started_at,
       c.answered AS answered_at,
       c.ended AS ended_at,
       coalesce(CAST((epoch_us(c.ended) - epoch_us(c.started)) / 1e6 AS INTEGER), c.call_s, 0) AS duration_s,
       CASE WHEN c.answered IS NOT NULL OR coalesce(c.call_s, 0) > 0
            THEN coalesce(c.call_s, CAST((epoch_us(c.ended) - epoch_us(c.answered)) / 1e6 AS INTEGER), 0)
            ELSE 0 END AS answered_s,
       coalesce(c.billed_secs, 0) AS billed_s,
       c.from_e164 AS caller,
       c.to_e164 AS callee,
       CASE WHEN c.dir = 'IN' THEN c.to_e164 END AS did,
       c.iso AS country_code,
       CAST(NULL AS VARCHAR) AS destination,
       CAST(NULL AS VARCHAR) AS app_id,
       nullif(an_trim(c.connection_name), '') AS app_name,
       CASE
           WHEN c.answered IS NOT NULL OR coalesce(c.call_s, 0) > 0 THEN 'ANSWERED'
           WHEN lower(c.hangup_cause) IN ('user_busy', 'busy') THEN 'BUSY'
           WHEN lower(c.hangup_cause) IN ('no_answer', 'no_user_response', 'timeout', 'normal_clearing') THEN 'NO_ANSWER'
           WHEN lower(c.hangup_cause) IN ('originator_cancel', 'cancel') THEN 'CANCEL'
           WHEN lower(c.hangup_cause) LIKE '%congestion%' THEN 'CONGESTION'
           WHEN lower(c.hangup_cause) IN ('call_rejected', 'normal_temporary_failure', 'unallocated_number', 'destination_out_of_order',
                                          'invalid_number_format', 'network_out_of_order', 'recovery_on_timer_expire') THEN 'FAILED'
           ELSE 'OTHER'
       END AS status,
       nullif(an_trim(c.hangup_cause), '') AS hangup_cause,
       c.cost_v AS debit,
       CAST(NULL AS DECIMAL(18, 6)) AS credit,
       upper(nullif(an_trim(c.currency), '')) AS currency,
       CASE WHEN c.cost_v IS NOT NULL THEN 'provider' END AS cost_basis,
       c.load_id
FROM an_tx_ok c
WHERE NOT c.is_msg;
{{upsert_calls}}
-- @when: SELECT count(*) FROM (SELECT 1 FROM an_tx_typed WHERE is_msg LIMIT 1)
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT rid AS k FROM an_tx_typed WHERE is_msg;
CREATE OR REPLACE TEMP VIEW an_batch AS
SELECT 'telnyx' AS source,
       c.rid AS message_id,
       c.dir AS direction,
       c.created AS sent_at,
       c.from_e164 AS sender,
       c.to_e164 AS recipient,
       c.iso AS country_code,
       coalesce(c.parts_n, 1) AS parts,
       upper(nullif(an_trim(c.status), '')) AS status,
       -- carrier_fee is passed on to the customer on top of cost: it is spend, and fees shows how much of it.
       CASE WHEN c.fee_v IS NULL THEN c.cost_v ELSE coalesce(c.cost_v, 0) + c.fee_v END AS debit,
       c.fee_v AS fees,
       CAST(NULL AS DECIMAL(18, 6)) AS credit,
       upper(nullif(an_trim(c.currency), '')) AS currency,
       CASE WHEN c.cost_v IS NOT NULL OR c.fee_v IS NOT NULL THEN 'provider' END AS cost_basis,
       c.load_id
FROM an_tx_ok c
WHERE c.is_msg;
{{upsert_sms}}
-- @rejects: run only when the batch has rows the upsert did not take (see FeedMapping.RejectsSql).
INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
SELECT t.load_id, 'telnyx', l.feed, l.file, t.ordinal, 'record ' || t.ordinal || ': ' || t.reason,
       concat_ws(',', t.record_type, t.rid, t.direction, t.started_at, t.created_at, t.call_sec, t.cost)
FROM an_tx t JOIN loads l USING (load_id)
WHERE t.reason IS NOT NULL;
