using Analytics.Landing;
using Analytics.Pipeline.Settings;
using Analytics.Warehouse;
using Analytics.Warehouse.Loads;

namespace Analytics.Pipeline.Steps;

/// <summary>What a load did: the step's result and, per file, the loader's report.</summary>
internal sealed record LoadStepResult(StepResult Result, LoadReport Report);

/// <summary>
/// Loads everything waiting in the landing zone into the warehouse: the one place the pipeline calls the
/// loader. Loading is per file and idempotent (a landed file loads once), so it takes every source's files.
/// </summary>
internal sealed class LoadStep(AnalyticsSettings settings, TimeProvider time)
{
    /// <summary>Loads, waiting up to <c>Warehouse:LockWait</c> for readers; <paramref name="waiting"/> hears once whom for.</summary>
    public async Task<LoadStepResult> RunAsync(Action<string>? waiting, CancellationToken cancellationToken)
    {
        var loader = new LandingLoader(new LandingZone(settings.Landing, time), settings.Mapping, time, reconcile: settings.Reconcile);
        var wait = new LockWait(settings.Warehouse.LockWait, holder => waiting?.Invoke($"waiting for {holder}, to close"));
        LoadReport report;
        try
        {
            await using var connection = await WarehouseDatabase.OpenReadWriteAsync(settings.Warehouse.Path, wait, budget: null, cancellationToken);
            report = await loader.LoadAllAsync(connection, cancellationToken);
        }
        catch (WarehouseException ex)
        {
            // Another process held the file past the wait (an analyst's session): worth trying again later.
            return new LoadStepResult(StepResult.Failed(ex.Message.ReplaceLineEndings(" ")), new LoadReport([], []));
        }

        return new LoadStepResult(Summarise(report.Files, report.Skipped), report);
    }

    /// <summary>The load as seen by one source: its files, rows, and the first file it could not load.</summary>
    public static StepResult For(LoadReport report, string? source)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Summarise([.. report.Files.Where(f => source is null || f.Source == source)],
            [.. report.Skipped.Where(s => source is null || s.Source == source)]);
    }

    private static StepResult Summarise(IReadOnlyList<FileLoad> files, IReadOnlyList<LoadSkip> skipped)
    {
        var rows = files.Sum(f => f.RowsLoaded);
        // A day or source the load left out (a damaged manifest, an invalid setting) needs a person before it loads.
        if (skipped.Count > 0)
            return new StepResult(StepOutcome.Rejected, rows, files.Count, skipped[0].Reason);
        // A rejected file stays rejected on a retry (same bytes, same sha256): retrying cannot help.
        if (files.FirstOrDefault(f => f.Message is not null) is { } bad)
            return new StepResult(StepOutcome.Rejected, rows, files.Count, bad.Message);
        return StepResult.Succeeded(rows, files.Count);
    }
}
