-- Longest-prefix country lookup for the distinct E.164 digit strings a batch produced ({{digits_query}}).
-- Equi-joins on every candidate prefix length, so it stays a hash join however many numbers there are. Keyed by
-- the first 7 digits (the longest prefix in dial_codes.csv; a test holds that): a million numbers share a few
-- thousand keys. Join it with lk.digits = left(<digits>, 7).
CREATE OR REPLACE TEMP TABLE {{name}} AS
SELECT d.digits,
       arg_max(p.country_code, length(p.prefix)) AS country_code,
       arg_max(p.dial_code, length(p.prefix)) AS dial_code
FROM (SELECT DISTINCT left(digits, 7) AS digits FROM ({{digits_query}}) q WHERE digits IS NOT NULL) d
JOIN range(1, 8) r(k) ON k <= length(d.digits)
JOIN ref_dial_prefixes p ON p.prefix = left(d.digits, k::INTEGER)
GROUP BY d.digits;
