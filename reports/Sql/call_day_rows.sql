-- The connection-local table call_days.sql fills, in the shape the day cache's Parquet files have.
CREATE OR REPLACE TEMP TABLE report_day_rows (
    kind VARCHAR NOT NULL, day BIGINT NOT NULL, source VARCHAR, direction VARCHAR, currency VARCHAR, app_id VARCHAR,
    app_name VARCHAR, country_code VARCHAR, destination VARCHAR, did VARCHAR,
    n_calls BIGINT, n_answered BIGINT, s_answered BIGINT, s_billed BIGINT, n_unpriced BIGINT,
    s_debit DECIMAL(38, 6), s_credit DECIMAL(38, 6), s_billed_debit DECIMAL(38, 6), s_estimated_debit DECIMAL(38, 6)
)
