-- Session macros every load uses (TEMP: they live on the loading connection only, never in the file).
SET TimeZone = 'UTC';
-- trim() looks up the Unicode category of every character (it trims Unicode spaces, not tabs or newlines). A value
-- whose byte length is its length in characters is ASCII, where the only such space is ' ': when it neither starts
-- nor ends with one it is its own trim (1M 36-character ids: 0.04 s of CPU against 0.30 s). Use it on columns.
CREATE OR REPLACE TEMP MACRO an_trim(x) AS CASE WHEN strlen(x) = length(x) AND NOT starts_with(x, ' ') AND NOT ends_with(x, ' ') THEN x ELSE trim(x) END;
CREATE OR REPLACE TEMP MACRO an_clean(x) AS regexp_replace(an_trim(x), '[\s().\-/]', '', 'g');
-- E.164 where it can be derived safely, else the value as sent (trimmed; extensions stay '201').
-- home: the ISO region national numbers are dialled in ('US'), whose international and national prefixes and number
-- patterns an_national applies (generated from libphonenumber's metadata: Reference/HomeCountry.cs); NULL when
-- unknown, so national numbers stay as sent.
CREATE OR REPLACE TEMP MACRO an_e164_slow(c, t, home) AS (
    CASE
        WHEN regexp_full_match(c, '\+[1-9][0-9]{6,14}') THEN c
        WHEN regexp_full_match(c, '00[1-9][0-9]{6,14}') THEN '+' || substr(c, 3)
        ELSE coalesce(CASE WHEN home IS NOT NULL THEN an_national(c, home) END,
                      CASE WHEN regexp_full_match(c, '[1-9][0-9]{10,14}') THEN '+' || c END,
                      t)
    END);
-- Fast paths first (already E.164, short extensions): most numbers never reach the slow branches. A macro repeats
-- its arguments where they are used, so the cleaned number is bound once through a one-element list (2.6× faster
-- on national numbers than an_clean(x) written into each branch).
CREATE OR REPLACE TEMP MACRO an_e164(x, home) AS (
    CASE
        WHEN x IS NULL THEN NULL
        WHEN regexp_full_match(x, '\+[1-9][0-9]{6,14}') THEN x
        WHEN an_trim(x) = '' THEN NULL
        WHEN length(x) <= 6 AND regexp_full_match(x, '[0-9*#]+') THEN x
        ELSE list_transform([an_clean(x)], c -> an_e164_slow(c, an_trim(x), home))[1]
    END);
-- Digits of an E.164 number, NULL for anything that is not one (so no country is guessed for '201').
CREATE OR REPLACE TEMP MACRO an_digits(e) AS CASE WHEN starts_with(e, '+') THEN substr(e, 2) END;
-- '' and MySQL zero dates mean "no value".
CREATE OR REPLACE TEMP MACRO an_blank_ts(x) AS (x IS NULL OR an_trim(x) = '' OR starts_with(an_trim(x), '0000-00-00'));
-- UTC instants: ISO-8601 with Z/offset, or 'yyyy-MM-dd HH:mm:ss[.fff]' read as UTC (session zone). The common
-- 'yyyy-MM-dd HH:mm:ss' (19 characters, no room for a zone) skips ICU's TIMESTAMPTZ parser, 5× slower; a zero
-- date fails that cast and is NULL either way. So does ISO-8601 in UTC ('…T…Z', as Telnyx and Telgorithm send
-- it, whole seconds, milli- or microseconds), which the plain TIMESTAMP parser reads exactly; anything else, any
-- other offset included, goes to ICU (that parser would drop an offset).
-- Byte lengths pick the one pattern a string can match (strlen is free, length and x[i] read every character). A 'Z'
-- time either parser rejects is NULL either way, so it is cast once (the cast is half the macro's cost).
-- Patterns have no '%' (a leading one made LIKE 2.5× slower), and a zero date is not cast: a cast that fails costs
-- about three that succeed (1M CALLR answer times, a quarter of them zero: 0.25 s of CPU, 0.10 s without them).
CREATE OR REPLACE TEMP MACRO an_utc(x) AS CASE
    WHEN strlen(x) = 19 AND x LIKE '________________:__' THEN CASE WHEN NOT starts_with(x, '0000-00-00') THEN make_timestamptz(epoch_us(TRY_CAST(x AS TIMESTAMP))) END
    WHEN ends_with(x, 'Z') AND ((strlen(x) = 24 AND x LIKE '____-__-__T__:__:__.___Z') OR (strlen(x) = 20 AND x LIKE '____-__-__T__:__:__Z')
                                OR (strlen(x) = 27 AND x LIKE '____-__-__T__:__:__.______Z'))
         THEN make_timestamptz(epoch_us(TRY_CAST(x AS TIMESTAMP)))
    WHEN an_blank_ts(x) THEN NULL
    ELSE TRY_CAST(an_trim(x) AS TIMESTAMPTZ)
END;
CREATE OR REPLACE TEMP MACRO an_bad_ts(x) AS (an_utc(x) IS NULL AND NOT an_blank_ts(x));
-- Whole seconds: '73', '73.0' (rounded), or 'hh:mm:ss' / 'mm:ss'. Plain numbers are tried first: the regular
-- expression only runs on what is not one.
CREATE OR REPLACE TEMP MACRO an_secs(x) AS (
    CASE
        WHEN TRY_CAST(x AS DECIMAL(18, 3)) IS NOT NULL THEN TRY_CAST(round(TRY_CAST(x AS DECIMAL(18, 3))) AS INTEGER)
        WHEN x IS NULL OR an_trim(x) = '' THEN NULL
        WHEN regexp_full_match(an_trim(x), '[0-9]+(:[0-5][0-9]){1,2}') THEN
            list_reduce(list_transform(string_split(an_trim(x), ':'), v -> TRY_CAST(v AS BIGINT)), (a, b) -> a * 60 + b)::INTEGER
    END);
CREATE OR REPLACE TEMP MACRO an_given(x) AS (x IS NOT NULL AND an_trim(x) <> '');
CREATE OR REPLACE TEMP MACRO an_bad_secs(x) AS (an_given(x) AND (an_secs(x) IS NULL OR an_secs(x) < 0));
-- The same, given the value an_secs(x) already computed.
CREATE OR REPLACE TEMP MACRO an_bad_secs_of(x, secs) AS (an_given(x) AND (secs IS NULL OR secs < 0));
-- A plain amount is read without trimming it first (trim scans every character for Unicode spaces).
CREATE OR REPLACE TEMP MACRO an_money(x) AS CASE
    WHEN TRY_CAST(x AS DECIMAL(18, 6)) IS NOT NULL THEN TRY_CAST(x AS DECIMAL(18, 6))
    WHEN x IS NULL OR an_trim(x) = '' THEN NULL
    ELSE TRY_CAST(an_trim(x) AS DECIMAL(18, 6))
END;
CREATE OR REPLACE TEMP MACRO an_bad_money(x) AS (x IS NOT NULL AND an_trim(x) <> '' AND TRY_CAST(an_trim(x) AS DECIMAL(18, 6)) IS NULL);
