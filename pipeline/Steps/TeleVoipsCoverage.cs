using System.Globalization;
using Analytics.Landing;
using Analytics.Pipeline.Settings;
using Analytics.Reports.Trust;
using Analytics.Warehouse.Mapping;

namespace Analytics.Pipeline.Steps;

/// <summary>
/// Which hours of a report period the landed TeleVoIPs files cover. A TeleVoIPs file holds one PBX-local day (a New York
/// PBX's 2026-12-05 is 05:00 to 05:00 UTC in winter), so a report day off the PBX's zone needs two files, one of which
/// may not be exported yet. The PBX's clock is <c>Sources:TeleVoips:TimeZone</c> when that names a zone, otherwise what
/// the loaded files' <c>uniqueid</c> epochs say (<see cref="TeleVoipsFileClocks"/>); with neither, UTC. A PBX on the
/// report's own zone changes nothing: its gaps are whole days, which the report lists as missing days already.
/// </summary>
internal static class TeleVoipsCoverage
{
    private const string Source = LandingFeeds.TeleVoips;

    /// <summary>
    /// <paramref name="known"/>, with TeleVoIPs as missing part of the period when the landed files leave hours of it
    /// uncovered; unchanged when TeleVoIPs failed, is not configured, or nothing of it is landed.
    /// </summary>
    public static async Task<IReadOnlyList<SourceCoverage>?> RefineAsync(AnalyticsSettings settings, DateOnly from, DateOnly to,
        IReadOnlyList<SourceCoverage>? known, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (known?.FirstOrDefault(c => c.Source == Source) is { State: not SourceCoverageState.Included })
            return known;
        var zone = new LandingZone(settings.Landing);
        var feed = LandingFeeds.BySource[Source].Single();
        var landed = Enumerable.Range(-2, to.DayNumber - from.DayNumber + 5).Select(from.AddDays)
            .Where(day => zone.IsComplete(Source, feed, day)).ToList();
        if (landed.Count == 0)
            return known;
        var configured = TeleVoipsClock.IsAuto(settings.Sources.TeleVoips.TimeZone) ? null : TimeZoneInfo.FindSystemTimeZoneById(settings.Sources.TeleVoips.TimeZone);
        var clocks = configured is null
            ? await TeleVoipsFileClocks.ReadAsync(Path.GetFullPath(settings.Warehouse.Path), landed[0], landed[^1], cancellationToken)
            : [];
        var pbx = new PbxClock(configured, clocks);
        var missing = Missing(Period(from, to, settings.TimeZone), [.. landed.Select(pbx.Span)], pbx, now);
        if (missing is null)
            return known;
        return [.. (known ?? []).Where(c => c.Source != Source), SourceCoverage.MissingPart(Source, missing)];
    }

    /// <summary>The report days' boundaries in UTC: the first is the period's start, the last its end.</summary>
    internal static IReadOnlyList<DateTimeOffset> Period(DateOnly from, DateOnly to, TimeZoneInfo reportZone) =>
        [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 2).Select(i => LocalMidnight(from.AddDays(i), reportZone))];

    /// <summary>
    /// One line naming the uncovered hours of the period (bounded by <paramref name="days"/>) and why, or null when the
    /// files cover it, or when every gap is whole report days (listed as missing days elsewhere).
    /// </summary>
    internal static string? Missing(IReadOnlyList<DateTimeOffset> days, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> spans, PbxClock pbx, DateTimeOffset now)
    {
        DateTimeOffset start = days[0], end = days[^1];
        var gaps = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        var cursor = start;
        foreach (var (s, e) in spans.Where(s => s.End > start && s.Start < end).OrderBy(s => s.Start))
        {
            if (s > cursor)
                gaps.Add((cursor, s));
            cursor = e > cursor ? e : cursor;
        }

        if (cursor < end)
            gaps.Add((cursor, end));
        if (gaps.All(g => days.Contains(g.Start) && days.Contains(g.End)))
            return null;
        var today = pbx.LocalDay(now);
        return string.Join("; ", gaps.Select(g =>
        {
            var what = g.Start == start && g.End == end ? "all calls"
                : g.End == end ? $"calls after {Utc(g.Start)}"
                : g.Start == start ? $"calls before {Utc(g.End)}"
                : $"calls {Utc(g.Start)} to {Utc(g.End)}";
            var files = Enumerable.Range(0, pbx.LocalDay(g.End.AddSeconds(-1)).DayNumber - pbx.LocalDay(g.Start).DayNumber + 1)
                .Select(pbx.LocalDay(g.Start).AddDays).ToList();
            return files.All(f => f >= today)
                ? $"{what} not yet exported"
                : $"{what} not yet loaded (the PBX's {string.Join(", ", files.Select(f => f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))} {(files.Count == 1 ? "file" : "files")})";
        }));
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    // A local midnight a DST change skips (some zones move at 00:00) starts the day an hour later.
    internal static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(15);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}

/// <summary>
/// The PBX's clock: its configured zone, or else the offsets its loaded files show (the nearest file's for a day not
/// loaded), or else UTC.
/// </summary>
internal sealed class PbxClock(TimeZoneInfo? zone, IReadOnlyList<TeleVoipsFileClock> files)
{
    /// <summary>The UTC hours the file landed for <paramref name="landed"/> covers: its PBX-local day.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Span(DateOnly landed)
    {
        if (zone is not null)
            return (TeleVoipsCoverage.LocalMidnight(landed, zone), TeleVoipsCoverage.LocalMidnight(landed.AddDays(1), zone));
        var file = files.FirstOrDefault(f => f.LandedDay == landed);
        var local = file?.LocalDay ?? landed;
        var (first, last) = file is null ? (Nearest(landed), Nearest(landed)) : (file.FirstOffset, file.LastOffset);
        return (Midnight(local) - first, Midnight(local.AddDays(1)) - last);
    }

    /// <summary>The PBX's local date at <paramref name="instant"/>.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => zone is not null
        ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime)
        : DateOnly.FromDateTime((instant.UtcDateTime + Nearest(DateOnly.FromDateTime(instant.UtcDateTime))));

    private TimeSpan Nearest(DateOnly day) =>
        files.OrderBy(f => Math.Abs(f.LocalDay.DayNumber - day.DayNumber)).Select(f => f.LastOffset).FirstOrDefault();

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
