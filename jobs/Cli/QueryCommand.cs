using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Warehouse;
using System.Data.Common;

namespace Analytics.Jobs.Cli;

/// <summary>
/// <c>analytics query "&lt;sql&gt;" [--format table|csv|json]</c>: runs SQL against the warehouse opened
/// read-only, so it never blocks or disturbs a load. CSV and JSON are written by DuckDB itself (COPY), so
/// they are byte-for-byte what DuckDB produces.
/// </summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "The SQL to run (read-only)" };
        var format = new Option<string>("--format")
        {
            Description = "Output format: table (for people), csv (DuckDB's COPY … FORMAT csv, HEADER) or json (an array of objects)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var wait = new Option<int>("--wait")
        {
            Description = "Seconds to wait for a running load to finish before failing (0: fail at once)",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command("query", "Run SQL against the warehouse, read-only");
        command.Arguments.Add(sql);
        command.Options.Add(format);
        command.Options.Add(wait);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            // System.CommandLine's default handler would print a stack trace for a CliException; the
            // contract is one line and exit code 1.
            try
            {
                var configuration = AppConfiguration.Build(result.GetValue(CommonOptions.Config));
                var options = configuration.Bind<WarehouseOptions>(WarehouseOptions.Section);
                using var stdout = Console.OpenStandardOutput();
                var chosen = Enum.Parse<QueryFormat>(result.GetValue(format)!, ignoreCase: true);
                // A running load is waited for, with one line saying so, up to --wait.
                var lockWait = new LockWait(TimeSpan.FromSeconds(Math.Max(0, result.GetValue(wait))),
                    holder => Console.Error.WriteLine($"waiting for {holder}, to close"));
                await RunAsync(options, result.GetValue(sql)!, chosen, lockWait, stdout, cancellationToken);
                return 0;
            }
            catch (CliException ex)
            {
                await Console.Error.WriteLineAsync($"analytics: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> and writes the result to <paramref name="output"/>; user errors are <see cref="CliException"/>.</summary>
    public static Task RunAsync(WarehouseOptions options, string sql, QueryFormat format, Stream output, CancellationToken cancellationToken) =>
        RunAsync(options, sql, format, LockWait.None, output, cancellationToken);

    /// <summary>Runs <paramref name="sql"/>, waiting for a load that holds the file as <paramref name="wait"/> says.</summary>
    public static async Task RunAsync(WarehouseOptions options, string sql, QueryFormat format, LockWait wait, Stream output, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.Path);
        if (!File.Exists(path))
            throw new CliException($"warehouse file {path} does not exist; run `analytics demo` or `analytics load` first");
        try
        {
            await using var connection = await WarehouseDatabase.OpenReadOnlyAsync(path, wait, budget: null, cancellationToken);
            switch (format)
            {
                case QueryFormat.Csv:
                    await CopyAsync(connection, sql, "FORMAT csv, HEADER", output, cancellationToken);
                    break;
                case QueryFormat.Json:
                    await CopyAsync(connection, sql, "FORMAT json, ARRAY true", output, cancellationToken);
                    break;
                default:
                    await QueryTable.WriteAsync(connection, sql, output, cancellationToken);
                    break;
            }
        }
        catch (Exception ex) when (ex is WarehouseException or DbException)
        {
            throw new CliException(OneLine(ex.Message), ex);
        }
    }

    /// <summary>
    /// DuckDB writes the file (so the format is exactly its own), then it is streamed out. A temporary
    /// file rather than /dev/stdout keeps a failed query from leaving half an output behind.
    /// </summary>
    private static async Task CopyAsync(DbConnection connection, string sql, string copyOptions, Stream output, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetTempPath(), $"analytics-query-{Guid.NewGuid():N}");
        try
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"COPY ({StripTerminator(sql)}) TO '{temporary.Replace("'", "''", StringComparison.Ordinal)}' ({copyOptions})";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var file = File.OpenRead(temporary);
            await file.CopyToAsync(output, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string StripTerminator(string sql) => sql.Trim().TrimEnd(';').TrimEnd();

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>Output formats of <c>analytics query</c>.</summary>
internal enum QueryFormat
{
    Table,
    Csv,
    Json,
}
