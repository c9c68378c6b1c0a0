ON CONFLICT (source, message_id) DO UPDATE SET
    direction = excluded.direction, sent_at = excluded.sent_at, sender = excluded.sender,
    recipient = excluded.recipient, country_code = excluded.country_code, parts = excluded.parts,
    status = excluded.status, debit = excluded.debit, credit = excluded.credit, currency = excluded.currency,
    load_id = excluded.load_id;
