using Analytics.Jobs.Scheduling;
using Analytics.Reports.Trust;

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>The scheduler's report is told what the day's state knows of each source, so a failed source is named with its cause.</summary>
public sealed class DayCoverageTests
{
    private static readonly DateOnly Day = new(2026, 12, 5);

    [Fact]
    public void Each_planned_source_is_failed_with_its_cause_not_configured_in_or_missing_its_day()
    {
        var entries = new Dictionary<string, string>
        {
            ["planned"] = "2026-12-06T05:00:00Z",
            ["sources"] = "televoips,telnyx,callr,telgorithm",
            ["src.telnyx"] = "succeeded",
            ["src.callr"] = "failed",
            ["cause.callr"] = "callr: credentials rejected (HTTP 401)",
            ["src.telgorithm"] = "skipped",
        };

        var coverage = DayCoverage.From(Day, entries);

        Assert.Equal(
        [
            new SourceCoverage("televoips", SourceCoverageState.MissingDays, "not in by the report deadline", [Day]),
            SourceCoverage.Included("telnyx"),
            SourceCoverage.Failed("callr", "credentials rejected (HTTP 401)"),
            SourceCoverage.NotConfigured("telgorithm"),
        ], coverage, new CoverageComparer());
        Assert.StartsWith("PARTIAL (televoips missing 1 day; callr failed: credentials rejected (HTTP 401)): ", TrustText.PartialPrefix(coverage), StringComparison.Ordinal);
    }

    // Records compare their MissingDays lists by reference.
    private sealed class CoverageComparer : IEqualityComparer<SourceCoverage>
    {
        public bool Equals(SourceCoverage? x, SourceCoverage? y) =>
            x is not null && y is not null && (x.Source, x.State, x.Cause) == (y.Source, y.State, y.Cause) && x.MissingDays.SequenceEqual(y.MissingDays);

        public int GetHashCode(SourceCoverage obj) => obj.Source.GetHashCode(StringComparison.Ordinal);
    }
}
