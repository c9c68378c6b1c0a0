using Analytics.Ingest;
using Analytics.Pipeline.History;
using Analytics.Warehouse.Loads;

namespace Analytics.Pipeline;

/// <summary>
/// The run-history rows of one manual <c>run</c> or <c>demo</c>, so <c>analytics status</c> shows it as it shows the
/// scheduler's work: per source an <c>ingest</c> row (its outcome and records) and a <c>load</c> row for the files it
/// loaded, then one <c>pipeline</c> row per day, failed with the run's failures when there were any. Rows are recorded
/// once the run ended. Only <c>report</c> and <c>email</c> rows mark a day done for the scheduler, and none is written
/// here: a manual run never stops the scheduled report of a day.
/// </summary>
internal static class ManualRunRecord
{
    public static IReadOnlyList<(RunStart Start, RunEnd End)> Rows(
        string node, DateOnly first, DateOnly last, DateTimeOffset startedAt, DateTimeOffset finishedAt,
        IReadOnlyList<SourceIngest> ingested, LoadReport? loaded, (DateTimeOffset Started, DateTimeOffset Finished) loadTimes,
        IReadOnlyList<string> failures)
    {
        var rows = new List<(RunStart, RunEnd)>();
        foreach (var source in ingested)
        {
            var (outcome, error) = source.Failure is { } failure ? (Outcomes.Failed, failure.Message)
                : source.SkippedBecause is { } why ? (Outcomes.Skipped, why)
                : (Outcomes.Succeeded, (string?)null);
            rows.Add((new RunStart("ingest", source.Source, last, source.StartedAt, node), new RunEnd(outcome, source.FinishedAt, source.Records, error)));
        }

        foreach (var files in (loaded?.Files ?? []).GroupBy(f => f.Source).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var problem = files.FirstOrDefault(f => f.Outcome != Analytics.Warehouse.Loads.FileOutcome.Loaded);
            rows.Add((new RunStart("load", files.Key, last, loadTimes.Started, node),
                new RunEnd(problem is null ? Outcomes.Succeeded : Outcomes.Failed, loadTimes.Finished, files.Sum(f => f.RowsLoaded), problem?.Message)));
        }

        var dayError = failures.Count == 0 ? null : PipelineRun.Summarise(failures);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            rows.Add((new RunStart("pipeline", null, day, startedAt, node),
                new RunEnd(dayError is null ? Outcomes.Succeeded : Outcomes.Failed, finishedAt, null, dayError)));
        }

        return rows;
    }
}
