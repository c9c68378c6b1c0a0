-- Telnyx detail records → calls (voice record types) and sms (message_detail_record). Placeholders: {{load_ids}}.
-- Status of a voice record: answered_at set (or call_sec > 0) → ANSWERED, else from hangup_cause.
CREATE OR REPLACE TEMP TABLE an_tx AS
SELECT r.*,
       coalesce(nullif(trim(r.id), ''), nullif(trim(r.uuid), '')) AS rid,
       CASE lower(trim(r.direction)) WHEN 'inbound' THEN 'IN' WHEN 'outbound' THEN 'OUT' END AS dir,
       (r.record_type = 'message_detail_record' OR (r.record_type IS NULL AND r.message_type IS NOT NULL)) AS is_msg,
       coalesce(nullif(trim(r.finished_at), ''), nullif(trim(r.ended_at), '')) AS end_raw,
       CASE
           WHEN rid IS NULL THEN 'id/uuid is empty'
           WHEN dir IS NULL THEN 'direction ''' || coalesce(r.direction, '') || ''' is neither inbound nor outbound'
           WHEN is_msg AND an_utc(coalesce(r.created_at, r.sent_at)) IS NULL THEN 'created_at ''' || coalesce(r.created_at, '') || ''' is not an ISO-8601 time'
           WHEN NOT is_msg AND an_utc(r.started_at) IS NULL THEN 'started_at ''' || coalesce(r.started_at, '') || ''' is not an ISO-8601 time'
           WHEN an_bad_ts(r.answered_at) THEN 'answered_at ''' || r.answered_at || ''' is not an ISO-8601 time'
           WHEN an_bad_ts(end_raw) THEN 'finished_at/ended_at ''' || end_raw || ''' is not an ISO-8601 time'
           WHEN an_bad_secs(r.call_sec) THEN 'call_sec ''' || r.call_sec || ''' is not a whole number of seconds'
           WHEN an_bad_secs(r.billed_sec) THEN 'billed_sec ''' || r.billed_sec || ''' is not a whole number of seconds'
           WHEN an_bad_secs(r.parts) THEN 'parts ''' || r.parts || ''' is not a whole number'
           WHEN an_bad_money(r.cost) THEN 'cost ''' || r.cost || ''' is not a decimal amount'
       END AS reason,
       an_e164(coalesce(r.cli, r.caller_number), '1') AS from_e164,
       an_e164(coalesce(r.cld, r.dest_number), '1') AS to_e164,
       CASE WHEN dir = 'IN' THEN from_e164 ELSE to_e164 END AS remote
FROM raw_telnyx_detail_records r
WHERE r.load_id IN ({{load_ids}});
CREATE OR REPLACE TEMP VIEW an_tx_ok AS
SELECT t.*,
       coalesce(an_k.country_code, CASE WHEN regexp_full_match(trim(t.country_code), '[A-Za-z]{2}') THEN upper(trim(t.country_code)) END) AS iso
FROM an_tx t {{country_joins:an_digits(t.remote)}}
WHERE t.reason IS NULL
QUALIFY row_number() OVER (PARTITION BY t.rid ORDER BY t.load_id DESC, t.ordinal DESC) = 1;
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT rid AS k FROM an_tx WHERE NOT is_msg;
CREATE OR REPLACE TEMP VIEW an_batch AS
SELECT 'telnyx' AS source,
       c.rid AS call_id,
       c.dir AS direction,
       an_utc(c.started_at) AS started_at,
       an_utc(c.answered_at) AS answered_at,
       an_utc(c.end_raw) AS ended_at,
       coalesce(CAST(epoch(an_utc(c.end_raw) - an_utc(c.started_at)) AS INTEGER), an_secs(c.call_sec), 0) AS duration_s,
       CASE WHEN an_utc(c.answered_at) IS NOT NULL OR coalesce(an_secs(c.call_sec), 0) > 0
            THEN coalesce(an_secs(c.call_sec), CAST(epoch(an_utc(c.end_raw) - an_utc(c.answered_at)) AS INTEGER), 0)
            ELSE 0 END AS answered_s,
       coalesce(an_secs(c.billed_sec), 0) AS billed_s,
       c.from_e164 AS caller,
       c.to_e164 AS callee,
       CASE WHEN c.dir = 'IN' THEN c.to_e164 END AS did,
       c.iso AS country_code,
       CAST(NULL AS VARCHAR) AS destination,
       CAST(NULL AS VARCHAR) AS app_id,
       nullif(trim(c.connection_name), '') AS app_name,
       CASE
           WHEN an_utc(c.answered_at) IS NOT NULL OR coalesce(an_secs(c.call_sec), 0) > 0 THEN 'ANSWERED'
           WHEN lower(c.hangup_cause) IN ('user_busy', 'busy') THEN 'BUSY'
           WHEN lower(c.hangup_cause) IN ('no_answer', 'no_user_response', 'timeout', 'normal_clearing') THEN 'NO_ANSWER'
           WHEN lower(c.hangup_cause) IN ('originator_cancel', 'cancel') THEN 'CANCEL'
           WHEN lower(c.hangup_cause) LIKE '%congestion%' THEN 'CONGESTION'
           WHEN lower(c.hangup_cause) IN ('call_rejected', 'normal_temporary_failure', 'unallocated_number', 'destination_out_of_order',
                                          'invalid_number_format', 'network_out_of_order', 'recovery_on_timer_expire') THEN 'FAILED'
           ELSE 'OTHER'
       END AS status,
       nullif(trim(c.hangup_cause), '') AS hangup_cause,
       an_money(c.cost) AS debit,
       CAST(NULL AS DECIMAL(18, 6)) AS credit,
       upper(nullif(trim(c.currency), '')) AS currency,
       c.load_id
FROM an_tx_ok c
WHERE NOT c.is_msg;
{{upsert_calls}}
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT rid AS k FROM an_tx WHERE is_msg;
CREATE OR REPLACE TEMP VIEW an_batch AS
SELECT 'telnyx' AS source,
       c.rid AS message_id,
       c.dir AS direction,
       an_utc(coalesce(c.created_at, c.sent_at)) AS sent_at,
       c.from_e164 AS sender,
       c.to_e164 AS recipient,
       c.iso AS country_code,
       coalesce(an_secs(c.parts), 1) AS parts,
       upper(nullif(trim(c.status), '')) AS status,
       an_money(c.cost) AS debit,
       CAST(NULL AS DECIMAL(18, 6)) AS credit,
       upper(nullif(trim(c.currency), '')) AS currency,
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
