using System.Data.Common;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Jobs.Cli;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.History;
using Analytics.Reports;
using Analytics.Reports.Email;
using Analytics.Warehouse;
using Analytics.Warehouse.Loads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Pipeline;

/// <summary>What one manual pipeline run did, stage by stage.</summary>
internal sealed record PipelineRunResult(
    IReadOnlyList<IngestSummary> Ingested,
    IReadOnlyList<string> Failures,
    LoadReport Loaded,
    ReportResult Report,
    string EmailOutcome);

/// <summary>
/// <c>analytics run</c> and <c>demo</c>: ingest → load → report → email for a range of days, in the
/// foreground. A source that fails does not stop the others: what did land is loaded and reported, and
/// the run then fails naming the source, so <c>run</c> can simply be repeated to repair the days.
/// </summary>
/// <param name="command">The command running it (<c>run</c>, <c>demo</c>), named in the run history.</param>
internal sealed class PipelineRun(IConfiguration configuration, TextWriter output, ILoggerFactory logging, TimeProvider time, string command = "run")
{
    public async Task<PipelineRunResult> RunAsync(DateOnly first, DateOnly last, IReadOnlyList<string> sources, bool email,
        CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var failures = new List<string>();
        IReadOnlyList<SourceIngest> ingested = [];
        LoadReport? loaded = null;
        (DateTimeOffset, DateTimeOffset) loadTimes = default;
        try
        {
            try
            {
                ingested = await IngestCommand.RunEachAsync(configuration, sources, new IngestRequest(first, last), cancellationToken);
            }
            catch (CliException ex)
            {
                failures.Add(ex.Message);
                await output.WriteLineAsync($"ingest: {ex.Message}");
            }

            foreach (var failure in ingested.Where(s => s.Failure is not null).Select(s => s.Failure!.Message))
            {
                failures.Add(failure);
                await output.WriteLineAsync($"ingest: {failure}");
            }

            var loadStarted = time.GetUtcNow();
            loaded = await LoadCommand.RunAsync(configuration, cancellationToken);
            loadTimes = (loadStarted, time.GetUtcNow());
            foreach (var (source, feed, files, rows, rejects, filesRejected) in loaded.ByFeed())
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"load {source}/{feed}: {files} files, {rows:N0} rows{(rejects > 0 ? $", {rejects:N0} rejects" : "")}{(filesRejected > 0 ? $", {filesRejected} files rejected" : "")}"));
            }

            foreach (var failure in loaded.Files.Where(f => f.Message is not null))
                failures.Add(failure.Message!);

            var warehouse = configuration.Bind<WarehouseOptions>(WarehouseOptions.Section);
            var reports = configuration.Bind<ReportsOptions>(ReportsOptions.Section);
            var report = await ReportCommand.RunAsync(warehouse, reports, first, last, Granularity.Day, logging, cancellationToken,
                landingPath: configuration.Bind<Analytics.Landing.LandingOptions>(Analytics.Landing.LandingOptions.Section).Path,
                alerts: configuration.Bind<Analytics.Reports.Trust.AlertsOptions>(Analytics.Reports.Trust.AlertsOptions.Section));
            var emailOutcome = email ? await SendAsync(report, first, last, cancellationToken) : "not sent (--no-email)";
            await RecordAsync(first, last, startedAt, ingested, loaded, loadTimes, failures);
            return new PipelineRunResult([.. ingested.SelectMany(s => s.Summaries)], failures, loaded, report, emailOutcome);
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
        var node = $"{Environment.MachineName} (analytics {command})";
        var rows = ManualRunRecord.Rows(node, first, last, startedAt, time.GetUtcNow(), ingested, loaded, loadTimes, failures);
        try
        {
            var jobs = configuration.Bind<JobsOptions>(JobsOptions.Section);
            var warehouse = configuration.Bind<WarehouseOptions>(WarehouseOptions.Section);
            await RunHistories.For(jobs, warehouse.Path, time).RecordAsync(rows, CancellationToken.None);
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

    private async Task<string> SendAsync(ReportResult report, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var options = configuration.Bind<EmailOptions>(EmailOptions.Section);
        var step = new ReportEmailStep(options, logging.CreateLogger<ReportEmailStep>(), time);
        try
        {
            var result = await step.SendAsync(new ReportOutcome(first, last, report.Directory, report.Headline.Calls), cancellationToken);
            return result.Status == StepStatus.Skipped ? "not configured (Email:Host)" : result.Detail ?? "sent";
        }
        catch (Exception ex) when (ex is PermanentStepException or EmailDeliveryException)
        {
            throw new CliException($"email: {ex.Message}", ex);
        }
    }
}
