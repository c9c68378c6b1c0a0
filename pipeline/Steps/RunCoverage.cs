using Analytics.Ingest;
using Analytics.Reports.Trust;
using Analytics.Warehouse.Loads;

namespace Analytics.Pipeline.Steps;

/// <summary>
/// What a run knows of each source it pulled, for the report it writes: a failed fetch (with its one-line
/// cause), a file its load rejected, no credentials, or ran. The report derives the rest (missing days) from the
/// landing zone, so a source that ran but was not complete before still shows its missing days; the report step adds
/// the hours TeleVoIPs' PBX-local files leave out (<see cref="TeleVoipsCoverage"/>).
/// </summary>
internal static class RunCoverage
{
    public static IReadOnlyList<SourceCoverage> From(IReadOnlyList<SourceIngest> ingested, LoadReport? loaded)
    {
        ArgumentNullException.ThrowIfNull(ingested);
        return [.. ingested.Select(run =>
        {
            if (run.Failure is { } failure)
                return SourceCoverage.Failed(run.Source, failure.Message);
            if (run.SkippedBecause is not null)
                return SourceCoverage.NotConfigured(run.Source);
            // A rejected file stays rejected (same bytes): that day's numbers are missing until a person looks.
            if (loaded?.Files.FirstOrDefault(f => f.Source == run.Source && f.Message is not null) is { } rejected)
            {
                var failed = SourceCoverage.Failed(run.Source, rejected.Message!);
                return failed with { Cause = "load: " + failed.Cause };
            }

            return SourceCoverage.Included(run.Source);
        })];
    }
}
