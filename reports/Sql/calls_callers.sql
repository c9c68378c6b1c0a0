-- Unique inbound callers of the period, exact, per bucket × source × currency, per bucket × currency (ALL), and
-- for the whole period (bucket NULL) likewise, into the connection-local temporary table report_period_callers
-- that calls_summary.sql and calls_history.sql join. A caller counts once per group however many calls it made.
--
-- One pass over the inbound calls: each (currency, caller) gets a bit set of the (source, bucket) pairs it called
-- in (64-bit words w0, w1, …: bit p = source position × bucket count + bucket index, see
-- calls_caller_sources.sql). Callers with the same currency and bit set are then counted together, and each bit
-- set adds its count to every group it touches: a bucket's source (its bit), the source over the period (any bit
-- of the source), the bucket over all sources (that bucket's bit of any source) and the period (always). The
-- caller strings are hashed once, in one table, instead of once per count(DISTINCT) per grouping set, and no
-- hash stands in for a number, so the counts are exact. AggregateQueries uses calls_callers_distinct.sql when
-- the bit set would be wider than it allows.
CREATE OR REPLACE TEMP TABLE report_period_callers AS
WITH seen AS MATERIALIZED (
    SELECT currency, {{caller_word_names}}, count(*) AS callers
    FROM (
        SELECT currency, caller, {{caller_words}}
        FROM (
            SELECT currency, caller,
                   (list_position((SELECT list(source ORDER BY position) FROM report_caller_sources), source) - 1) * {{buckets}}
                   + {{bucket_index:started_at}} AS p
            FROM calls
            WHERE started_at >= {{start}} AND started_at < {{end}} AND direction = 'IN' AND caller IS NOT NULL
        )
        GROUP BY currency, caller
    )
    GROUP BY ALL
),
bits AS MATERIALIZED (
    SELECT id, currency, callers, p // {{buckets}} AS position, p % {{buckets}} AS b
    FROM (SELECT row_number() OVER () AS id, * FROM seen), range({{bits}}) t(p)
    WHERE ({{caller_word_of_p}} >> (p % 64)) & 1 = 1
)
SELECT {{first_bucket}} + b * {{bucket_step}} AS bucket, s.source, currency, sum(callers)::BIGINT AS callers
FROM bits JOIN report_caller_sources s USING (position) GROUP BY ALL
UNION ALL
SELECT NULL, s.source, currency, sum(callers)::BIGINT
FROM (SELECT DISTINCT id, position, currency, callers FROM bits) JOIN report_caller_sources s USING (position) GROUP BY ALL
UNION ALL
SELECT {{first_bucket}} + b * {{bucket_step}}, 'ALL', currency, sum(callers)::BIGINT
FROM (SELECT DISTINCT id, b, currency, callers FROM bits) GROUP BY ALL
UNION ALL
SELECT NULL, 'ALL', currency, sum(callers)::BIGINT FROM seen GROUP BY currency
