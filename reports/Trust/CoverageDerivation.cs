using Analytics.Landing;
using Analytics.Reports.Aggregates;

namespace Analytics.Reports.Trust;

/// <summary>
/// Each source's coverage of a report. What the caller knows from its own run (the pipeline's ingest outcomes)
/// comes first: a source whose fetch failed is Failed with its cause, one without credentials is not configured
/// (unless the warehouse already holds its data for the period). Everything else is derived: a source with a
/// landing folder must have a <c>_complete</c> day for every day of the period (in at least one feed), else those
/// days are missing; a source without a landing folder is included when the warehouse has its data, otherwise
/// it is included when the caller says it ran, and not configured when nobody knows of it.
/// </summary>
internal static class CoverageDerivation
{
    /// <summary>The providers the product ingests; any other source seen in the warehouse is listed too.</summary>
    public static readonly IReadOnlyList<string> KnownSources = ["callr", "telgorithm", "televoips", "telnyx"];

    public static IReadOnlyList<SourceCoverage> Derive(ReportData data, string? landingPath, IReadOnlyList<SourceCoverage>? known = null)
    {
        var withData = data.CallsSummary.Select(r => r.Source).Concat(data.SmsSummary.Select(r => r.Source))
            .Where(s => s != "ALL").ToHashSet(StringComparer.Ordinal);
        var told = (known ?? []).ToDictionary(c => c.Source, StringComparer.Ordinal);
        var zone = landingPath is null ? null : new LandingZone(new LandingOptions { Path = landingPath });
        var days = Enumerable.Range(0, data.Period.Days).Select(i => data.Period.From.AddDays(i)).ToList();
        return [.. KnownSources.Union(withData).Union(told.Keys).Order(StringComparer.Ordinal).Select(source =>
        {
            var said = told.GetValueOrDefault(source);
            if (said is { State: SourceCoverageState.Failed or SourceCoverageState.MissingDays or SourceCoverageState.MissingPart })
                return said;
            if (said is { State: SourceCoverageState.NotConfigured } && !withData.Contains(source))
                return said;
            var sourceDir = zone is null ? null : Path.Combine(zone.Root, source);
            if (zone is not null && Directory.Exists(sourceDir))
            {
                var feeds = Directory.GetDirectories(sourceDir).Select(Path.GetFileName).OfType<string>().ToList();
                var missing = days.Where(day => !feeds.Any(feed => zone.IsComplete(source, feed, day))).ToList();
                return missing.Count == 0 ? SourceCoverage.Included(source) : new SourceCoverage(source, SourceCoverageState.MissingDays, null, missing);
            }

            return withData.Contains(source) || said is not null ? SourceCoverage.Included(source) : SourceCoverage.NotConfigured(source);
        })];
    }
}
