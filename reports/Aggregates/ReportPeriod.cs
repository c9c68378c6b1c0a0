using System.Globalization;

namespace Analytics.Reports.Aggregates;

/// <summary>
/// The inclusive days [<see cref="From"/>, <see cref="To"/>] of a report, i.e. the instants
/// [From 00:00, To+1 00:00) in <see cref="TimeZone"/>, bucketed by <see cref="Granularity"/>.
/// Renders the SQL literals the aggregate queries embed: only UTC instants computed here go into the
/// text, so nothing user-typed is ever spliced in raw.
/// </summary>
public sealed record ReportPeriod
{
    public ReportPeriod(DateOnly from, DateOnly to, string timeZone, Granularity granularity)
    {
        if (to < from)
            throw new ArgumentException($"Report period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
            throw new ArgumentException($"Reports:TimeZone '{timeZone}' is not a known IANA time zone (e.g. UTC, Europe/Paris).", nameof(timeZone));
        From = from;
        To = to;
        TimeZone = timeZone;
        Zone = zone;
        Granularity = granularity;
        Start = Bucketing.LocalMidnight(zone, from);
        End = Bucketing.LocalMidnight(zone, to.AddDays(1));
        Buckets = new Bucketing(zone, Start, End, granularity);
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public string TimeZone { get; }

    public Granularity Granularity { get; }

    /// <summary>Days in the period.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Folder name of the run: <c>yyyy-MM-dd_yyyy-MM-dd</c>, with <c>_granularity</c> appended unless daily.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}_{To:yyyy-MM-dd}")
        + (Granularity == Granularity.Day ? "" : "_" + Granularity.ToString().ToLowerInvariant());

    /// <summary>"2026-11-21", or "2026-11-01 to 2026-11-07".</summary>
    public string Label => From == To
        ? From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd} to {To:yyyy-MM-dd}");

    internal TimeZoneInfo Zone { get; }

    /// <summary>First instant of the period (local midnight of <see cref="From"/>).</summary>
    internal DateTimeOffset Start { get; }

    /// <summary>First instant after the period (local midnight of the day after <see cref="To"/>).</summary>
    internal DateTimeOffset End { get; }

    internal Bucketing Buckets { get; }

    internal string StartSql => Literal(Start);

    internal string EndSql => Literal(End);

    /// <summary>The period of the same length just before this one (same zone and granularity).</summary>
    public ReportPeriod Previous() => Shifted(-Days);

    /// <summary>This period moved by <paramref name="days"/> days.</summary>
    public ReportPeriod Shifted(int days) => new(From.AddDays(days), To.AddDays(days), TimeZone, Granularity);

    /// <summary>The days [<paramref name="from"/>, <paramref name="to"/>] in this period's zone, daily.</summary>
    public ReportPeriod Daily(DateOnly from, DateOnly to) => new(from, to, TimeZone, Granularity.Day);

    private static string Literal(DateTimeOffset instant) =>
        string.Create(CultureInfo.InvariantCulture, $"TIMESTAMPTZ '{instant.UtcDateTime:yyyy-MM-dd HH:mm:ss}+00'");
}
