-- TeleVoIPs (FreePBX cdr rows) → calls. Placeholders: {{load_ids}}, {{start_utc}} (the UTC start of row t: from the
-- uniqueid's epoch under TimeZone = auto, else calldate read in the configured zone; TeleVoipsClock.cs), {{home}}
-- (Sources:TeleVoips:HomeCountry, the region national numbers are dialled in: an_national's rules, Reference/HomeCountry.cs).
--
-- The rules (direction, call id, numbers, prices) are documented in Mapping/TeleVoipsRules.cs.
CREATE OR REPLACE TEMP MACRO an_external(x) AS (
    x IS NOT NULL AND (starts_with(an_trim(x), '+') OR length(regexp_replace(x, '[^0-9]', '', 'g')) >= 7));
-- Typed in views: each pass below computes only the columns it reads, streaming (a typed copy of a million rows
-- would cost more to write than to recompute). Each conversion is computed once per pass: the columns filtered on
-- (direction, reason) start with `random() < 0`, never true, which makes them volatile, so DuckDB keeps the filter
-- above the projection instead of copying their expressions into it.
CREATE OR REPLACE TEMP VIEW an_tv_typed AS
SELECT r.load_id, r.ordinal, r.uniqueid, r.calldate, r.duration, r.billsec, r.disposition, r.src, r.dst, r.did,
       r.dcontext, r.lastapp, r.outbound_cnum, r.clid, r.sequence,
       TRY_CAST(an_trim(r.calldate) AS TIMESTAMP) AS local_start,
       TRY_CAST(split_part(r.uniqueid, '.', 1) AS BIGINT) AS uid_epoch,
       an_secs(r.duration) AS dur,
       an_secs(r.billsec) AS bill,
       CASE
           WHEN random() < 0 THEN NULL
           WHEN nullif(an_trim(r.did), '') IS NOT NULL
             OR regexp_matches(lower(coalesce(r.dcontext, '')), {{in_contexts}}) THEN 'IN'
           WHEN regexp_matches(lower(coalesce(r.dcontext, '')), {{out_contexts}})
             AND an_external(r.dst) THEN 'OUT'
           WHEN an_external(r.src) AND NOT an_external(r.dst) THEN 'IN'
           WHEN an_external(r.dst) AND NOT an_external(r.src) THEN 'OUT'
       END AS direction
FROM raw_televoips_cdrs r
WHERE r.load_id IN ({{load_ids}});
CREATE OR REPLACE TEMP VIEW an_tv AS
SELECT t.*,
       CASE
           WHEN random() < 0 THEN NULL
           WHEN t.uniqueid IS NULL OR an_trim(t.uniqueid) = '' THEN 'uniqueid is empty'
           WHEN t.local_start IS NULL THEN 'calldate ''' || coalesce(t.calldate, '') || ''' is not a yyyy-MM-dd HH:mm:ss time'
           WHEN t.dur IS NULL OR t.dur < 0 THEN 'duration ''' || coalesce(t.duration, '') || ''' is not a whole number of seconds'
           WHEN t.bill IS NULL OR t.bill < 0 THEN 'billsec ''' || coalesce(t.billsec, '') || ''' is not a whole number of seconds'
       END AS reason,
       -- Our own number on this row: the DID called (IN) or the caller id presented (OUT). One an_e164 over one
       -- expression: the macro repeats its argument, so two calls over two expressions cost three times as much.
       an_e164(CASE WHEN t.direction = 'IN' THEN coalesce(nullif(an_trim(t.did), ''), t.dst)
                    ELSE nullif(an_trim(t.outbound_cnum), '') END, {{home}}) AS own,
       -- The remote party as sent: the caller (IN; from clid's <number> when src is empty) or the number dialled.
       CASE WHEN t.direction = 'IN' THEN coalesce(nullif(an_trim(t.src), ''), regexp_extract(t.clid, '<([^>]*)>', 1))
            ELSE t.dst END AS remote_raw
FROM an_tv_typed t;
-- A uniqueid sent twice (in one file or across the batch's files): the row with the highest sequence wins, then
-- the later file, then the later line. Found by a cheap count first; only duplicated keys are ranked.
CREATE OR REPLACE TEMP TABLE an_dups AS
SELECT an_trim(uniqueid) AS call_id FROM raw_televoips_cdrs
WHERE load_id IN ({{load_ids}}) AND uniqueid IS NOT NULL GROUP BY ALL HAVING count(*) > 1;
CREATE OR REPLACE TEMP TABLE an_winners AS
SELECT load_id, ordinal FROM an_tv t
WHERE an_trim(t.uniqueid) IN (SELECT call_id FROM an_dups) AND t.reason IS NULL AND t.direction IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY an_trim(t.uniqueid)
                           ORDER BY TRY_CAST(t.sequence AS BIGINT) DESC NULLS LAST, t.load_id DESC, t.ordinal DESC) = 1;
CREATE OR REPLACE TEMP VIEW an_tv_calls AS
SELECT t.*,
       {{start_utc}} AS start_utc,
       an_e164(t.remote_raw, {{home}}) AS remote,
       an_digits(remote) AS remote_digits
FROM an_tv t
WHERE t.reason IS NULL AND t.direction IS NOT NULL
  AND (an_trim(t.uniqueid) NOT IN (SELECT call_id FROM an_dups)
       OR (t.load_id, t.ordinal) IN (SELECT (load_id, ordinal) FROM an_winners));
{{rates}}
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT an_trim(uniqueid) AS k FROM raw_televoips_cdrs WHERE load_id IN ({{load_ids}});
CREATE OR REPLACE TEMP VIEW an_batch AS
SELECT 'televoips' AS source,
       an_trim(c.uniqueid) AS call_id,
       c.direction,
       c.start_utc AS started_at,
       CASE WHEN c.bill > 0 THEN c.start_utc + to_seconds(greatest(c.dur - c.bill, 0)) END AS answered_at,
       c.start_utc + to_seconds(c.dur) AS ended_at,
       c.dur AS duration_s,
       c.bill AS answered_s,
       CASE WHEN c.direction = 'OUT' AND rt.increment_s IS NOT NULL
            THEN CAST(ceil(c.bill / greatest(rt.increment_s, 1)) * greatest(rt.increment_s, 1) AS INTEGER)
            ELSE c.bill END AS billed_s,
       CASE WHEN c.direction = 'IN' THEN c.remote ELSE coalesce(c.own, nullif(an_trim(c.src), '')) END AS caller,
       CASE WHEN c.direction = 'IN' THEN coalesce(c.own, nullif(an_trim(c.dst), '')) ELSE c.remote END AS callee,
       CASE WHEN c.direction = 'IN' THEN c.own END AS did,
       {{country:c.remote_digits}} AS country_code,
       CAST(NULL AS VARCHAR) AS destination,
       CAST(NULL AS VARCHAR) AS app_id,
       nullif(an_trim(c.lastapp), '') AS app_name,
       CASE upper(an_trim(c.disposition))
           WHEN 'ANSWERED' THEN 'ANSWERED' WHEN '8' THEN 'ANSWERED'
           WHEN 'NO ANSWER' THEN 'NO_ANSWER' WHEN 'NOANSWER' THEN 'NO_ANSWER' WHEN '0' THEN 'NO_ANSWER' WHEN '1' THEN 'NO_ANSWER'
           WHEN 'BUSY' THEN 'BUSY' WHEN '4' THEN 'BUSY'
           WHEN 'FAILED' THEN 'FAILED' WHEN '2' THEN 'FAILED'
           WHEN 'CONGESTION' THEN 'CONGESTION' WHEN '16' THEN 'CONGESTION'
           WHEN 'CANCEL' THEN 'CANCEL'
           ELSE 'OTHER'
       END AS status,
       CAST(NULL AS VARCHAR) AS hangup_cause,
       -- Priced from the rate deck when one is configured: billed seconds / 60 × rate, 4 places, half away
       -- from zero; inbound costs nothing; no deck (or no matching prefix) leaves the price unknown (NULL).
       CASE WHEN {{priced}} AND c.direction = 'IN' THEN 0
            WHEN {{priced}} AND rt.rate_per_minute IS NOT NULL
            -- In integers: DuckDB divides DECIMALs as DOUBLE, which misrounds the 4th place. ticks = 1e-4 units,
            -- billed × rate × 1e6 / 6000 rounded half up (amounts are never negative).
            THEN CAST((CAST(ceil(c.bill / greatest(rt.increment_s, 1)) * greatest(rt.increment_s, 1) AS HUGEINT)
                       * CAST(rt.rate_per_minute * 1000000 AS HUGEINT) + 3000) // 6000 AS DECIMAL(18, 0))
                 * CAST(0.0001 AS DECIMAL(5, 4))
       END AS debit,
       CAST(NULL AS DECIMAL(18, 6)) AS credit,
       CASE WHEN {{priced}} AND c.direction = 'IN' THEN {{deck_currency}} WHEN {{priced}} THEN rt.currency END AS currency,
       -- Estimated by us from the deck, never billed by TeleVoIPs (which sends no cost).
       CASE WHEN {{priced}} AND (c.direction = 'IN' OR rt.rate_per_minute IS NOT NULL) THEN 'rated' END AS cost_basis,
       c.load_id
FROM an_tv_calls c
{{country_joins:c.remote_digits}}
LEFT JOIN an_rates rt ON rt.digits = left(c.remote_digits, (SELECT max_prefix FROM an_rates_key));
{{upsert_calls}}
-- @rejects: run only when the batch has rows the upsert did not take (see FeedMapping.RejectsSql).
-- Rejects carry the physical CSV line of the landed file: record number + header + the shifts staging recorded
-- (blank lines, quoted fields spanning lines) before it.
INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
SELECT t.load_id, 'televoips', 'cdrs', l.file, t.line, 'line ' || t.line || ': ' || t.reason, t.raw
FROM (SELECT a.load_id, a.reason,
             a.ordinal + 1 + coalesce(s.shift, 0) AS line,
             concat_ws(',', a.calldate, a.uniqueid, a.duration, a.billsec, a.disposition, a.src, a.dst) AS raw
      FROM an_tv a ASOF LEFT JOIN an_line_shifts s ON s.load_id = a.load_id AND a.ordinal >= s.ordinal
      WHERE a.reason IS NOT NULL) t
JOIN loads l USING (load_id);
