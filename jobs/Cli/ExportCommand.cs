using System.CommandLine;
using Analytics.Jobs.Configuration;
using Analytics.Warehouse;
using Analytics.Warehouse.Loads;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics export --format parquet [--out DIR]</c>: calls, call_legs and sms as Parquet by source and day, read-only.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "Output format (parquet)", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet");
        var output = new Option<string>("--out") { Description = "Output directory (default ./out/export)", DefaultValueFactory = _ => "./out/export" };
        var command = new Command("export", "Write calls, call_legs and sms as Parquet partitioned by source and day (read-only)");
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var directory = result.GetValue(output)!;
            try
            {
                var configuration = AppConfiguration.Build(result.GetValue(CommonOptions.Config));
                var warehouse = configuration.Bind<WarehouseOptions>(WarehouseOptions.Section);
                await using var connection = WarehouseDatabase.OpenReadOnly(warehouse.Path);
                await ParquetExport.ExportAsync(connection, directory, cancellationToken);
            }
            catch (Exception ex) when (ex is CliException or FileNotFoundException or WarehouseException or System.Data.Common.DbException)
            {
                // Printed here: System.CommandLine's default handler would turn it into a stack trace.
                await Console.Error.WriteLineAsync($"analytics: {ex.Message}");
                return 1;
            }

            Console.WriteLine($"wrote {string.Join(", ", ParquetExport.Tables.Select(t => Path.Combine(Path.GetFullPath(directory), t.Table)))} (Parquet, partitioned by source and day)");
            return 0;
        });
        return command;
    }
}
