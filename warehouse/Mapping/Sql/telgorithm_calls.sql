-- Telgorithm call legs → call_legs (one row per legSid) → calls (one row per callSid). Placeholders: {{load_ids}},
-- {{currency}}. A forwarded call ("Static Call Forwarding") has an inbound leg and an outbound leg sharing callSid;
-- it is one call (calls_from_legs.sql), never an IN call plus an OUT call. A leg is listed by its own createdOn, so
-- the legs of a call that starts just before midnight can come in two days' files, and in any order: each batch
-- upserts its legs, then recomputes every call they belong to from all the legs loaded so far. Re-loading either
-- file, or loading the later day first, ends in the same rows. A leg without callSid is a call of its own (its legSid).
-- duration (a string) is the leg's answered time; cost = Σ fees[*].total in Sources:Telgorithm:Currency.
CREATE OR REPLACE TEMP MACRO an_fee_sum(j, path) AS
    coalesce(list_sum(list_transform(json_extract_string(j, path), v -> CAST(v AS DECIMAL(18, 6)))), 0);
CREATE OR REPLACE TEMP TABLE an_tgc AS
SELECT r.*,
       nullif(an_trim(r.legSid), '') AS cid,
       coalesce(nullif(an_trim(r.callSid), ''), cid) AS call,
       CASE lower(an_trim(coalesce(nullif(an_trim(r.legDirection), ''), r.callDirection))) WHEN 'inbound' THEN 'IN' WHEN 'outbound' THEN 'OUT' END AS dir,
       coalesce(an_utc(r.startedOn), an_utc(r.createdOn)) AS started,
       CASE
           WHEN cid IS NULL THEN 'legSid is empty'
           WHEN dir IS NULL THEN 'legDirection ''' || coalesce(r.legDirection, '') || ''' is neither Inbound nor Outbound'
           WHEN an_bad_ts(r.startedOn) OR started IS NULL THEN 'startedOn/createdOn ''' || coalesce(r.startedOn, r.createdOn, '') || ''' is not an ISO-8601 time'
           WHEN an_bad_ts(r.answeredOn) THEN 'answeredOn ''' || r.answeredOn || ''' is not an ISO-8601 time'
           WHEN an_bad_ts(r.completedOn) THEN 'completedOn ''' || r.completedOn || ''' is not an ISO-8601 time'
           WHEN an_bad_secs(r.duration) THEN 'duration ''' || r.duration || ''' is not a number of seconds'
           WHEN r.fees IS NOT NULL AND (NOT json_valid(r.fees)
                OR list_bool_or(list_transform(json_extract_string(r.fees, '$[*].total'), v -> TRY_CAST(v AS DECIMAL(18, 6)) IS NULL)))
               THEN 'fees ''' || r.fees || ''' has a total that is not a number'
       END AS reason,
       an_e164(r."from", 'US') AS from_e164,
       an_e164(r."to", 'US') AS to_e164,
       CASE WHEN dir = 'IN' THEN from_e164 ELSE to_e164 END AS remote,
       (an_utc(r.answeredOn) IS NOT NULL OR lower(r.status) = 'answered') AS answered
FROM raw_telgorithm_calls r
WHERE r.load_id IN ({{load_ids}});
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT cid AS k FROM an_tgc;
{{duplicates:an_tgc,cid}}
CREATE OR REPLACE TEMP VIEW an_batch AS
SELECT 'telgorithm' AS source,
       r.call AS call_id,
       r.cid AS leg_id,
       r.dir AS direction,
       nullif(an_trim(r.callDirection), '') AS call_direction,
       an_utc(r.createdOn) AS created_at,
       r.started AS started_at,
       an_utc(r.answeredOn) AS answered_at,
       an_utc(r.completedOn) AS ended_at,
       coalesce(CAST((epoch_us(an_utc(r.completedOn)) - epoch_us(r.started)) / 1e6 AS INTEGER), an_secs(r.duration), 0) AS duration_s,
       CASE WHEN r.answered THEN coalesce(an_secs(r.duration), CAST((epoch_us(an_utc(r.completedOn)) - epoch_us(an_utc(r.answeredOn))) / 1e6 AS INTEGER), 0) ELSE 0 END AS answered_s,
       CASE WHEN r.answered THEN coalesce(an_secs(r.duration), 0) ELSE 0 END AS billed_s,
       r.from_e164 AS caller,
       r.to_e164 AS callee,
       {{country:r.an_d}} AS country_code,
       CASE
           WHEN r.answered THEN 'ANSWERED'
           WHEN lower(r.status) IN ('completed', 'noanswer', 'no-answer', 'no_answer') THEN 'NO_ANSWER'
           WHEN lower(r.status) = 'busy' THEN 'BUSY'
           WHEN lower(r.status) = 'failed' THEN 'FAILED'
           WHEN lower(r.status) IN ('canceled', 'cancelled') THEN 'CANCEL'
           ELSE 'OTHER'
       END AS status,
       CASE WHEN r.fees IS NOT NULL THEN CAST(an_fee_sum(r.fees, '$[*].total') AS DECIMAL(18, 6)) END AS debit,
       CASE WHEN r.fees IS NOT NULL THEN {{currency}} END AS currency,
       CASE WHEN r.fees IS NOT NULL THEN 'provider' END AS cost_basis,
       r.load_id
FROM (SELECT *, an_digits(remote) AS an_d FROM an_tgc) r
{{country_joins:r.an_d}}
WHERE r.reason IS NULL AND {{latest:r.cid}};
-- The calls to recompute: those of the batch's legs, and those a re-sent leg belonged to before (its callSid changed).
CREATE OR REPLACE TEMP TABLE an_leg_calls AS
SELECT call_id AS k FROM an_batch
UNION
SELECT l.call_id FROM call_legs l WHERE l.source = 'telgorithm' AND l.leg_id IN (SELECT k FROM an_keys);
{{upsert_call_legs}}
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT k FROM an_leg_calls;
CREATE OR REPLACE TEMP VIEW an_batch AS
{{calls_from_legs}};
{{upsert_calls}}
-- A call none of whose legs is left (its one leg now names another callSid) is no call any more.
DELETE FROM calls WHERE source = 'telgorithm' AND call_id IN (SELECT k FROM an_leg_calls)
  AND call_id NOT IN (SELECT call_id FROM call_legs WHERE source = 'telgorithm' AND call_id IN (SELECT k FROM an_leg_calls));
-- @rejects: run only when the batch has rows the upsert did not take (see FeedMapping.RejectsSql).
INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
SELECT t.load_id, 'telgorithm', 'calls', l.file, t.ordinal, 'record ' || t.ordinal || ': ' || t.reason,
       concat_ws(',', t.legSid, t.legDirection, t.startedOn, t.duration, t.fees)
FROM an_tgc t JOIN loads l USING (load_id)
WHERE t.reason IS NOT NULL;
