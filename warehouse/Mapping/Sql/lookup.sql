-- Longest-prefix country lookup for the distinct E.164 digit strings a batch produced ({{digits_query}}).
-- Equi-joins on every candidate prefix length, so it stays a hash join however many numbers there are.
CREATE OR REPLACE TEMP TABLE {{name}} AS
SELECT d.digits,
       arg_max(p.country_code, length(p.prefix)) AS country_code,
       arg_max(p.dial_code, length(p.prefix)) AS dial_code
FROM (SELECT DISTINCT digits FROM ({{digits_query}}) q WHERE digits IS NOT NULL) d
JOIN range(1, 8) r(k) ON k <= length(d.digits)
JOIN ref_dial_prefixes p ON p.prefix = left(d.digits, k::INTEGER)
GROUP BY d.digits;
