-- Every inbound call's caller that is "+" and digits, as (day, group, number) lines of a CSV file that CallDays reads
-- into each day's sorted caller sets: {{group}} numbers the (source, currency) pairs. Not deduplicated here: sorting
-- each day's numbers in .NET costs less than DuckDB hashing them.
COPY (
    SELECT day, g, caller_key FROM (
        SELECT {{bucket:started_at}} AS day, {{group}} AS g, {{caller_key}} AS caller_key
        FROM calls
        WHERE started_at >= {{start}} AND started_at < {{end}} AND direction = 'IN' AND caller IS NOT NULL
    )
    WHERE caller_key IS NOT NULL
) TO {{path}} (FORMAT csv, HEADER false)
