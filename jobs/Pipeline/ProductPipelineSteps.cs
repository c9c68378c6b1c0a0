using System.Globalization;
using Analytics.Ingest;
using Analytics.Jobs.Cli;
using Analytics.Jobs.Configuration;
using Analytics.Reports;
using Analytics.Reports.Email;
using Analytics.Warehouse;
using Analytics.Landing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Pipeline;

/// <summary>
/// The scheduler's steps over the real product: the ingest clients (TeleVoIPs polls once per run and
/// reports <see cref="StepStatus.Waiting"/>), the landing loader, the report generator and the email
/// sender. Every step is idempotent because each part is: landed days are not fetched twice, landed
/// files load once, a report run rewrites its folder.
/// </summary>
internal sealed class ProductPipelineSteps(IConfiguration configuration, ILoggerFactory logging, TimeProvider time) : IPipelineSteps
{
    private readonly SourcesOptions _sources = configuration.Bind<SourcesOptions>(SourcesOptions.Section);
    private readonly LandingOptions _landing = configuration.Bind<LandingOptions>(LandingOptions.Section);
    private readonly WarehouseOptions _warehouse = configuration.Bind<WarehouseOptions>(WarehouseOptions.Section);
    private readonly ReportsOptions _reports = configuration.Bind<ReportsOptions>(ReportsOptions.Section);
    private readonly EmailOptions _email = configuration.Bind<EmailOptions>(EmailOptions.Section);

    public async Task<StepResult> IngestAsync(string source, DateOnly day, CancellationToken cancellationToken)
    {
        var runner = new IngestRunner(_sources, _landing, logging, time);
        if (runner.MissingCredentials(source) is { } missing)
            return StepResult.Skipped($"{source}: no credentials configured ({missing})");
        IReadOnlyList<IngestSummary> summaries;
        try
        {
            summaries = await runner.RunAsync([source], new IngestRequest(day, day, PollOnce: true), null, null, cancellationToken);
        }
        catch (Analytics.Ingest.CredentialsRejectedException ex)
        {
            throw new CredentialsRejectedException(ex.Message, ex);
        }

        var records = summaries.Sum(s => s.Records);
        if (summaries.Sum(s => s.Waiting) > 0)
            return StepResult.Waiting($"{source}: export for {day:yyyy-MM-dd} not ready yet");
        return StepResult.Done(records, string.Create(CultureInfo.InvariantCulture,
            $"{source} {day:yyyy-MM-dd}: {summaries.Sum(s => s.Pages)} files, {records} records"));
    }

    public async Task<StepResult> LoadAsync(string source, DateOnly day, CancellationToken cancellationToken)
    {
        // The loader takes everything waiting, whichever source landed it: loading is per file and idempotent.
        var report = await LoadCommand.RunAsync(configuration, cancellationToken);
        var mine = report.Files.Where(f => f.Source == source).ToList();
        if (mine.FirstOrDefault(f => f.Message is not null) is { } failed)
            throw new PermanentStepException(failed.Message!);
        return StepResult.Done(mine.Sum(f => f.RowsLoaded), string.Create(CultureInfo.InvariantCulture,
            $"{source}: {mine.Count} files, {mine.Sum(f => f.RowsLoaded)} rows, {mine.Sum(f => f.RowsRejected)} rejects"));
    }

    public async Task<ReportOutcome> ReportAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var result = await ReportCommand.RunAsync(_warehouse, _reports, first, last, Granularity.Day, logging, cancellationToken, landingPath: _landing.Path,
            alerts: configuration.Bind<Analytics.Reports.Trust.AlertsOptions>(Analytics.Reports.Trust.AlertsOptions.Section));
        return new ReportOutcome(first, last, result.Directory, result.Headline.Calls);
    }

    public Task<StepResult> EmailAsync(ReportOutcome report, CancellationToken cancellationToken) =>
        new ReportEmailStep(_email, logging.CreateLogger<ReportEmailStep>(), time).SendAsync(report, cancellationToken);
}
