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
    status        VARCHAR NOT NULL,            -- 'loaded'
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
    load_id      BIGINT NOT NULL,
    PRIMARY KEY (source, call_id)
);

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
    load_id      BIGINT NOT NULL,
    PRIMARY KEY (source, message_id)
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

INSERT INTO schema_version (version) VALUES (1) ON CONFLICT DO NOTHING;
