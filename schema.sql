-- Analytics warehouse schema (DuckDB). The single DDL source: applied at every start-up, so every
-- statement is idempotent. Bump schema_version's value when a table changes shape, and add the
-- migration as an idempotent statement below the table it touches.

-- This warehouse, as opposed to any other (or a fresh file at the same path): caches outside the file (the reports'
-- day cache) are kept under it, so they never answer for another warehouse's rows.
CREATE TABLE IF NOT EXISTS warehouse_identity (id VARCHAR NOT NULL);
INSERT INTO warehouse_identity SELECT uuid()::VARCHAR WHERE NOT EXISTS (SELECT 1 FROM warehouse_identity);

CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

-- One row per landing file attempted. A file is loaded at most once: (source, sha256) is unique, and
-- the row is written in the same transaction as the rows the file produced.
CREATE SEQUENCE IF NOT EXISTS load_id_seq START 1;
CREATE TABLE IF NOT EXISTS loads (
    load_id       BIGINT PRIMARY KEY,
    source        VARCHAR NOT NULL,
    feed          VARCHAR NOT NULL,
    day           DATE,
    file          VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    bytes         BIGINT,
    rows_read     BIGINT NOT NULL DEFAULT 0,
    rows_loaded   BIGINT NOT NULL DEFAULT 0,
    rows_rejected BIGINT NOT NULL DEFAULT 0,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,            -- 'loaded' | 'rejected' | 'staged' (raw rows in, not yet mapped: transient)
    UNIQUE (source, sha256)
);

-- Rows that failed validation; the rest of their file loaded.
CREATE TABLE IF NOT EXISTS rejects (
    load_id     BIGINT NOT NULL,
    source      VARCHAR NOT NULL,
    feed        VARCHAR NOT NULL,
    file        VARCHAR NOT NULL,
    ordinal     BIGINT NOT NULL,               -- 1-based CSV line or JSON record index in the file
    reason      VARCHAR NOT NULL,
    raw         VARCHAR,
    rejected_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

-- Per source/feed key-value state that must survive a restart: watermarks, the pending TeleVoIPs
-- export id and the time of its first poll.
CREATE TABLE IF NOT EXISTS ingest_state (
    source     VARCHAR NOT NULL,
    feed       VARCHAR NOT NULL,
    key        VARCHAR NOT NULL,
    value      VARCHAR,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (source, feed, key)
);

-- One row per call, whatever the source. Money is in major currency units.
-- Text columns here and in the raw tables that are surely codes and labels are dictionary-compressed, those that are
-- surely unique ids, timestamps as text or phone numbers FSST-compressed (DuckDB's own pick for them, 30-40% faster to
-- write when named; for numbers, which mix our own few with many remote ones, 5-10% in calls at a similar size);
-- DuckDB picks for the rest. Left to pick, it tries every method on every column
-- of every row group, which cost a fifth of a load's write time. A wrong guess costs space, never data.
-- (source, call_id) is unique, kept so by the loader's upsert (one writer, batch deduplicated first). It is not a
-- PRIMARY KEY: DuckDB's key index made a 1M-row load 2.5x slower and held memory in proportion to the table.
-- Schema version 3 rebuilt the version-2 tables without it (Schema/SchemaMigrations.cs).
CREATE SEQUENCE IF NOT EXISTS calls_write_seq START 1;
CREATE TABLE IF NOT EXISTS calls (
    source       VARCHAR USING COMPRESSION dictionary NOT NULL,
    call_id      VARCHAR USING COMPRESSION fsst NOT NULL,
    direction    VARCHAR USING COMPRESSION dictionary NOT NULL CHECK (direction IN ('IN', 'OUT')),
    started_at   TIMESTAMPTZ NOT NULL,
    answered_at  TIMESTAMPTZ,
    ended_at     TIMESTAMPTZ,
    duration_s   INTEGER NOT NULL DEFAULT 0,            -- total, ringing included
    answered_s   INTEGER NOT NULL DEFAULT 0,            -- talk time after answer
    billed_s     INTEGER NOT NULL DEFAULT 0,            -- answered time rounded up to the billing increment
    caller       VARCHAR USING COMPRESSION fsst,        -- E.164 where derivable
    callee       VARCHAR USING COMPRESSION fsst,
    did          VARCHAR USING COMPRESSION dictionary,
    country_code VARCHAR USING COMPRESSION dictionary,  -- ISO 3166-1 alpha-2 of the remote party
    destination  VARCHAR USING COMPRESSION dictionary,  -- billing label
    app_id       VARCHAR USING COMPRESSION dictionary,
    app_name     VARCHAR USING COMPRESSION dictionary,
    status       VARCHAR USING COMPRESSION dictionary NOT NULL CHECK (status IN ('ANSWERED', 'NO_ANSWER', 'BUSY', 'FAILED', 'CONGESTION', 'CANCEL', 'OTHER')),
    hangup_cause VARCHAR USING COMPRESSION dictionary,
    debit        DECIMAL(18, 6),
    credit       DECIMAL(18, 6),
    currency     VARCHAR USING COMPRESSION dictionary,  -- ISO 4217
    load_id      BIGINT NOT NULL,
    -- Where debit comes from: 'provider' (billed by the provider), 'rated' (estimated from the rate deck, Rates:Path),
    -- NULL when unpriced (debit NULL). Reports never add estimated spend into billed spend unnamed.
    cost_basis   VARCHAR USING COMPRESSION dictionary,
    -- Which write put the row here: every insert takes a fresh value of the sequence (by default, or the loader's upsert
    -- one for all rows of its statement: SqlTemplates.WriteSeq; never anything else), calls are only ever
    -- inserted and deleted, never updated, and loads are serialised (LoadLock; DuckDB takes one writer process). So a
    -- day's (count, highest write_seq) changes whenever its rows do: a row inserted carries a value above every existing
    -- one. Reports cache each day's aggregates under it (Reports:CacheDays, reports/Aggregates/DayFingerprints.cs).
    write_seq    BIGINT DEFAULT nextval('calls_write_seq')
);
-- Version 6: cost_basis (a database of version 5 gains it at the end, as above; its priced rows are labelled once:
-- TeleVoIPs prices come from the rate deck, every other source's from the provider).
ALTER TABLE calls ADD COLUMN IF NOT EXISTS cost_basis VARCHAR;
UPDATE calls SET cost_basis = CASE WHEN source = 'televoips' THEN 'rated' ELSE 'provider' END
WHERE cost_basis IS NULL AND debit IS NOT NULL AND (SELECT max(version) FROM schema_version) < 6;
-- Version 9: write_seq (a database of version 8 gains it at the end, as above; its rows are numbered as they are).
ALTER TABLE calls ADD COLUMN IF NOT EXISTS write_seq BIGINT DEFAULT nextval('calls_write_seq');

-- The legs behind a call, where a provider sends legs: a Telgorithm call forwarded by "Static Call Forwarding" has
-- an inbound leg (the caller to our number) and an outbound leg (our number to the forwarding destination) that share
-- callSid. calls holds one row per call_id, made from all its legs (calls.call_id = call_legs.call_id): the first leg's
-- direction, numbers and country, the earliest start and latest end, the longest talk time, billed seconds and
-- debit summed over the legs. Legs of one call may come in different files and days (a leg is listed by its own
-- createdOn); each load recomputes the calls its legs belong to from every leg loaded so far.
-- (source, leg_id) is unique, kept so by the loader (see calls).
CREATE TABLE IF NOT EXISTS call_legs (
    source       VARCHAR USING COMPRESSION dictionary NOT NULL,
    call_id      VARCHAR USING COMPRESSION fsst NOT NULL,         -- Telgorithm callSid (the leg's legSid when it has none)
    leg_id       VARCHAR USING COMPRESSION fsst NOT NULL,         -- Telgorithm legSid
    direction    VARCHAR USING COMPRESSION dictionary NOT NULL CHECK (direction IN ('IN', 'OUT')),  -- of this leg (legDirection)
    call_direction VARCHAR USING COMPRESSION dictionary,          -- callDirection as sent ('Inbound', 'Outbound')
    created_at   TIMESTAMPTZ,
    started_at   TIMESTAMPTZ NOT NULL,
    answered_at  TIMESTAMPTZ,
    ended_at     TIMESTAMPTZ,
    duration_s   INTEGER NOT NULL DEFAULT 0,
    answered_s   INTEGER NOT NULL DEFAULT 0,
    billed_s     INTEGER NOT NULL DEFAULT 0,
    caller       VARCHAR USING COMPRESSION fsst,                  -- the leg's from, E.164 where derivable
    callee       VARCHAR USING COMPRESSION fsst,                  -- the leg's to
    country_code VARCHAR USING COMPRESSION dictionary,            -- of the leg's remote party
    status       VARCHAR USING COMPRESSION dictionary NOT NULL,   -- as calls.status
    debit        DECIMAL(18, 6),                                  -- Σ fees[*].total of the leg
    currency     VARCHAR USING COMPRESSION dictionary,
    cost_basis   VARCHAR USING COMPRESSION dictionary,
    load_id      BIGINT NOT NULL
);

-- (source, message_id) is unique, kept so by the loader (see calls).
CREATE TABLE IF NOT EXISTS sms (
    source       VARCHAR USING COMPRESSION dictionary NOT NULL,
    message_id   VARCHAR USING COMPRESSION fsst NOT NULL,
    direction    VARCHAR USING COMPRESSION dictionary NOT NULL CHECK (direction IN ('IN', 'OUT')),
    sent_at      TIMESTAMPTZ NOT NULL,
    sender       VARCHAR USING COMPRESSION fsst,
    recipient    VARCHAR USING COMPRESSION fsst,
    country_code VARCHAR USING COMPRESSION dictionary,
    parts        INTEGER NOT NULL DEFAULT 1,
    status       VARCHAR USING COMPRESSION dictionary,
    debit        DECIMAL(18, 6),
    credit       DECIMAL(18, 6),
    currency     VARCHAR USING COMPRESSION dictionary,
    load_id      BIGINT NOT NULL,
    -- The part of debit that is fees passed on by the provider on top of its own price (Telnyx carrier_fee);
    -- NULL where the source does not itemise them. debit already includes it.
    fees         DECIMAL(18, 6),
    -- Where debit comes from, as in calls ('provider' | 'rated' | NULL when unpriced).
    cost_basis   VARCHAR USING COMPRESSION dictionary
);
-- Version 5: fees (a database of version 3 gains it at the end, as above).
ALTER TABLE sms ADD COLUMN IF NOT EXISTS fees DECIMAL(18, 6);
-- Version 6: cost_basis (a database of version 5 gains it at the end, as above).
ALTER TABLE sms ADD COLUMN IF NOT EXISTS cost_basis VARCHAR;
UPDATE sms SET cost_basis = 'provider' WHERE cost_basis IS NULL AND debit IS NOT NULL AND (SELECT max(version) FROM schema_version) < 6;

-- Every scheduled or manual pipeline step: what ran, for which day, and how it ended.
CREATE SEQUENCE IF NOT EXISTS job_run_id_seq START 1;
CREATE TABLE IF NOT EXISTS job_runs (
    run_id      BIGINT PRIMARY KEY,
    job         VARCHAR NOT NULL,              -- e.g. 'ingest', 'load', 'report', 'email'
    source      VARCHAR,
    day         DATE,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    outcome     VARCHAR NOT NULL,              -- 'running' | 'succeeded' | 'failed' | 'waiting'
    rows        BIGINT,
    error       VARCHAR,
    node        VARCHAR
);

-- ── Raw tables (schema version 2) ────────────────────────────────────────────────────────────────
-- Provider fields exactly as sent (VARCHAR, quoted names keep the provider's spelling), plus the load
-- that brought them and their ordinal in the landing file (CSV: data record number, header excluded;
-- JSON: 1-based index in the page's array). A record re-sent in a later file appears once per file
-- here; the unified tables hold it once. No keys: raw tables are append-only history.
-- TeleVoIPs CSV export rows, columns mapped by header name (FreePBX cdr).
CREATE TABLE IF NOT EXISTS raw_televoips_cdrs (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "calldate"                    VARCHAR USING COMPRESSION fsst,
    "clid"                        VARCHAR USING COMPRESSION fsst,
    "src"                         VARCHAR,
    "dst"                         VARCHAR,
    "dcontext"                    VARCHAR USING COMPRESSION dictionary,
    "channel"                     VARCHAR USING COMPRESSION fsst,
    "dstchannel"                  VARCHAR USING COMPRESSION fsst,
    "lastapp"                     VARCHAR USING COMPRESSION dictionary,
    "lastdata"                    VARCHAR,
    "duration"                    VARCHAR USING COMPRESSION dictionary,
    "billsec"                     VARCHAR USING COMPRESSION dictionary,
    "disposition"                 VARCHAR USING COMPRESSION dictionary,
    "amaflags"                    VARCHAR USING COMPRESSION dictionary,
    "accountcode"                 VARCHAR USING COMPRESSION dictionary,
    "uniqueid"                    VARCHAR USING COMPRESSION fsst,
    "userfield"                   VARCHAR,
    "did"                         VARCHAR USING COMPRESSION dictionary,
    "recordingfile"               VARCHAR,
    "cnum"                        VARCHAR,
    "cnam"                        VARCHAR,
    "outbound_cnum"               VARCHAR USING COMPRESSION dictionary,
    "outbound_cnam"               VARCHAR USING COMPRESSION dictionary,
    "dst_cnam"                    VARCHAR USING COMPRESSION dictionary,
    "linkedid"                    VARCHAR USING COMPRESSION fsst,
    "peeraccount"                 VARCHAR USING COMPRESSION dictionary,
    "sequence"                    VARCHAR USING COMPRESSION fsst
);

-- Telnyx detail records of every record type (voice and messaging) in one table; record_type tells them apart.
CREATE TABLE IF NOT EXISTS raw_telnyx_detail_records (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "record_type"                 VARCHAR USING COMPRESSION dictionary,
    "id"                          VARCHAR USING COMPRESSION fsst,
    "uuid"                        VARCHAR USING COMPRESSION fsst,
    "call_id"                     VARCHAR USING COMPRESSION fsst,
    "direction"                   VARCHAR USING COMPRESSION dictionary,
    "cli"                         VARCHAR USING COMPRESSION fsst,
    "cld"                         VARCHAR USING COMPRESSION fsst,
    "caller_number"               VARCHAR USING COMPRESSION fsst,
    "dest_number"                 VARCHAR USING COMPRESSION fsst,
    "created_at"                  VARCHAR USING COMPRESSION fsst,
    "sent_at"                     VARCHAR USING COMPRESSION fsst,
    "completed_at"                VARCHAR USING COMPRESSION fsst,
    "updated_at"                  VARCHAR USING COMPRESSION fsst,
    "started_at"                  VARCHAR USING COMPRESSION fsst,
    "answered_at"                 VARCHAR USING COMPRESSION fsst,
    "finished_at"                 VARCHAR USING COMPRESSION fsst,
    "ended_at"                    VARCHAR USING COMPRESSION fsst,
    "call_sec"                    VARCHAR USING COMPRESSION dictionary,
    "billed_sec"                  VARCHAR USING COMPRESSION dictionary,
    "message_type"                VARCHAR USING COMPRESSION dictionary,
    "parts"                       VARCHAR USING COMPRESSION dictionary,
    "status"                      VARCHAR USING COMPRESSION dictionary,
    "country_code"                VARCHAR USING COMPRESSION dictionary,
    "rate"                        VARCHAR USING COMPRESSION dictionary,
    "cost"                        VARCHAR USING COMPRESSION dictionary,
    "currency"                    VARCHAR USING COMPRESSION dictionary,
    "carrier"                     VARCHAR USING COMPRESSION dictionary,
    "profile_name"                VARCHAR USING COMPRESSION dictionary,
    "hangup_cause"                VARCHAR USING COMPRESSION dictionary,
    "connection_name"             VARCHAR USING COMPRESSION dictionary,
    "carrier_fee"                 VARCHAR USING COMPRESSION dictionary  -- messaging: passed-on carrier fee, on top of cost
);
-- Version 5: carrier_fee (a database of version 3 gains it; DuckDB adds a column at the end, as above).
ALTER TABLE raw_telnyx_detail_records ADD COLUMN IF NOT EXISTS "carrier_fee" VARCHAR;

-- CALLR cdr.get IN result items.
CREATE TABLE IF NOT EXISTS raw_callr_cdr_in (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "callid"                      VARCHAR USING COMPRESSION fsst,
    "cli_pres"                    VARCHAR USING COMPRESSION dictionary,
    "cli_number"                  VARCHAR USING COMPRESSION fsst,
    "cli_name"                    VARCHAR,
    "start"                       VARCHAR USING COMPRESSION fsst,
    "answer"                      VARCHAR USING COMPRESSION fsst,
    "hangup"                      VARCHAR USING COMPRESSION fsst,
    "hangupsource"                VARCHAR USING COMPRESSION dictionary,
    "hangupcause"                 VARCHAR USING COMPRESSION dictionary,
    "duration"                    VARCHAR USING COMPRESSION dictionary,
    "duration_answered"           VARCHAR USING COMPRESSION dictionary,
    "duration_billed"             VARCHAR USING COMPRESSION dictionary,
    "billing_customer_cost_label" VARCHAR USING COMPRESSION dictionary,
    "billing_customer_debit_eur"  VARCHAR USING COMPRESSION dictionary,
    "billing_customer_credit_eur" VARCHAR USING COMPRESSION dictionary,
    "scenario_name"               VARCHAR USING COMPRESSION dictionary,
    "scenario_hash"               VARCHAR USING COMPRESSION dictionary,
    "package_name"                VARCHAR USING COMPRESSION dictionary,
    "customer_field"              VARCHAR,
    "did_intl_number"             VARCHAR USING COMPRESSION dictionary,
    "did_hash"                    VARCHAR USING COMPRESSION dictionary,
    "cli_country_code"            VARCHAR USING COMPRESSION dictionary,
    "cli_number_type"             VARCHAR USING COMPRESSION dictionary
);

-- CALLR cdr.get OUT result items.
CREATE TABLE IF NOT EXISTS raw_callr_cdr_out (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "callid"                      VARCHAR USING COMPRESSION fsst,
    "cli_pres"                    VARCHAR USING COMPRESSION dictionary,
    "cli_number"                  VARCHAR USING COMPRESSION dictionary,
    "cli_name"                    VARCHAR,
    "start"                       VARCHAR USING COMPRESSION fsst,
    "answer"                      VARCHAR USING COMPRESSION fsst,
    "hangup"                      VARCHAR USING COMPRESSION fsst,
    "hangupsource"                VARCHAR USING COMPRESSION dictionary,
    "hangupcause"                 VARCHAR USING COMPRESSION dictionary,
    "duration"                    VARCHAR USING COMPRESSION dictionary,
    "duration_answered"           VARCHAR USING COMPRESSION dictionary,
    "duration_billed"             VARCHAR USING COMPRESSION dictionary,
    "billing_customer_cost_label" VARCHAR USING COMPRESSION dictionary,
    "billing_customer_debit_eur"  VARCHAR USING COMPRESSION dictionary,
    "billing_customer_credit_eur" VARCHAR USING COMPRESSION dictionary,
    "scenario_name"               VARCHAR USING COMPRESSION dictionary,
    "scenario_hash"               VARCHAR USING COMPRESSION dictionary,
    "package_name"                VARCHAR USING COMPRESSION dictionary,
    "customer_field"              VARCHAR,
    "callid_in"                   VARCHAR,
    "number"                      VARCHAR USING COMPRESSION fsst,
    "number_country_code"         VARCHAR USING COMPRESSION dictionary,
    "number_type"                 VARCHAR USING COMPRESSION dictionary,
    "dialstatus"                  VARCHAR USING COMPRESSION dictionary
);

-- CALLR sms.get_list IN result items.
CREATE TABLE IF NOT EXISTS raw_callr_sms_in (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "type"                        VARCHAR USING COMPRESSION dictionary,
    "hash"                        VARCHAR USING COMPRESSION fsst,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "text"                        VARCHAR,
    "parts"                       VARCHAR USING COMPRESSION dictionary,
    "status"                      VARCHAR USING COMPRESSION dictionary,
    "status_error"                VARCHAR USING COMPRESSION dictionary,
    "b_customer_mode"             VARCHAR USING COMPRESSION dictionary,
    "b_customer_debit"            VARCHAR USING COMPRESSION dictionary,
    "date_creation"               VARCHAR USING COMPRESSION fsst,
    "date_update"                 VARCHAR USING COMPRESSION fsst,
    "date_sent"                   VARCHAR USING COMPRESSION fsst,
    "date_received"               VARCHAR USING COMPRESSION fsst,
    "options"                     VARCHAR
);

-- CALLR sms.get_list OUT result items.
CREATE TABLE IF NOT EXISTS raw_callr_sms_out (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "type"                        VARCHAR USING COMPRESSION dictionary,
    "hash"                        VARCHAR USING COMPRESSION fsst,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "text"                        VARCHAR,
    "parts"                       VARCHAR USING COMPRESSION dictionary,
    "status"                      VARCHAR USING COMPRESSION dictionary,
    "status_error"                VARCHAR USING COMPRESSION dictionary,
    "b_customer_mode"             VARCHAR USING COMPRESSION dictionary,
    "b_customer_debit"            VARCHAR USING COMPRESSION dictionary,
    "date_creation"               VARCHAR USING COMPRESSION fsst,
    "date_update"                 VARCHAR USING COMPRESSION fsst,
    "date_sent"                   VARCHAR USING COMPRESSION fsst,
    "date_received"               VARCHAR USING COMPRESSION fsst,
    "options"                     VARCHAR
);

-- Telgorithm InboundMessages items (fees kept as JSON text).
CREATE TABLE IF NOT EXISTS raw_telgorithm_inbound_messages (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "sid"                         VARCHAR USING COMPRESSION fsst,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "text"                        VARCHAR,
    "mediaUrls"                   VARCHAR,
    "createdOn"                   VARCHAR USING COMPRESSION fsst,
    "segmentCount"                VARCHAR USING COMPRESSION dictionary,
    "fees"                        VARCHAR
);

-- Telgorithm OutboundMessages items (fees kept as JSON text).
CREATE TABLE IF NOT EXISTS raw_telgorithm_outbound_messages (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "sid"                         VARCHAR USING COMPRESSION fsst,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "text"                        VARCHAR,
    "createdOn"                   VARCHAR USING COMPRESSION fsst,
    "carrier"                     VARCHAR USING COMPRESSION dictionary,
    "status"                      VARCHAR USING COMPRESSION dictionary,
    "errorCode"                   VARCHAR USING COMPRESSION dictionary,
    "errorDescription"            VARCHAR USING COMPRESSION dictionary,
    "segmentCount"                VARCHAR USING COMPRESSION dictionary,
    "mediaUrls"                   VARCHAR,
    "expiresOn"                   VARCHAR,
    "fees"                        VARCHAR
);

-- Telgorithm Calls items, one per leg (fees kept as JSON text).
CREATE TABLE IF NOT EXISTS raw_telgorithm_calls (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "legSid"                      VARCHAR USING COMPRESSION fsst,
    "callSid"                     VARCHAR USING COMPRESSION fsst,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "status"                      VARCHAR USING COMPRESSION dictionary,
    "callDirection"               VARCHAR USING COMPRESSION dictionary,
    "legDirection"                VARCHAR USING COMPRESSION dictionary,
    "duration"                    VARCHAR USING COMPRESSION dictionary,
    "createdOn"                   VARCHAR USING COMPRESSION fsst,
    "startedOn"                   VARCHAR,
    "rangOn"                      VARCHAR,
    "answeredOn"                  VARCHAR,
    "completedOn"                 VARCHAR,
    "fees"                        VARCHAR
);

-- Version 8: countries come from libphonenumber's metadata (warehouse/Reference/PhonePrefixes.cs, a TEMP table on the
-- loading connection), not from the hand-made dial-code table that was refreshed here before every load.
DROP TABLE IF EXISTS ref_dial_prefixes;

-- What the latest load left out, and why: a landing day whose manifest is damaged, or a source whose setting is
-- invalid (feed and day NULL). Each load replaces these rows; `analytics status` lists them.
CREATE TABLE IF NOT EXISTS load_skips (
    source     VARCHAR NOT NULL,
    feed       VARCHAR,
    day        DATE,
    subject    VARCHAR NOT NULL,               -- the file or setting at fault
    reason     VARCHAR NOT NULL,               -- one line for a person
    skipped_at TIMESTAMPTZ NOT NULL
);

-- Version 7: the providers' own daily totals (Telnyx usage reports, CALLR analytics summaries), each figure of each
-- loaded totals file (landing/ProviderTotals.cs says what each feed's figures are); a day's are its latest file's.
CREATE TABLE IF NOT EXISTS provider_totals (
    load_id   BIGINT NOT NULL,
    source    VARCHAR NOT NULL,
    feed      VARCHAR NOT NULL,                -- mdr_usage | cdr_usage | calls_summary | sms_summary
    day       DATE NOT NULL,                   -- UTC
    kind      VARCHAR NOT NULL,                -- 'calls' | 'sms'
    direction VARCHAR NOT NULL,                -- 'IN' | 'OUT'
    currency  VARCHAR NOT NULL,
    metric    VARCHAR NOT NULL,                -- count | billed_seconds | answered_seconds | parts | cost
    value     DECIMAL(18, 6) NOT NULL          -- cost in major units
);

-- Version 7: the warehouse against the providers' own totals, per source, UTC day, kind, direction, currency and metric;
-- each load rewrites the days it touched. provider_value and difference (warehouse - provider) are NULL when the
-- provider did not answer ('unavailable'); 'ok' when |difference| <= tolerance_percent % of the provider's figure
-- (tolerance_percent is 0 for count and parts: counts compare exactly).
CREATE TABLE IF NOT EXISTS reconciliation (
    source            VARCHAR NOT NULL,
    day               DATE NOT NULL,
    kind              VARCHAR NOT NULL,        -- 'calls' | 'sms'
    direction         VARCHAR NOT NULL,        -- 'IN' | 'OUT'
    currency          VARCHAR NOT NULL,
    metric            VARCHAR NOT NULL,        -- count | billed_seconds | answered_seconds | parts | cost
    provider_value    DECIMAL(18, 6),
    warehouse_value   DECIMAL(18, 6) NOT NULL,
    difference        DECIMAL(18, 6),
    status            VARCHAR NOT NULL,        -- 'ok' | 'mismatch' | 'unavailable'
    tolerance_percent DECIMAL(9, 4) NOT NULL,
    checked_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, day, kind, direction, currency, metric)
);

INSERT INTO schema_version (version) VALUES (9) ON CONFLICT DO NOTHING;
