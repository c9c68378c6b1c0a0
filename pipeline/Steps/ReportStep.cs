using Analytics.Pipeline.Settings;
using Analytics.Reports;
using Analytics.Reports.Trust;
using System.Data.Common;
using Analytics.Warehouse;
using Microsoft.Extensions.Logging;

namespace Analytics.Pipeline.Steps;

/// <summary>What a report run did: the step's result and, when it wrote one, the report.</summary>
internal sealed record ReportStepResult(StepResult Result, ReportResult? Report);

/// <summary>
/// Writes the report set of a period from the warehouse, opened read-only: the one place the pipeline calls
/// <c>reports/</c> to generate. A run rewrites its folder, so running it again is harmless.
/// </summary>
internal sealed class ReportStep(AnalyticsSettings settings, ILoggerFactory logging, TimeProvider time)
{
    /// <param name="known">
    /// What the caller's run knows of each source (see <see cref="RunCoverage"/>); the hours TeleVoIPs' landed files leave
    /// uncovered are added here (<see cref="TeleVoipsCoverage"/>), and the report derives the rest.
    /// </param>
    public async Task<ReportStepResult> RunAsync(DateOnly from, DateOnly to, Granularity granularity, IReadOnlyList<SourceCoverage>? known,
        CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(settings.Warehouse.Path);
        if (!File.Exists(path))
            return new(StepResult.Rejected($"warehouse not found: {path} (Warehouse:Path; run 'analytics load' or 'analytics run' first)"), null);
        try
        {
            // A TeleVoIPs file is a PBX-local day: a source the caller saw succeed may still leave hours of the period out.
            known = await TeleVoipsCoverage.RefineAsync(settings, from, to, known, time.GetUtcNow(), cancellationToken);
            var report = await new ReportGenerator(time, logging.CreateLogger<ReportGenerator>())
                .GenerateAsync(path, from, to, granularity, settings.Reports, cancellationToken, known, settings.Landing.Path, alerts: settings.Alerts);
            return new(StepResult.Succeeded(report.Headline.Calls, report.Files.Count), report);
        }
        catch (Exception ex) when (ex is WarehouseException or DbException)
        {
            return new(StepResult.Failed($"report from {path} failed: {ex.Message.ReplaceLineEndings(" ")}"), null);
        }
        catch (ArgumentException ex)
        {
            return new(StepResult.Rejected(ex.Message), null);
        }
    }
}
