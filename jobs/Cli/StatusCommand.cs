using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.History;
using Analytics.Pipeline.History;
using Analytics.Pipeline.Settings;
using Analytics.Warehouse;
using Npgsql;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics status</c>: runs per source and day, failed days, waiting exports, loads and freshness, the latest report's alerts.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show the runs per source and day (succeeded, failed with cause, retrying, waiting on an export), loads, freshness and the latest report's alerts");
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var settings = AppConfiguration.Settings(result.GetValue(CommonOptions.Config));
            await WriteAsync(settings, Console.Out, TimeProvider.System, cancellationToken);
            return 0;
        });
        return command;
    }

    internal static async Task WriteAsync(AnalyticsSettings settings, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var warehouse = Path.GetFullPath(settings.Warehouse.Path);
        IReadOnlyList<JobRun> runs;
        try
        {
            runs = await RunHistories.For(settings, time).RecentAsync(500, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw new CliException($"status: cannot read the run history in Jobs:PostgreSql ({ex.Message.ReplaceLineEndings(" ")})", ex);
        }

        IReadOnlyList<LoadStatus>? loads = null;
        IReadOnlyList<Analytics.Warehouse.Loads.LoadSkip> skipped = [];
        IReadOnlyList<Analytics.Warehouse.Reconcile.ReconciliationRow> reconciliation = [];
        IReadOnlyList<string> clock = [];
        try
        {
            if (File.Exists(warehouse))
            {
                loads = await new DuckDbLoadStatusReader(warehouse).ReadAsync(cancellationToken);
                skipped = await Analytics.Warehouse.Loads.LoadSkips.ReadAsync(warehouse, cancellationToken);
                reconciliation = await Analytics.Warehouse.Reconcile.ReconciliationStatus.ReadAsync(warehouse, ReconciliationSection.Days, cancellationToken);
                clock = await Analytics.Warehouse.Mapping.TeleVoipsClock.RecentDisagreementsAsync(warehouse, settings.Mapping.TeleVoipsTimeZone, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WarehouseException or System.Data.Common.DbException)
        {
            throw new CliException($"status: {ex.Message}", ex);
        }
        await output.WriteAsync(RunStatus.Render(runs, loads, warehouse, settings.ScheduledSources, time.GetUtcNow()));
        if (skipped.Count > 0)
            await output.WriteAsync($"skipped by the last load:\n{string.Concat(skipped.Select(s => $"  {s.Reason}\n"))}");
        if (clock.Count > 0)
            await output.WriteAsync($"warnings:\n{string.Concat(clock.Select(w => $"  {w}\n"))}");
        await StatusAlerts.WriteAsync(settings.Reports.Output, output, cancellationToken);
        await output.WriteAsync(ReconciliationSection.Render(reconciliation));
    }
}
