using Analytics.Landing;
using Analytics.Reports.Aggregates;

namespace Analytics.Reports.Trust;

/// <summary>
/// Coverage when the caller passes none: a source with a landing folder must have a <c>_complete</c> day for
/// every day of the period (in at least one feed), else those days are missing; a source without a landing folder
/// is included when the warehouse has its data, otherwise not configured.
/// </summary>
internal static class CoverageDerivation
{
    /// <summary>The providers the product ingests; any other source seen in the warehouse is listed too.</summary>
    public static readonly IReadOnlyList<string> KnownSources = ["callr", "telgorithm", "televoips", "telnyx"];

    public static IReadOnlyList<SourceCoverage> Derive(ReportData data, string? landingPath)
    {
        var withData = data.CallsSummary.Select(r => r.Source).Concat(data.SmsSummary.Select(r => r.Source))
            .Where(s => s != "ALL").ToHashSet(StringComparer.Ordinal);
        var zone = landingPath is null ? null : new LandingZone(new LandingOptions { Path = landingPath });
        var days = Enumerable.Range(0, data.Period.Days).Select(i => data.Period.From.AddDays(i)).ToList();
        return [.. KnownSources.Union(withData).Order(StringComparer.Ordinal).Select(source =>
        {
            var sourceDir = zone is null ? null : Path.Combine(zone.Root, source);
            if (zone is not null && Directory.Exists(sourceDir))
            {
                var feeds = Directory.GetDirectories(sourceDir).Select(Path.GetFileName).OfType<string>().ToList();
                var missing = days.Where(day => !feeds.Any(feed => zone.IsComplete(source, feed, day))).ToList();
                return missing.Count == 0 ? SourceCoverage.Included(source) : new SourceCoverage(source, SourceCoverageState.MissingDays, null, missing);
            }

            return withData.Contains(source) ? SourceCoverage.Included(source) : SourceCoverage.NotConfigured(source);
        })];
    }
}
