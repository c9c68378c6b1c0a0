namespace Analytics.Sandbox.Data;

/// <summary>
/// How many records each feed has on each day, and when record i happens. Times are monotone in i,
/// so a time window maps to an index range by binary search, without generating the records.
/// </summary>
internal sealed class Schedule
{
    // Relative traffic per UTC hour: quiet nights, a morning and an afternoon peak.
    private static readonly double[] HourWeights =
    [
        0.6, 0.4, 0.3, 0.3, 0.3, 0.5, 1.0, 2.0, 4.0, 6.0, 7.0, 7.0,
        5.5, 6.0, 7.0, 7.0, 6.5, 5.5, 4.0, 3.0, 2.5, 2.0, 1.5, 1.0,
    ];

    private static readonly double[] HourCumulative = BuildCumulative();

    private readonly int _seed;
    private readonly double _volume;

    public Schedule(int seed, double volume, DateOnly firstDay, int days)
    {
        _seed = seed;
        _volume = volume;
        FirstDay = firstDay;
        Days = days;
    }

    public DateOnly FirstDay { get; }

    public int Days { get; }

    public DateOnly LastDay => FirstDay.AddDays(Days - 1);

    public int Seed => _seed;

    public bool Serves(DateOnly day) => day >= FirstDay && day <= LastDay;

    public IEnumerable<DateOnly> AllDays()
    {
        for (var d = 0; d < Days; d++)
            yield return FirstDay.AddDays(d);
    }

    public static long DayStartMs(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    public int Count(Feed feed, DateOnly day)
    {
        if (!Serves(day))
            return 0;
        var rng = Rng.For(_seed, feed, day.DayNumber, -1);
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.55 : 1.0;
        var wobble = 0.9 + (0.2 * rng.NextDouble());
        return (int)Math.Round(Feeds.BaseVolume(feed) * _volume * weekend * wobble, MidpointRounding.AwayFromZero);
    }

    /// <summary>Unix milliseconds of record i (already truncated to the feed's wire resolution).</summary>
    public long TimeMs(Feed feed, DateOnly day, long index, int count)
    {
        var rng = Rng.For(_seed, feed, day.DayNumber, index);
        return TimeMs(feed, day, index, count, ref rng);
    }

    /// <summary>Same as above, consuming the first draw of the record's own generator.</summary>
    public static long TimeMs(Feed feed, DateOnly day, long index, int count, ref Rng rng)
    {
        var x = (index + rng.NextDouble()) / count;
        var ms = (long)(DiurnalFraction(x) * 86_400_000.0);
        ms = Math.Clamp(ms, 0, 86_399_999);
        // The day's last Telgorithm call starts in its last 1.5 s (see CallGenerator: it is forwarded over midnight).
        // Later than its own time, so still no earlier than any call before it.
        if (feed == Feed.TelgorithmCalls && index == count - 1)
            ms = Math.Max(ms, 86_398_500);
        var res = Feeds.ResolutionMs(feed);
        return DayStartMs(day) + (ms / res * res);
    }

    /// <summary>First index whose time is ≥ <paramref name="unixMs"/> (count if none).</summary>
    public long LowerBound(Feed feed, DateOnly day, long unixMs)
    {
        var count = Count(feed, day);
        long lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (TimeMs(feed, day, mid, count) < unixMs)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>The index ranges, day by day, of records with from ≤ time &lt; to.</summary>
    public List<DayRange> Ranges(Feed feed, long fromMs, long toMs)
    {
        var ranges = new List<DayRange>();
        foreach (var day in AllDays())
        {
            var start = DayStartMs(day);
            if (start + 86_400_000 <= fromMs || start >= toMs)
                continue;
            var lo = fromMs <= start ? 0 : LowerBound(feed, day, fromMs);
            var hi = toMs >= start + 86_400_000 ? Count(feed, day) : LowerBound(feed, day, toMs);
            if (hi > lo)
                ranges.Add(new DayRange(day, lo, hi));
        }
        return ranges;
    }

    private static double DiurnalFraction(double x)
    {
        var h = Array.BinarySearch(HourCumulative, x);
        if (h < 0)
            h = ~h - 1;
        h = Math.Clamp(h, 0, 23);
        var within = (x - HourCumulative[h]) / (HourCumulative[h + 1] - HourCumulative[h]);
        return (h + Math.Clamp(within, 0.0, 1.0)) / 24.0;
    }

    private static double[] BuildCumulative()
    {
        var total = HourWeights.Sum();
        var c = new double[25];
        for (var h = 0; h < 24; h++)
            c[h + 1] = c[h] + (HourWeights[h] / total);
        c[24] = 1.0;
        return c;
    }
}

/// <summary>Records [Start, End) of one day of one feed.</summary>
internal readonly record struct DayRange(DateOnly Day, long Start, long End)
{
    public long Length => End - Start;
}
