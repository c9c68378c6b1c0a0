-- Analytics warehouse schema (DuckDB). The single DDL source: applied at every start-up, so every
-- statement is idempotent. Bump schema_version's value when a table changes shape, and add the
-- migration as an idempotent statement below the table it touches.

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
-- (source, call_id) is unique, kept so by the loader's MERGE (one writer, batch deduplicated first). It is not a
-- PRIMARY KEY: DuckDB's key index made a 1M-row load 2.5x slower and held memory in proportion to the table.
-- Schema version 3 rebuilt the version-2 tables without it (Schema/SchemaMigrations.cs).
CREATE TABLE IF NOT EXISTS calls (
    source       VARCHAR NOT NULL,
    call_id      VARCHAR NOT NULL,
    direction    VARCHAR NOT NULL CHECK (direction IN ('IN', 'OUT')),
    started_at   TIMESTAMPTZ NOT NULL,
    answered_at  TIMESTAMPTZ,
    ended_at     TIMESTAMPTZ,
    duration_s   INTEGER NOT NULL DEFAULT 0,   -- total, ringing included
    answered_s   INTEGER NOT NULL DEFAULT 0,   -- talk time after answer
    billed_s     INTEGER NOT NULL DEFAULT 0,   -- answered time rounded up to the billing increment
    caller       VARCHAR,                      -- E.164 where derivable
    callee       VARCHAR,
    did          VARCHAR,
    country_code VARCHAR,                      -- ISO 3166-1 alpha-2 of the remote party
    destination  VARCHAR,                      -- billing label
    app_id       VARCHAR,
    app_name     VARCHAR,
    status       VARCHAR NOT NULL CHECK (status IN ('ANSWERED', 'NO_ANSWER', 'BUSY', 'FAILED', 'CONGESTION', 'CANCEL', 'OTHER')),
    hangup_cause VARCHAR,
    debit        DECIMAL(18, 6),
    credit       DECIMAL(18, 6),
    currency     VARCHAR,                      -- ISO 4217
    load_id      BIGINT NOT NULL
);

-- (source, message_id) is unique, kept so by the loader (see calls).
CREATE TABLE IF NOT EXISTS sms (
    source       VARCHAR NOT NULL,
    message_id   VARCHAR NOT NULL,
    direction    VARCHAR NOT NULL CHECK (direction IN ('IN', 'OUT')),
    sent_at      TIMESTAMPTZ NOT NULL,
    sender       VARCHAR,
    recipient    VARCHAR,
    country_code VARCHAR,
    parts        INTEGER NOT NULL DEFAULT 1,
    status       VARCHAR,
    debit        DECIMAL(18, 6),
    credit       DECIMAL(18, 6),
    currency     VARCHAR,
    load_id      BIGINT NOT NULL
);

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
    "calldate"                    VARCHAR,
    "clid"                        VARCHAR,
    "src"                         VARCHAR,
    "dst"                         VARCHAR,
    "dcontext"                    VARCHAR,
    "channel"                     VARCHAR,
    "dstchannel"                  VARCHAR,
    "lastapp"                     VARCHAR,
    "lastdata"                    VARCHAR,
    "duration"                    VARCHAR,
    "billsec"                     VARCHAR,
    "disposition"                 VARCHAR,
    "amaflags"                    VARCHAR,
    "accountcode"                 VARCHAR,
    "uniqueid"                    VARCHAR,
    "userfield"                   VARCHAR,
    "did"                         VARCHAR,
    "recordingfile"               VARCHAR,
    "cnum"                        VARCHAR,
    "cnam"                        VARCHAR,
    "outbound_cnum"               VARCHAR,
    "outbound_cnam"               VARCHAR,
    "dst_cnam"                    VARCHAR,
    "linkedid"                    VARCHAR,
    "peeraccount"                 VARCHAR,
    "sequence"                    VARCHAR
);

-- Telnyx detail records of every record type (voice and messaging) in one table; record_type tells them apart.
CREATE TABLE IF NOT EXISTS raw_telnyx_detail_records (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "record_type"                 VARCHAR,
    "id"                          VARCHAR,
    "uuid"                        VARCHAR,
    "call_id"                     VARCHAR,
    "direction"                   VARCHAR,
    "cli"                         VARCHAR,
    "cld"                         VARCHAR,
    "caller_number"               VARCHAR,
    "dest_number"                 VARCHAR,
    "created_at"                  VARCHAR,
    "sent_at"                     VARCHAR,
    "completed_at"                VARCHAR,
    "updated_at"                  VARCHAR,
    "started_at"                  VARCHAR,
    "answered_at"                 VARCHAR,
    "finished_at"                 VARCHAR,
    "ended_at"                    VARCHAR,
    "call_sec"                    VARCHAR,
    "billed_sec"                  VARCHAR,
    "message_type"                VARCHAR,
    "parts"                       VARCHAR,
    "status"                      VARCHAR,
    "country_code"                VARCHAR,
    "rate"                        VARCHAR,
    "cost"                        VARCHAR,
    "currency"                    VARCHAR,
    "carrier"                     VARCHAR,
    "profile_name"                VARCHAR,
    "hangup_cause"                VARCHAR,
    "connection_name"             VARCHAR
);

-- CALLR cdr.get IN result items.
CREATE TABLE IF NOT EXISTS raw_callr_cdr_in (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "callid"                      VARCHAR,
    "cli_pres"                    VARCHAR,
    "cli_number"                  VARCHAR,
    "cli_name"                    VARCHAR,
    "start"                       VARCHAR,
    "answer"                      VARCHAR,
    "hangup"                      VARCHAR,
    "hangupsource"                VARCHAR,
    "hangupcause"                 VARCHAR,
    "duration"                    VARCHAR,
    "duration_answered"           VARCHAR,
    "duration_billed"             VARCHAR,
    "billing_customer_cost_label" VARCHAR,
    "billing_customer_debit_eur"  VARCHAR,
    "billing_customer_credit_eur" VARCHAR,
    "scenario_name"               VARCHAR,
    "scenario_hash"               VARCHAR,
    "package_name"                VARCHAR,
    "customer_field"              VARCHAR,
    "did_intl_number"             VARCHAR,
    "did_hash"                    VARCHAR,
    "cli_country_code"            VARCHAR,
    "cli_number_type"             VARCHAR
);

-- CALLR cdr.get OUT result items.
CREATE TABLE IF NOT EXISTS raw_callr_cdr_out (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "callid"                      VARCHAR,
    "cli_pres"                    VARCHAR,
    "cli_number"                  VARCHAR,
    "cli_name"                    VARCHAR,
    "start"                       VARCHAR,
    "answer"                      VARCHAR,
    "hangup"                      VARCHAR,
    "hangupsource"                VARCHAR,
    "hangupcause"                 VARCHAR,
    "duration"                    VARCHAR,
    "duration_answered"           VARCHAR,
    "duration_billed"             VARCHAR,
    "billing_customer_cost_label" VARCHAR,
    "billing_customer_debit_eur"  VARCHAR,
    "billing_customer_credit_eur" VARCHAR,
    "scenario_name"               VARCHAR,
    "scenario_hash"               VARCHAR,
    "package_name"                VARCHAR,
    "customer_field"              VARCHAR,
    "callid_in"                   VARCHAR,
    "number"                      VARCHAR,
    "number_country_code"         VARCHAR,
    "number_type"                 VARCHAR,
    "dialstatus"                  VARCHAR
);

-- CALLR sms.get_list IN result items.
CREATE TABLE IF NOT EXISTS raw_callr_sms_in (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "type"                        VARCHAR,
    "hash"                        VARCHAR,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "text"                        VARCHAR,
    "parts"                       VARCHAR,
    "status"                      VARCHAR,
    "status_error"                VARCHAR,
    "b_customer_mode"             VARCHAR,
    "b_customer_debit"            VARCHAR,
    "date_creation"               VARCHAR,
    "date_update"                 VARCHAR,
    "date_sent"                   VARCHAR,
    "date_received"               VARCHAR,
    "options"                     VARCHAR
);

-- CALLR sms.get_list OUT result items.
CREATE TABLE IF NOT EXISTS raw_callr_sms_out (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "type"                        VARCHAR,
    "hash"                        VARCHAR,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "text"                        VARCHAR,
    "parts"                       VARCHAR,
    "status"                      VARCHAR,
    "status_error"                VARCHAR,
    "b_customer_mode"             VARCHAR,
    "b_customer_debit"            VARCHAR,
    "date_creation"               VARCHAR,
    "date_update"                 VARCHAR,
    "date_sent"                   VARCHAR,
    "date_received"               VARCHAR,
    "options"                     VARCHAR
);

-- Telgorithm InboundMessages items (fees kept as JSON text).
CREATE TABLE IF NOT EXISTS raw_telgorithm_inbound_messages (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "sid"                         VARCHAR,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "text"                        VARCHAR,
    "mediaUrls"                   VARCHAR,
    "createdOn"                   VARCHAR,
    "segmentCount"                VARCHAR,
    "fees"                        VARCHAR
);

-- Telgorithm OutboundMessages items (fees kept as JSON text).
CREATE TABLE IF NOT EXISTS raw_telgorithm_outbound_messages (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "sid"                         VARCHAR,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "text"                        VARCHAR,
    "createdOn"                   VARCHAR,
    "carrier"                     VARCHAR,
    "status"                      VARCHAR,
    "errorCode"                   VARCHAR,
    "errorDescription"            VARCHAR,
    "segmentCount"                VARCHAR,
    "mediaUrls"                   VARCHAR,
    "expiresOn"                   VARCHAR,
    "fees"                        VARCHAR
);

-- Telgorithm Calls items, one per leg (fees kept as JSON text).
CREATE TABLE IF NOT EXISTS raw_telgorithm_calls (
    load_id                       BIGINT NOT NULL,
    ordinal                       BIGINT NOT NULL,
    "legSid"                      VARCHAR,
    "callSid"                     VARCHAR,
    "from"                        VARCHAR,
    "to"                          VARCHAR,
    "status"                      VARCHAR,
    "callDirection"               VARCHAR,
    "legDirection"                VARCHAR,
    "duration"                    VARCHAR,
    "createdOn"                   VARCHAR,
    "startedOn"                   VARCHAR,
    "rangOn"                      VARCHAR,
    "answeredOn"                  VARCHAR,
    "completedOn"                 VARCHAR,
    "fees"                        VARCHAR
);

-- Country calling codes (ITU E.164 assignments, NANP area codes as '1' + area code), refreshed from the
-- warehouse assembly's embedded reference data at start-up. Longest prefix wins.
CREATE TABLE IF NOT EXISTS ref_dial_prefixes (
    prefix       VARCHAR PRIMARY KEY,          -- digits, no '+'
    country_code VARCHAR NOT NULL,             -- ISO 3166-1 alpha-2
    dial_code    VARCHAR NOT NULL              -- the country calling code itself ('1' for all of NANP)
);

INSERT INTO schema_version (version) VALUES (3) ON CONFLICT DO NOTHING;
