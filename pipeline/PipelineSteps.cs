using Analytics.Pipeline.Settings;
using Analytics.Pipeline.Steps;
using Analytics.Reports;
using Microsoft.Extensions.Logging;

namespace Analytics.Pipeline;

/// <summary>The product's steps for the scheduler, over the real ingest clients, loader, report generator and email sender.</summary>
internal sealed class PipelineSteps(AnalyticsSettings settings, ILoggerFactory logging, TimeProvider time) : IPipelineSteps
{
    public Task<StepResult> IngestAsync(string source, DateOnly day, CancellationToken cancellationToken) =>
        new IngestStep(settings, logging, time).RunDayAsync(source, day, cancellationToken);

    public async Task<StepResult> LoadAsync(string source, DateOnly day, CancellationToken cancellationToken)
    {
        var load = await new LoadStep(settings, time).RunAsync(line => logging.CreateLogger<LoadStep>().LogWarning("load: {Line}", line), cancellationToken);
        return load.Result.Outcome == StepOutcome.Failed ? load.Result : LoadStep.For(load.Report, source);
    }

    public async Task<StepResult> ReportAsync(DateOnly day, IReadOnlyList<Reports.Trust.SourceCoverage> known, CancellationToken cancellationToken) =>
        (await new ReportStep(settings, logging, time).RunAsync(day, day, Granularity.Day, known, cancellationToken)).Result;

    public Task<StepResult> EmailAsync(DateOnly day, CancellationToken cancellationToken) =>
        new EmailStep(settings, logging, time).RunAsync(day, day, cancellationToken);
}
