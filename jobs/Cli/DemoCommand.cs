using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Demo;
using Analytics.Pipeline;
using Analytics.Sandbox;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Cli;

/// <summary>
/// <c>analytics demo [--days 7] [--seed 1] [--out ./demo]</c>: the provider sandbox in-process on a free
/// loopback port, the real pipeline against it over HTTP, and a check of the totals against what the
/// sandbox says it served.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Days of data up to yesterday", DefaultValueFactory = _ => 7 };
        var seed = new Option<int>("--seed") { Description = "Sandbox seed: same seed, same data", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for the warehouse, landing zone and reports", DefaultValueFactory = _ => "./demo" };
        var command = new Command("demo", "Run the whole pipeline against the built-in provider sandbox and check it against ground truth");
        command.Options.Add(days);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => ExecuteAsync(
            parse.GetValue(CommonOptions.Config), parse.GetValue(days), parse.GetValue(seed), parse.GetValue(output)!, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string? configFile, int days, int seed, string output, CancellationToken cancellationToken)
    {
        if (days is < 1 or > 366)
            throw new CliException($"--days expects 1 to 366, got {days}");
        var watch = Stopwatch.StartNew();
        var setup = new DemoSetup(Path.GetFullPath(output));
        setup.Reset();
        await using var sandbox = await StartSandboxAsync(seed, days, cancellationToken);
        await sandbox.WriteRateDeckAsync(setup.Rates, cancellationToken);
        await sandbox.WriteGroundTruthAsync(setup.GroundTruth, cancellationToken);
        Console.WriteLine($"sandbox: {sandbox.BaseUri} serving {sandbox.FirstDay:yyyy-MM-dd} .. {sandbox.LastDay:yyyy-MM-dd} (seed {seed})");

        var settings = AppConfiguration.Settings(configFile, setup.Overrides(sandbox));
        var email = settings.EmailConfigured;
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        try
        {
            await TeleVoipsEdgeDays.FetchAsync(sandbox, settings, logging, Console.WriteLine, cancellationToken);
        }
        catch (IngestException ex)
        {
            throw new CliException(ex.Message, ex);
        }

        var result = await new PipelineRun(settings, logging, TimeProvider.System, "demo")
            .RunAsync(sandbox.FirstDay, sandbox.LastDay, IngestRunner.SourceNames, email, null, Console.WriteLine, cancellationToken);
        if (result.Failures.Count > 0 || result.Report.Report is null)
            throw new CliException(result.Failures.Count > 0 ? PipelineRun.Summarise(result.Failures) : $"report: {result.Report.Result}");

        var check = await GroundTruthCheck.CompareAsync(setup.Warehouse, sandbox.GroundTruth, cancellationToken);
        var reconciliation = await Analytics.Warehouse.Reconcile.ReconciliationStatus.ReadAsync(setup.Warehouse, days, cancellationToken);
        watch.Stop();
        DemoSummary.Print(Console.Out, setup, result, check, email, watch.Elapsed);
        var reconciled = DemoSummary.PrintReconciliation(Console.Out, reconciliation);
        return check.Matches && reconciled ? 0 : 1;
    }

    private static async Task<SandboxHost> StartSandboxAsync(int seed, int days, CancellationToken cancellationToken)
    {
        try
        {
            return await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = seed, Days = days, TeleVoipsPollsBeforeReady = 2 }, cancellationToken);
        }
        catch (SandboxPortInUseException ex)
        {
            throw new CliException($"could not bind a loopback port for the sandbox: {ex.Message}", ex);
        }
    }
}
