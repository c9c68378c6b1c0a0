using System.Globalization;

namespace Analytics.Reports.Aggregates;

/// <summary>
/// The inclusive days [<see cref="From"/>, <see cref="To"/>] of a report, i.e. the instants
/// [From 00:00, To+1 00:00) in <see cref="TimeZone"/>, bucketed by <see cref="Granularity"/>.
/// Renders the SQL literals the aggregate queries embed: only dates and a validated zone name go into
/// the text, so nothing user-typed is ever spliced in raw.
/// </summary>
public sealed record ReportPeriod
{
    public ReportPeriod(DateOnly from, DateOnly to, string timeZone, Granularity granularity)
    {
        if (to < from)
            throw new ArgumentException($"Report period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            throw new ArgumentException($"Reports:TimeZone '{timeZone}' is not a known IANA time zone (e.g. UTC, Europe/Paris).", nameof(timeZone));
        From = from;
        To = to;
        TimeZone = timeZone;
        Granularity = granularity;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public string TimeZone { get; }

    public Granularity Granularity { get; }

    /// <summary>Folder name of the run: <c>yyyy-MM-dd_yyyy-MM-dd</c>.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}_{To:yyyy-MM-dd}");

    internal string ZoneLiteral => Quote(TimeZone);

    /// <summary>First instant of the period (local midnight of <see cref="From"/>) as a TIMESTAMPTZ expression.</summary>
    internal string StartSql => LocalMidnight(From);

    /// <summary>First instant after the period (local midnight of the day after <see cref="To"/>).</summary>
    internal string EndSql => LocalMidnight(To.AddDays(1));

    internal string TruncUnit => Granularity switch
    {
        Granularity.Hour => "hour",
        Granularity.Day => "day",
        Granularity.Week => "week",
        Granularity.Month => "month",
        _ => throw new ArgumentOutOfRangeException(nameof(Granularity), Granularity, null),
    };

    /// <summary>
    /// The bucket start of a TIMESTAMPTZ <paramref name="column"/>. Days, weeks and months use icu's
    /// <c>date_trunc</c> in the session zone (DST-aware). Hours count whole 3600 s steps from the period's
    /// local midnight instead: <c>date_trunc('hour')</c> cannot tell the two 02:00 hours of a DST fall-back apart.
    /// </summary>
    internal string BucketSql(string column) => Granularity == Granularity.Hour
        ? $"to_timestamp(epoch({StartSql}) + floor((epoch({column}) - epoch({StartSql})) / 3600) * 3600)"
        : $"date_trunc('{TruncUnit}', {column})";

    internal string IntervalSql => $"INTERVAL '1 {TruncUnit}'";

    /// <summary>strftime format of a bucket's local start, as short as the granularity allows.</summary>
    internal string LabelFormat => Granularity switch
    {
        Granularity.Hour => "%Y-%m-%d %H:00",
        Granularity.Month => "%Y-%m",
        _ => "%Y-%m-%d",
    };

    private string LocalMidnight(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"timezone({ZoneLiteral}, TIMESTAMP '{day:yyyy-MM-dd} 00:00:00')");

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
