using Analytics.Pipeline.History;
using Analytics.Reports.Trust;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// What the day's state knows of each planned source, for its report: failed (with the cause its last step gave),
/// skipped for want of credentials, in, or still out at the report deadline (its day missing). The report derives
/// the rest from the landing zone, and the report step the hours TeleVoIPs' PBX-local files leave out (a New York PBX's
/// file for the day ends at 05:00 UTC the next day).
/// </summary>
internal static class DayCoverage
{
    public const string CausePrefix = "cause.";

    public static IReadOnlyList<SourceCoverage> From(DateOnly day, IReadOnlyDictionary<string, string> entries)
    {
        var sources = entries.TryGetValue("sources", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        return [.. sources.Select(source => entries.GetValueOrDefault($"src.{source}") switch
        {
            Outcomes.Failed => SourceCoverage.Failed(source, entries.GetValueOrDefault(CausePrefix + source) ?? "failed"),
            Outcomes.Skipped => SourceCoverage.NotConfigured(source),
            null => new SourceCoverage(source, SourceCoverageState.MissingDays, "not in by the report deadline", [day]),
            _ => SourceCoverage.Included(source),
        })];
    }
}
