using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.History;
using Microsoft.Extensions.Configuration;
using Analytics.Warehouse;
using Npgsql;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics status</c>: per source last success/failure/waiting, failed days, loads and freshness.</summary>
internal static class StatusCommand
{
    private static string WarehousePath(IConfiguration configuration) => configuration.Bind<WarehouseOptions>(WarehouseOptions.Section).Path;

    public static Command Create()
    {
        var command = new Command("status", "Show the last runs per source, failed days, waiting exports, loads and freshness");
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var configuration = AppConfiguration.Build(result.GetValue(CommonOptions.Config));
            await WriteAsync(configuration, Console.Out, TimeProvider.System, cancellationToken);
            return 0;
        });
        return command;
    }

    internal static async Task WriteAsync(IConfiguration configuration, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var jobs = configuration.Bind<JobsOptions>(JobsOptions.Section);
        IReadOnlyList<JobRun> runs = [];
        if (jobs.PostgreSql is { Length: > 0 } pg)
        {
            try
            {
                runs = await new PostgresRunHistory(pg).RecentAsync(500, cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                throw new CliException($"status: cannot read the run history in Jobs:PostgreSql ({ex.Message.ReplaceLineEndings(" ")})", ex);
            }
        }
        IReadOnlyList<LoadStatus> loads;
        IReadOnlyList<Analytics.Warehouse.Loads.LoadSkip> skipped;
        try
        {
            if (jobs.PostgreSql is not { Length: > 0 })
                runs = await new DuckDbRunHistory(WarehousePath(configuration), time).RecentAsync(500, cancellationToken);
            loads = await new DuckDbLoadStatusReader(WarehousePath(configuration)).ReadAsync(cancellationToken);
            skipped = await Analytics.Warehouse.Loads.LoadSkips.ReadAsync(WarehousePath(configuration), cancellationToken);
        }
        catch (Exception ex) when (ex is WarehouseException or System.Data.Common.DbException)
        {
            throw new CliException($"status: {ex.Message}", ex);
        }

        await output.WriteAsync(RunStatus.Render(runs, loads, jobs.SourcesOrDefault, time.GetUtcNow()));
        if (skipped.Count > 0)
            await output.WriteAsync($"skipped by the last load:\n{string.Concat(skipped.Select(s => $"  {s.Reason}\n"))}");
    }
}
