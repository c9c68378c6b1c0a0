using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.History;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics status</c>: per source last success/failure/waiting, failed days, loads and freshness.</summary>
internal static class StatusCommand
{
    /// <summary>The warehouse side; null until the integrator wires the DuckDB reader of <c>loads</c>.</summary>
    internal static Func<IConfiguration, ILoadStatusReader?> LoadReader { get; set; } = _ => null;

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
        else
        {
            await output.WriteLineAsync("(Jobs:PostgreSql is not set: the in-memory scheduler keeps its run history in its own process only)");
        }

        var loads = LoadReader(configuration) is { } reader ? await reader.ReadAsync(cancellationToken) : null;
        await output.WriteAsync(RunStatus.Render(runs, loads, jobs.SourcesOrDefault, time.GetUtcNow()));
    }
}
