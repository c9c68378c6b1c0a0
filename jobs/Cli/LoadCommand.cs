using System.CommandLine;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Jobs.Configuration;
using Analytics.Warehouse;
using Analytics.Landing;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;
using Microsoft.Extensions.Configuration;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics load</c>: loads every complete landing day folder's files not yet in the warehouse.</summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var command = new Command("load", "Load everything waiting in the landing zone into the warehouse");
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            LoadReport report;
            try
            {
                var configuration = AppConfiguration.Build(result.GetValue(CommonOptions.Config));
                report = await RunAsync(configuration, cancellationToken);
            }
            catch (CliException ex)
            {
                // Printed here: System.CommandLine's default handler would turn it into a stack trace.
                await Console.Error.WriteLineAsync($"analytics: {ex.Message}");
                return 1;
            }

            foreach (var (source, feed, files, rows, rejects, filesRejected) in report.ByFeed())
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{source}/{feed}: {files} files, {rows} rows loaded, {rejects} rejects{(filesRejected > 0 ? $", {filesRejected} files rejected" : "")}"));
            }

            foreach (var failure in report.Files.Where(f => f.Message is not null))
                await Console.Error.WriteLineAsync($"analytics: {failure.Message}");
            if (report.Files.Count == 0)
                Console.WriteLine("nothing waiting in landing");
            return report.HasFailures ? 1 : 0;
        });
        return command;
    }

    /// <summary>Loads with the configured warehouse, landing zone, time zone, currency and rate deck.</summary>
    public static async Task<LoadReport> RunAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var warehouse = configuration.Bind<WarehouseOptions>(WarehouseOptions.Section);
        var landing = configuration.Bind<LandingOptions>(LandingOptions.Section);
        var rates = configuration.Bind<RatesOptions>(RatesOptions.Section);
        var sources = configuration.Bind<SourcesOptions>(SourcesOptions.Section);
        // The Sources settings that decide money and times are checked before anything loads, as ingest checks them.
        if (SourcesValidation.Problems(sources) is { Count: > 0 } problems)
            throw new CliException(string.Join(Environment.NewLine, problems));
        if (rates.Path is not null && !File.Exists(rates.Path))
            throw new CliException($"Rates:Path {Path.GetFullPath(rates.Path)} does not exist (expected a CSV of prefix,rate_per_minute,currency,increment_s)");
        var settings = new MappingSettings(sources.TeleVoips.TimeZone, sources.Telgorithm.Currency, rates.Path, sources.Callr.Currency);
        var loader = new LandingLoader(new LandingZone(landing), settings);
        // Readers (an analyst's session) are waited for, up to Warehouse:LockWait, with one line saying whom for.
        var wait = new LockWait(warehouse.LockWait, holder => Console.Error.WriteLine($"waiting for {holder}, to close"));
        try
        {
            await using var connection = await WarehouseDatabase.OpenReadWriteAsync(warehouse.Path, wait, budget: null, cancellationToken);
            return await loader.LoadAllAsync(connection, cancellationToken);
        }
        catch (WarehouseException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }
}
