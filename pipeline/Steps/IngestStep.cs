using Analytics.Ingest;
using Analytics.Pipeline.Settings;
using Microsoft.Extensions.Logging;

namespace Analytics.Pipeline.Steps;

/// <summary>
/// Pulls sources into the landing zone: the one place the pipeline calls <c>ingest/</c>. Landed days are not
/// fetched again (unless forced), so a step run twice changes nothing twice.
/// </summary>
internal sealed class IngestStep(AnalyticsSettings settings, ILoggerFactory logging, TimeProvider time)
{
    /// <summary>
    /// One source's day, for the scheduler: a TeleVoIPs export still 202 is polled once and the day is
    /// <see cref="StepOutcome.Waiting"/> (the export id is kept, so the next poll asks for the same export).
    /// </summary>
    public async Task<StepResult> RunDayAsync(string source, DateOnly day, CancellationToken cancellationToken)
    {
        var run = Assert.Single(await RunAsync([source], new IngestRequest(day, day, PollOnce: true), null, null, cancellationToken));
        return ToResult(run);
    }

    /// <summary>Several sources over several days, each source's outcome on its own (one failing does not stop the others).</summary>
    public Task<IReadOnlyList<SourceIngest>> RunAsync(IReadOnlyList<string> sources, IngestRequest request,
        IProgress<IngestProgress>? progress, Action<string>? notice, CancellationToken cancellationToken)
    {
        var runner = new IngestRunner(settings.Sources, settings.Landing, logging, time);
        return runner.RunEachAsync(sources, request, progress, notice, cancellationToken);
    }

    /// <summary>A source's run as a step result: rejected credentials are never retried, other failures may be.</summary>
    public static StepResult ToResult(SourceIngest run)
    {
        if (run.SkippedBecause is { } why)
            return StepResult.Skipped($"{run.Source}: {why}");
        if (run.Failure is CredentialsRejectedException rejected)
            return StepResult.Rejected(rejected.Message);
        if (run.Failure is { } failure)
            return StepResult.Failed(failure.Message);
        var files = run.Summaries.Sum(s => s.Pages);
        if (run.Summaries.Sum(s => s.Waiting) > 0)
            return new StepResult(StepOutcome.Waiting, run.Records, files, $"{run.Source}: export not ready yet (HTTP 202)");
        return StepResult.Succeeded(run.Records, files);
    }

    private static class Assert
    {
        public static SourceIngest Single(IReadOnlyList<SourceIngest> runs) =>
            runs.Count == 1 ? runs[0] : throw new InvalidOperationException($"expected one source's run, got {runs.Count}");
    }
}
