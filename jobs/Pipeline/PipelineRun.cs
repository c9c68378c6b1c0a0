using System.Globalization;
using Analytics.Ingest;
using Analytics.Jobs.Cli;
using Analytics.Jobs.Configuration;
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
internal sealed class PipelineRun(IConfiguration configuration, TextWriter output, ILoggerFactory logging, TimeProvider time)
{
    public async Task<PipelineRunResult> RunAsync(DateOnly first, DateOnly last, IReadOnlyList<string> sources, bool email,
        CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        IReadOnlyList<IngestSummary> ingested = [];
        try
        {
            ingested = await IngestCommand.RunAsync(configuration, sources, new IngestRequest(first, last), cancellationToken);
        }
        catch (CliException ex)
        {
            failures.Add(ex.Message);
            await output.WriteLineAsync($"ingest: {ex.Message}");
        }

        var loaded = await LoadCommand.RunAsync(configuration, cancellationToken);
        foreach (var (source, feed, files, rows, rejects, filesRejected) in loaded.ByFeed())
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"load {source}/{feed}: {files} files, {rows:N0} rows{(rejects > 0 ? $", {rejects:N0} rejects" : "")}{(filesRejected > 0 ? $", {filesRejected} files rejected" : "")}"));
        }

        foreach (var failure in loaded.Files.Where(f => f.Message is not null))
            failures.Add(failure.Message!);

        var warehouse = configuration.Bind<WarehouseOptions>(WarehouseOptions.Section);
        var reports = configuration.Bind<ReportsOptions>(ReportsOptions.Section);
        var report = await ReportCommand.RunAsync(warehouse, reports, first, last, Granularity.Day, logging, cancellationToken);
        var emailOutcome = email ? await SendAsync(report, first, last, cancellationToken) : "not sent (--no-email)";
        return new PipelineRunResult(ingested, failures, loaded, report, emailOutcome);
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
