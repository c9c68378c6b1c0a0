using System.Data.Common;
using Analytics.Ingest;
using Analytics.Pipeline.History;
using Analytics.Pipeline.Settings;
using Analytics.Pipeline.Steps;
using Analytics.Reports;
using Analytics.Warehouse.Loads;
using Microsoft.Extensions.Logging;

namespace Analytics.Pipeline;

/// <summary>What one manual pipeline run did, stage by stage.</summary>
internal sealed record PipelineRunResult(
    IReadOnlyList<SourceIngest> Sources,
    IReadOnlyList<string> Failures,
    LoadReport Loaded,
    ReportStepResult Report,
    StepResult Email)
{
    /// <summary>What each source landed, per feed.</summary>
    public IReadOnlyList<IngestSummary> Ingested => [.. Sources.SelectMany(s => s.Summaries)];

    /// <summary>True when no source has credentials: nothing was pulled, which is a warning rather than a failure.</summary>
    public bool NothingConfigured => Sources.Count > 0 && Sources.All(s => s.SkippedBecause is not null);
}

/// <summary>
/// <c>analytics run</c> and <c>demo</c>: ingest → load → report → email for a range of days, in the
/// foreground, through the same steps the scheduler runs. A source that fails does not stop the others: what
/// did land is loaded and reported, and the result lists the failure, so <c>run</c> can simply be repeated to
/// repair the days. Nothing here prints: <paramref name="notice"/> receives the one-line events.
/// </summary>
/// <param name="command">The command running it (<c>run</c>, <c>demo</c>), named in the run history.</param>
internal sealed class PipelineRun(AnalyticsSettings settings, ILoggerFactory logging, TimeProvider time, string command = "run")
{
    public async Task<PipelineRunResult> RunAsync(DateOnly first, DateOnly last, IReadOnlyList<string> sources, bool email,
        IProgress<IngestProgress>? progress, Action<string> notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var startedAt = time.GetUtcNow();
        var failures = new List<string>();
        IReadOnlyList<SourceIngest> ingested = [];
        LoadReport? loaded = null;
        (DateTimeOffset, DateTimeOffset) loadTimes = default;
        try
        {
            ingested = await new IngestStep(settings, logging, time).RunAsync(sources, new IngestRequest(first, last), progress, notice, cancellationToken);
            foreach (var failure in ingested.Where(s => s.Failure is not null).Select(s => s.Failure!.Message))
            {
                failures.Add(failure);
                notice($"ingest: {failure}");
            }

            var loadStarted = time.GetUtcNow();
            var load = await new LoadStep(settings, time).RunAsync(notice, cancellationToken);
            loaded = load.Report;
            loadTimes = (loadStarted, time.GetUtcNow());
            foreach (var failure in loaded.Files.Where(f => f.Message is not null))
                failures.Add(failure.Message!);
            if (load.Result.Outcome == StepOutcome.Failed)
                failures.Add($"load: {load.Result.Cause}");

            var report = await new ReportStep(settings, logging, time).RunAsync(first, last, Granularity.Day,
                RunCoverage.From(ingested, loaded), cancellationToken);
            if (report.Result.IsFailure)
                failures.Add($"report: {report.Result.Cause}");
            var sent = !email ? StepResult.Skipped("not sent (--no-email)")
                : report.Report is null ? StepResult.Skipped("no report to send")
                : await new EmailStep(settings, logging, time).RunAsync(first, last, cancellationToken);
            if (sent.IsFailure)
                failures.Add(sent.Cause!);
            await RecordAsync(first, last, startedAt, ingested, loaded, loadTimes, failures);
            return new PipelineRunResult(ingested, failures, loaded, report, sent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordAsync(first, last, startedAt, ingested, loaded, loadTimes, [.. failures, ex.Message]);
            throw;
        }
    }

    // Best effort, as the scheduler's history: a run that did its work is not failed for a history it could not write.
    private async Task RecordAsync(DateOnly first, DateOnly last, DateTimeOffset startedAt, IReadOnlyList<SourceIngest> ingested,
        LoadReport? loaded, (DateTimeOffset, DateTimeOffset) loadTimes, IReadOnlyList<string> failures)
    {
        var node = $"{RunHistories.Node} (analytics {command})";
        var rows = ManualRunRecord.Rows(node, first, last, startedAt, time.GetUtcNow(), ingested, loaded, loadTimes, failures);
        try
        {
            await RunHistories.For(settings, time).RecordAsync(rows, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
        {
            logging.CreateLogger<PipelineRun>().LogWarning("run history not written: {Error}", ex.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>One line for many failures: the first few in full, then how many more.</summary>
    public static string Summarise(IReadOnlyList<string> failures) => failures.Count <= 3
        ? string.Join("; ", failures)
        : $"{string.Join("; ", failures.Take(3))}; and {failures.Count - 3} more failures (see above)";
}
