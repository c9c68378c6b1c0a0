using System.Globalization;
using System.Text;

namespace Analytics.Reports.Aggregates;

/// <summary>
/// Local day, week and month buckets from integer arithmetic on UTC epoch seconds plus the zone's own
/// offset changes inside the range, computed here with <see cref="TimeZoneInfo"/>. DuckDB then never calls
/// ICU per row (icu's <c>date_trunc</c> in a session zone cost 6–7× a plain scan over 10M calls). A bucket
/// is an integer key: the local day number since 1970-01-01 (day), the day number of its Monday (week),
/// year × 12 + month − 1 (month), or whole hours since the range's first local midnight (hour).
/// </summary>
internal sealed class Bucketing
{
    private const long SecondsPerDay = 86_400;
    private readonly TimeZoneInfo _zone;
    private readonly List<(long Since, long Offset)> _offsets;

    /// <param name="start">First instant bucketed (UTC).</param>
    /// <param name="end">First instant after the range (UTC).</param>
    public Bucketing(TimeZoneInfo zone, DateTimeOffset start, DateTimeOffset end, Granularity granularity)
    {
        _zone = zone;
        Granularity = granularity;
        Start = start;
        _offsets = Offsets(zone, start.ToUnixTimeSeconds(), end.ToUnixTimeSeconds());
        FirstKey = KeyOf(start);
        var last = KeyOf(end.AddSeconds(-1));
        Count = (int)((last - FirstKey) / Step) + 1;
    }

    public Granularity Granularity { get; }

    public DateTimeOffset Start { get; }

    /// <summary>The key of the range's first bucket.</summary>
    public long FirstKey { get; }

    /// <summary>How far apart consecutive keys are: 7 for weeks (a key is its Monday's day number), else 1.</summary>
    public long Step => Granularity == Granularity.Week ? 7 : 1;

    /// <summary>How many buckets the range touches; bucket i has the key <c>FirstKey + i * Step</c>.</summary>
    public int Count { get; }

    /// <summary>The offset in force at each instant of the range: the first entry holds from the range's start, each next one from its <c>Since</c>.</summary>
    public IReadOnlyList<(long Since, long Offset)> Transitions => _offsets;

    /// <summary>The SQL of a TIMESTAMPTZ column's bucket key (BIGINT).</summary>
    public string KeySql(string column)
    {
        var seconds = $"(epoch_ms({column}) // 1000)";
        if (Granularity == Granularity.Hour)
            return string.Create(CultureInfo.InvariantCulture, $"(({seconds} - {Start.ToUnixTimeSeconds()}) // 3600)");
        var day = $"(({seconds} + {OffsetSql(seconds)}) // {SecondsPerDay})";
        return Granularity switch
        {
            Granularity.Day => day,
            // 1970-01-01 was a Thursday: day 4 was a Monday.
            Granularity.Week => $"((({day} - 4) // 7) * 7 + 4)",
            Granularity.Month => $"(SELECT year(d) * 12 + month(d) - 1 FROM (SELECT (DATE '1970-01-01' + {day}::INTEGER) AS d))",
            _ => throw new InvalidOperationException($"no bucket for granularity {Granularity}"),
        };
    }

    /// <summary>
    /// The SQL of the bucket key (BIGINT) of a local day number column (days since 1970-01-01, the day granularity's
    /// key): weeks and months are made of whole local days. Not for hours.
    /// </summary>
    public string KeyOfDaySql(string dayColumn) => Granularity switch
    {
        Granularity.Day => $"({dayColumn})",
        Granularity.Week => $"((({dayColumn} - 4) // 7) * 7 + 4)",
        Granularity.Month => $"(SELECT year(d) * 12 + month(d) - 1 FROM (SELECT (DATE '1970-01-01' + ({dayColumn})::INTEGER) AS d))",
        _ => throw new InvalidOperationException($"an {Granularity} bucket is not made of whole days"),
    };

    /// <summary>The SQL of a TIMESTAMPTZ column's bucket index in the range (BIGINT, 0 to <see cref="Count"/> − 1) for instants inside it.</summary>
    public string IndexSql(string column) =>
        string.Create(CultureInfo.InvariantCulture, $"(({KeySql(column)} - {FirstKey}) // {Step})");

    /// <summary>The key of the bucket holding <paramref name="instant"/>, as <see cref="KeySql"/> computes it.</summary>
    public long KeyOf(DateTimeOffset instant)
    {
        var seconds = instant.ToUnixTimeSeconds();
        if (Granularity == Granularity.Hour)
            return FloorDiv(seconds - Start.ToUnixTimeSeconds(), 3600);
        var day = FloorDiv(seconds + OffsetAt(seconds), SecondsPerDay);
        return Granularity switch
        {
            Granularity.Day => day,
            Granularity.Week => (FloorDiv(day - 4, 7) * 7) + 4,
            _ => MonthKey(DateOnly.FromDayNumber((int)day + Epoch.DayNumber)),
        };
    }

    /// <summary>The first instant (UTC) of the bucket <paramref name="key"/>.</summary>
    public DateTimeOffset StartOf(long key) => Granularity switch
    {
        Granularity.Hour => Start.AddHours(key),
        Granularity.Month => LocalMidnight(new DateOnly((int)(key / 12), (int)(key % 12) + 1, 1)),
        _ => LocalMidnight(DateOnly.FromDayNumber((int)key + Epoch.DayNumber)),
    };

    /// <summary>The key following <paramref name="key"/>.</summary>
    public long Next(long key) => Granularity switch
    {
        Granularity.Week => key + 7,
        _ => key + 1,
    };

    /// <summary>The bucket's local start as the history tables print it (hour: yyyy-MM-dd HH:00, day/week: yyyy-MM-dd, month: yyyy-MM).</summary>
    public string Label(long key)
    {
        var local = TimeZoneInfo.ConvertTime(StartOf(key), _zone);
        return Granularity switch
        {
            Granularity.Hour => local.ToString("yyyy-MM-dd HH:00", CultureInfo.InvariantCulture),
            Granularity.Month => local.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Midnight at the start of <paramref name="day"/> in the zone (the first valid local instant when midnight is skipped).</summary>
    public DateTimeOffset LocalMidnight(DateOnly day) => LocalMidnight(_zone, day);

    public static DateTimeOffset LocalMidnight(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a spring-forward gap starts the day at the gap's end, as ICU does.
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        // An ambiguous midnight (fall-back at 00:00) is the first, earlier instant.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static readonly DateOnly Epoch = new(1970, 1, 1);

    private static long MonthKey(DateOnly day) => (day.Year * 12L) + day.Month - 1;

    private long OffsetAt(long seconds)
    {
        var offset = _offsets[0].Offset;
        foreach (var (since, value) in _offsets)
        {
            if (seconds >= since)
                offset = value;
        }

        return offset;
    }

    private string OffsetSql(string seconds)
    {
        if (_offsets.Count == 1)
            return _offsets[0].Offset.ToString(CultureInfo.InvariantCulture);
        var sql = new StringBuilder("CASE");
        for (var i = 1; i < _offsets.Count; i++)
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {seconds} < {_offsets[i].Since} THEN {_offsets[i - 1].Offset}");
        sql.Append(CultureInfo.InvariantCulture, $" ELSE {_offsets[^1].Offset} END");
        return sql.ToString();
    }

    /// <summary>The zone's UTC offsets over [start, end): sampled each hour, each change then pinned to its second.</summary>
    private static List<(long Since, long Offset)> Offsets(TimeZoneInfo zone, long start, long end)
    {
        long OffsetOf(long s) => (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(s)).TotalSeconds;
        var offsets = new List<(long, long)> { (start, OffsetOf(start)) };
        var current = offsets[0].Item2;
        for (var s = start; s < end; s += 3600)
        {
            var next = Math.Min(s + 3600, end);
            if (OffsetOf(next) == current)
                continue;
            // The change lies in (s, next]: find its first second.
            long low = s, high = next;
            while (high - low > 1)
            {
                var mid = low + ((high - low) / 2);
                if (OffsetOf(mid) == current)
                    low = mid;
                else
                    high = mid;
            }

            current = OffsetOf(high);
            offsets.Add((high, current));
        }

        return offsets;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
