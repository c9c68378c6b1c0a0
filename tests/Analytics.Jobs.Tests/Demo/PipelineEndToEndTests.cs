using Analytics.Ingest;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Demo;
using Analytics.Pipeline;
using Analytics.Pipeline.History;
using Analytics.Sandbox;
using Analytics.Testing;
using Analytics.Warehouse;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Jobs.Tests.Demo;

/// <summary>
/// Sandbox → ingest over HTTP → landing → load → report, with the real parts only, compared with what the
/// sandbox says it served.
/// </summary>
public sealed class PipelineEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Warehouse_and_report_totals_equal_the_sandbox_ground_truth_exactly()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 7, Days = 2, VolumeMultiplier = 0.3 }, CancellationToken.None);
        var (result, setup) = await RunPipelineAsync(sandbox);

        var check = await GroundTruthCheck.CompareAsync(setup.Warehouse, sandbox.GroundTruth, CancellationToken.None);
        Assert.True(check.Matches, string.Join(Environment.NewLine, check.Mismatches));
        Assert.True(check.Groups >= 4 * 2 * 2, $"only {check.Groups} source/day/direction groups were compared");

        var truth = sandbox.GroundTruth.Days;
        var h = result.Report.Report!.Headline;
        Assert.Equal(truth.Where(d => d.Kind == "calls").Sum(d => d.Count), h.Calls);
        Assert.Equal(truth.Where(d => d.Kind == "calls").Sum(d => d.Answered), h.Answered);
        Assert.Equal(truth.Where(d => d.Kind == "sms").Sum(d => d.Count), h.Sms);
        Assert.Equal(truth.Where(d => d.Kind == "sms").Sum(d => d.Parts), h.SmsParts);
        var spend = truth.SelectMany(d => d.Debit).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        foreach (var (currency, amount) in spend.Where(p => p.Value != 0))
            Assert.Equal(amount, h.TotalSpend[currency]);
        Assert.True(File.Exists(result.Report.Report.Html));
    }

    [Fact]
    public async Task Running_the_same_days_again_changes_nothing()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 3, Days = 1, VolumeMultiplier = 0.2 }, CancellationToken.None);
        var (_, setup) = await RunPipelineAsync(sandbox);
        var before = await SnapshotAsync(setup.Warehouse);

        var (again, _) = await RunPipelineAsync(sandbox, reset: false);

        Assert.Equal(before, await SnapshotAsync(setup.Warehouse));
        Assert.All(again.Ingested, s => Assert.Equal(0, s.Days));
        Assert.Empty(again.Loaded.Files);
    }

    [Fact]
    public async Task A_manual_run_is_in_the_run_history_per_source_and_per_day()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 5, Days = 2, VolumeMultiplier = 0.2 }, CancellationToken.None);
        var (result, setup) = await RunPipelineAsync(sandbox);

        var runs = await new DuckDbRunHistory(setup.Warehouse, TimeProvider.System).RecentAsync(100, CancellationToken.None);
        foreach (var source in IngestRunner.SourceNames)
        {
            var ingest = Assert.Single(runs, r => r.Job == "ingest" && r.Source == source);
            Assert.Equal(Outcomes.Succeeded, ingest.Outcome);
            Assert.Equal(result.Ingested.Where(s => s.Source == source).Sum(s => s.Records), ingest.Rows);
            Assert.True(ingest.Rows > 0, $"{source} landed nothing");
            var load = Assert.Single(runs, r => r.Job == "load" && r.Source == source);
            Assert.Equal(Outcomes.Succeeded, load.Outcome);
            Assert.Equal(result.Loaded.Files.Where(f => f.Source == source).Sum(f => f.RowsLoaded), load.Rows);
            Assert.Equal(sandbox.LastDay, load.Day);
        }

        var days = runs.Where(r => r.Job == "pipeline").OrderBy(r => r.Day).ToList();
        Assert.Equal([sandbox.FirstDay, sandbox.LastDay], days.Select(d => d.Day!.Value));
        Assert.All(days, d => Assert.Equal(Outcomes.Succeeded, d.Outcome));
        Assert.All(runs, r => Assert.EndsWith("(analytics run)", r.Node, StringComparison.Ordinal));
        Assert.DoesNotContain(runs, r => r.Job is "report" or "email"); // a manual run never marks the scheduler's day done
    }

    [Fact]
    public async Task A_source_that_fails_is_failed_in_the_run_history_and_so_are_its_days()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 6, Days = 1, VolumeMultiplier = 0.2 }, CancellationToken.None);
        var setup = new DemoSetup(_directory.File("demo"));
        setup.Reset();
        await sandbox.WriteRateDeckAsync(setup.Rates);
        var overrides = setup.Overrides(sandbox);
        overrides["Sources:Telnyx:ApiKey"] = "KEY-NOT-THE-SANDBOX-ONE";
        var settings = AppConfiguration.Settings(configFile: null, overrides);

        var result = await new PipelineRun(settings, NullLoggerFactory.Instance, TimeProvider.System)
            .RunAsync(sandbox.FirstDay, sandbox.LastDay, IngestRunner.SourceNames, email: false, null, _ => { }, CancellationToken.None);

        var failure = Assert.Single(result.Failures);
        Assert.Contains("telnyx", failure, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(result.Ingested, s => s.Source == "callr" && s.Records > 0); // the others still landed and loaded
        var runs = await new DuckDbRunHistory(setup.Warehouse, TimeProvider.System).RecentAsync(100, CancellationToken.None);
        var telnyx = Assert.Single(runs, r => r.Job == "ingest" && r.Source == "telnyx");
        Assert.Equal(Outcomes.Failed, telnyx.Outcome);
        Assert.Equal(failure, telnyx.Error);
        Assert.All(runs.Where(r => r.Job == "ingest" && r.Source != "telnyx"), r => Assert.Equal(Outcomes.Succeeded, r.Outcome));
        var day = Assert.Single(runs, r => r.Job == "pipeline");
        Assert.Equal(Outcomes.Failed, day.Outcome);
        Assert.Contains(failure, day.Error, StringComparison.Ordinal);
    }

    private async Task<(PipelineRunResult Result, DemoSetup Setup)> RunPipelineAsync(SandboxHost sandbox, bool reset = true)
    {
        var (result, setup) = await SandboxPipeline.RunAsync(sandbox, _directory.File("demo"), reset);
        Assert.Empty(result.Failures);
        return (result, setup);
    }

    private static async Task<string> SnapshotAsync(string warehouse)
    {
        await using var connection = WarehouseDatabase.OpenReadOnly(warehouse);
        var calls = await connection.QueryAsync<string>("SELECT concat_ws('|', source, call_id, started_at, status, answered_s, debit, currency, load_id) FROM calls ORDER BY source, call_id");
        var sms = await connection.QueryAsync<string>("SELECT concat_ws('|', source, message_id, sent_at, parts, debit, currency, load_id) FROM sms ORDER BY source, message_id");
        var loads = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM loads");
        return string.Join('\n', calls.Concat(sms)) + $"\nloads={loads}";
    }

    public void Dispose() => _directory.Dispose();
}
