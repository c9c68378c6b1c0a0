-- CALLR sms.get_list items → sms. Placeholders: {{load_ids}}, {{table}}, {{feed}}, {{dir}}, {{currency}}.
-- sent_at is the creation time (the day a message counts for); b_customer_debit is cents of the account's billing
-- currency, EUR or USD (Sources:Callr:Currency; the CDRs' amounts are named _eur and stay EUR).
CREATE OR REPLACE TEMP TABLE an_cs AS
SELECT r.*,
       nullif(an_trim(r.hash), '') AS mid,
       coalesce(an_utc(r.date_creation), an_utc(r.date_sent), an_utc(r.date_received)) AS created,
       CASE
           WHEN mid IS NULL THEN 'hash is empty'
           WHEN an_bad_ts(r.date_creation) THEN 'date_creation ''' || r.date_creation || ''' is not a YYYY-MM-DD HH:MM:SS time'
           WHEN created IS NULL THEN 'no date_creation, date_sent or date_received'
           WHEN an_bad_secs(r.parts) THEN 'parts ''' || r.parts || ''' is not a whole number'
           WHEN an_bad_money(r.b_customer_debit) THEN 'b_customer_debit ''' || r.b_customer_debit || ''' is not a decimal amount'
       END AS reason,
       an_e164(r."from", NULL) AS sender,
       an_e164(r."to", NULL) AS recipient,
       CASE WHEN '{{dir}}' = 'IN' THEN sender ELSE recipient END AS remote
FROM {{table}} r
WHERE r.load_id IN ({{load_ids}});
CREATE OR REPLACE TEMP VIEW an_keys AS SELECT mid AS k FROM an_cs;
{{duplicates:an_cs,mid}}
CREATE OR REPLACE TEMP VIEW an_batch AS
SELECT 'callr' AS source,
       r.mid AS message_id,
       '{{dir}}' AS direction,
       r.created AS sent_at,
       r.sender,
       r.recipient,
       {{country:r.an_d}} AS country_code,
       coalesce(an_secs(r.parts), 1) AS parts,
       upper(nullif(an_trim(r.status), '')) AS status,
       CAST(an_money(r.b_customer_debit) * CAST(0.01 AS DECIMAL(3, 2)) AS DECIMAL(18, 6)) AS debit,
       CAST(NULL AS DECIMAL(18, 6)) AS credit,
       {{currency}} AS currency,
       CASE WHEN an_money(r.b_customer_debit) IS NOT NULL THEN 'provider' END AS cost_basis,
       r.load_id
FROM (SELECT *, an_digits(remote) AS an_d FROM an_cs) r
{{country_joins:r.an_d}}
WHERE r.reason IS NULL AND {{latest:r.mid}};
{{upsert_sms}}
-- @rejects: run only when the batch has rows the upsert did not take (see FeedMapping.RejectsSql).
INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
SELECT t.load_id, 'callr', '{{feed}}', l.file, t.ordinal, 'record ' || t.ordinal || ': ' || t.reason,
       concat_ws(',', t.hash, t.date_creation, t.parts, t.b_customer_debit)
FROM an_cs t JOIN loads l USING (load_id)
WHERE t.reason IS NOT NULL;
