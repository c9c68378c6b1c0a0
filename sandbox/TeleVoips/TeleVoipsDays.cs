using Analytics.Sandbox.Data;

namespace Analytics.Sandbox.TeleVoips;

/// <summary>
/// The PBX's local days the sandbox serves files for. A TeleVoIPs file holds one local day, so a PBX off UTC spreads
/// the generated UTC days over one more local day: the day before the first (a PBX west of UTC, whose file holds the
/// first hours of the first UTC day) or after the last (east of UTC). Every generated call is in exactly one served file.
/// </summary>
internal static class TeleVoipsDays
{
    public static bool Served(Schedule schedule, TimeZoneInfo zone, DateOnly localDay)
    {
        var (from, to) = CdrCsvWriter.LocalDayWindow(localDay, zone);
        return from < Schedule.DayStartMs(schedule.LastDay.AddDays(1)) && to > Schedule.DayStartMs(schedule.FirstDay);
    }

    /// <summary>The served local days outside the generated UTC days (none for a PBX on UTC).</summary>
    public static IReadOnlyList<DateOnly> Edges(Schedule schedule, TimeZoneInfo zone) =>
        [.. new[] { schedule.FirstDay.AddDays(-1), schedule.LastDay.AddDays(1) }.Where(d => Served(schedule, zone, d))];

    public static (DateOnly First, DateOnly Last) Range(Schedule schedule, TimeZoneInfo zone) =>
        (Served(schedule, zone, schedule.FirstDay.AddDays(-1)) ? schedule.FirstDay.AddDays(-1) : schedule.FirstDay,
         Served(schedule, zone, schedule.LastDay.AddDays(1)) ? schedule.LastDay.AddDays(1) : schedule.LastDay);
}
