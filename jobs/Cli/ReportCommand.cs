using System.CommandLine;
using System.Globalization;
using Analytics.Jobs.Configuration;
using Analytics.Landing;
using Analytics.Reports;
using Analytics.Reports.Trust;
using Analytics.Warehouse;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Cli;

/// <summary><c>analytics report [--from] [--to] [--granularity hour|day|week|month]</c>: reports from the warehouse, opened read-only.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var granularity = new Option<Granularity>("--granularity")
        {
            Description = "History bucket: hour, day, week or month (default: day)",
            DefaultValueFactory = _ => Granularity.Day,
        };
        var command = new Command("report", "Write CSV, JSON, charts and index.html for a period under Reports:Output");
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(granularity);
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var configuration = AppConfiguration.Build(parse.GetValue(CommonOptions.Config));
            var warehouse = configuration.Bind<WarehouseOptions>(WarehouseOptions.Section);
            var reports = configuration.Bind<ReportsOptions>(ReportsOptions.Section);
            var (first, last) = CommonOptions.Days(parse.GetValue(from), parse.GetValue(to), TimeProvider.System);
            using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var result = await RunAsync(warehouse, reports, first, last, parse.GetValue(granularity), logging, cancellationToken,
                landingPath: configuration.Bind<LandingOptions>(LandingOptions.Section).Path, alerts: configuration.Bind<AlertsOptions>(AlertsOptions.Section));
            Print(result);
            return 0;
        });
        return command;
    }

    /// <summary>Opens the warehouse read-only and generates the report; user-facing failures become <see cref="CliException"/>.</summary>
    internal static async Task<ReportResult> RunAsync(WarehouseOptions warehouse, ReportsOptions reports, DateOnly from, DateOnly to,
        Granularity granularity, ILoggerFactory logging, CancellationToken cancellationToken,
        IReadOnlyList<SourceCoverage>? coverage = null, string? landingPath = null, AlertsOptions? alerts = null)
    {
        var path = Path.GetFullPath(warehouse.Path);
        if (!File.Exists(path))
            throw new CliException($"warehouse not found: {path} (Warehouse:Path; run 'analytics load' or 'analytics run' first)");
        try
        {
            return await new ReportGenerator(TimeProvider.System, logging.CreateLogger<ReportGenerator>())
                .GenerateAsync(path, from, to, granularity, reports, cancellationToken, coverage, landingPath, alerts);
        }
        catch (Exception ex) when (ex is WarehouseException or System.Data.Common.DbException)
        {
            throw new CliException($"report from {path} failed: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }

    private static void Print(ReportResult result)
    {
        var h = result.Headline;
        var spend = h.TotalSpend.Count == 0 ? "nothing priced" : string.Join(", ", h.TotalSpend.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value:N2} {p.Key}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{TrustText.PartialPrefix(result.Digest.Coverage)}Report written to {result.Directory}"));
        foreach (var alert in result.Digest.Alerts)
            Console.WriteLine("  alert: " + alert.Message);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  open {result.Html}"));
        var unpriced = h.UnpricedCalls > 0 ? string.Create(CultureInfo.InvariantCulture, $", {h.UnpricedCalls:N0} calls unpriced") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  calls {h.Calls:N0} (ASR {h.Asr * 100:0.0} %, ALOC {h.Aloc} s), SMS {h.Sms:N0} ({h.SmsParts:N0} parts), spend {spend}{unpriced}"));
    }
}
