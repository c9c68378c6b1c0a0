-- Country lookup by ONE equi-join (the loader's hottest join: every number of a batch). Every digit string of up to
-- {{key_digits}} digits is a key, with the longest prefix of ref_dial_prefixes it starts with; numbers under the few
-- prefixes longer than that ({{roots}}) get keys of up to {{max_length}} digits. an_dial_key(d) picks the key of the
-- digits d, so `LEFT JOIN ref_dial_keys k ON k.key = an_dial_key(d)` is the longest-prefix match.
-- Placeholders: {{key_digits}}, {{roots}} (quoted, comma-separated), {{root_rows}} (VALUES rows), {{max_length}}.
CREATE OR REPLACE TEMP TABLE ref_dial_keys AS
WITH keys AS (
    SELECT lpad(CAST(unnest(range(0, CAST(10 ** n AS BIGINT))) AS VARCHAR), CAST(n AS INTEGER), '0') AS key
    FROM range(1, {{key_digits}} + 1) t(n)
    UNION ALL
    SELECT r.root || lpad(CAST(unnest(range(0, CAST(10 ** (n - {{key_digits}}) AS BIGINT))) AS VARCHAR), CAST(n - {{key_digits}} AS INTEGER), '0')
    FROM (VALUES {{root_rows}}) r(root), range({{key_digits}} + 1, {{max_length}} + 1) t(n)
)
SELECT k.key, arg_max(p.country_code, length(p.prefix)) AS country_code, arg_max(p.dial_code, length(p.prefix)) AS dial_code
FROM keys k
JOIN range(1, {{max_length}} + 1) r(n) ON n <= length(k.key)
JOIN ref_dial_prefixes p ON p.prefix = left(k.key, CAST(n AS INTEGER))
GROUP BY k.key;
CREATE OR REPLACE TEMP MACRO an_dial_key(d) AS left(d, CASE WHEN left(d, {{key_digits}}) IN ({{roots}}) THEN {{max_length}} ELSE {{key_digits}} END);
