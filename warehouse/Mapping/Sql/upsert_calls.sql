ON CONFLICT (source, call_id) DO UPDATE SET
    direction = excluded.direction, started_at = excluded.started_at, answered_at = excluded.answered_at,
    ended_at = excluded.ended_at, duration_s = excluded.duration_s, answered_s = excluded.answered_s,
    billed_s = excluded.billed_s, caller = excluded.caller, callee = excluded.callee, did = excluded.did,
    country_code = excluded.country_code, destination = excluded.destination, app_id = excluded.app_id,
    app_name = excluded.app_name, status = excluded.status, hangup_cause = excluded.hangup_cause,
    debit = excluded.debit, credit = excluded.credit, currency = excluded.currency, load_id = excluded.load_id;
