-- The TeleVoIPs rate deck (Rates:Path): prefix digits, price per minute, currency, billing increment.
CREATE OR REPLACE TEMP TABLE an_rate_deck AS
SELECT regexp_replace(trim(prefix), '[^0-9]', '', 'g') AS prefix,
       CAST(trim(rate_per_minute) AS DECIMAL(18, 6)) AS rate_per_minute,
       upper(trim(currency)) AS currency,
       CAST(trim(increment_s) AS INTEGER) AS increment_s
FROM read_csv({{path}}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"');
-- Numbers are priced by their first max_prefix digits: no deck prefix is longer, so numbers sharing them share a rate.
CREATE OR REPLACE TEMP TABLE an_rates_key AS SELECT greatest(coalesce(max(length(prefix)), 1), 1) AS max_prefix FROM an_rate_deck;
-- Longest deck prefix for each distinct number start of the batch.
CREATE OR REPLACE TEMP TABLE an_rates AS
SELECT d.digits,
       arg_max(p.rate_per_minute, length(p.prefix)) AS rate_per_minute,
       arg_max(p.currency, length(p.prefix)) AS currency,
       arg_max(p.increment_s, length(p.prefix)) AS increment_s
FROM (SELECT DISTINCT left(remote_digits, (SELECT max_prefix FROM an_rates_key)) AS digits
      FROM an_tv_calls WHERE remote_digits IS NOT NULL) d
JOIN range(1, 16) r(k) ON k <= length(d.digits)
JOIN an_rate_deck p ON p.prefix = left(d.digits, k::INTEGER)
GROUP BY d.digits;
