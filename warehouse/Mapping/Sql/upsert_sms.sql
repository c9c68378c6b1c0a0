-- Upsert of an_batch into sms on the natural key (see upsert_calls.sql).
CREATE OR REPLACE TEMP TABLE an_existing AS
SELECT DISTINCT s.message_id AS k FROM sms s
WHERE s.source = '{{source}}' AND s.message_id IN (SELECT k FROM an_keys WHERE k IS NOT NULL);
CREATE OR REPLACE TEMP TABLE an_replaced AS SELECT * FROM an_batch WHERE message_id IN (SELECT k FROM an_existing);
DELETE FROM sms WHERE source = '{{source}}' AND message_id IN (SELECT message_id FROM an_replaced);
INSERT INTO sms BY NAME SELECT * FROM an_batch WHERE message_id NOT IN (SELECT k FROM an_existing);
INSERT INTO sms BY NAME SELECT * FROM an_replaced;
