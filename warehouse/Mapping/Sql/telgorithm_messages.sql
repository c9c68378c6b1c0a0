-- Telgorithm messages → sms. Placeholders: {{load_ids}}, {{table}}, {{feed}}, {{dir}}, {{currency}},
-- {{status}} (expression over raw row r). Cost = Σ total over fees.platformFees and fees.passThroughFees, in
-- Sources:Telgorithm:Currency (Telgorithm states none); no fees object → cost unknown (NULL).
CREATE OR REPLACE TEMP MACRO an_fee_sum(j, path) AS
    coalesce(list_sum(list_transform(json_extract_string(j, path), v -> CAST(v AS DECIMAL(18, 6)))), 0);
CREATE OR REPLACE TEMP TABLE an_tg AS
SELECT r.*,
       nullif(an_trim(r.sid), '') AS mid,
       CASE
           WHEN mid IS NULL THEN 'sid is empty'
           WHEN an_utc(r.createdOn) IS NULL THEN 'createdOn ''' || coalesce(r.createdOn, '') || ''' is not an ISO-8601 time'
           WHEN an_bad_secs(r.segmentCount) THEN 'segmentCount ''' || r.segmentCount || ''' is not a whole number'
           WHEN r.fees IS NOT NULL AND (NOT json_valid(r.fees)
                OR list_bool_or(list_transform(json_extract_string(r.fees, '$.*[*].total'), v -> TRY_CAST(v AS DECIMAL(18, 6)) IS NULL)))
               THEN 'fees ''' || r.fees || ''' has a total that is not a number'
       END AS reason,
       an_e164(r."from", 'US') AS sender,
       an_e164(r."to", 'US') AS recipient,
       CASE WHEN '{{dir}}' = 'IN' THEN sender ELSE recipient END AS remote
FROM {{table}} r
WHERE r.load_id IN ({{load_ids}});
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT mid AS k FROM an_tg;
{{duplicates:an_tg,mid}}
CREATE OR REPLACE TEMP VIEW an_batch AS
SELECT 'telgorithm' AS source,
       r.mid AS message_id,
       '{{dir}}' AS direction,
       an_utc(r.createdOn) AS sent_at,
       r.sender,
       r.recipient,
       {{country:r.an_d}} AS country_code,
       coalesce(an_secs(r.segmentCount), 1) AS parts,
       {{status}} AS status,
       CASE WHEN r.fees IS NOT NULL
            THEN CAST(an_fee_sum(r.fees, '$.platformFees[*].total') + an_fee_sum(r.fees, '$.passThroughFees[*].total') AS DECIMAL(18, 6))
       END AS debit,
       CAST(NULL AS DECIMAL(18, 6)) AS credit,
       CASE WHEN r.fees IS NOT NULL THEN {{currency}} END AS currency,
       CASE WHEN r.fees IS NOT NULL THEN 'provider' END AS cost_basis,
       r.load_id
FROM (SELECT *, an_digits(remote) AS an_d FROM an_tg) r
{{country_joins:r.an_d}}
WHERE r.reason IS NULL AND {{latest:r.mid}};
{{upsert_sms}}
-- @rejects: run only when the batch has rows the upsert did not take (see FeedMapping.RejectsSql).
INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
SELECT t.load_id, 'telgorithm', '{{feed}}', l.file, t.ordinal, 'record ' || t.ordinal || ': ' || t.reason,
       concat_ws(',', t.sid, t.createdOn, t.segmentCount, t.fees)
FROM an_tg t JOIN loads l USING (load_id)
WHERE t.reason IS NOT NULL;
