using Analytics.Jobs.Cli;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Demo;
using Analytics.Pipeline;
using Analytics.Sandbox;
using Analytics.Testing;
using Analytics.Warehouse;
using Dapper;

namespace Analytics.Jobs.Tests.Demo;

/// <summary>
/// The providers' own totals (Telnyx usage reports, CALLR analytics summaries) against the warehouse, end to end over the
/// sandbox: exact days are ok, a provider whose totals disagree raises alerts with the delta, one that does not answer
/// leaves its days unavailable without failing the run.
/// </summary>
public sealed class ReconciliationEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Every_reconciliation_row_of_an_exact_run_is_ok_and_the_ground_truth_still_matches()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 7, Days = 2, VolumeMultiplier = 0.2 }, CancellationToken.None);
        var (result, setup) = await RunAsync(sandbox);

        Assert.Empty(result.Failures);
        var check = await GroundTruthCheck.CompareAsync(setup.Warehouse, sandbox.GroundTruth, CancellationToken.None);
        Assert.True(check.Matches, string.Join(Environment.NewLine, check.Mismatches));
        var rows = await RowsAsync(setup.Warehouse);
        Assert.All(rows, r => Assert.Equal("ok", r.status));
        // Both days, both providers, calls and SMS, each with its three figures.
        foreach (var source in new[] { "callr", "telnyx" })
        {
            foreach (var day in new[] { sandbox.FirstDay, sandbox.LastDay })
            {
                Assert.Contains(rows, r => r.source == source && r.day == $"{day:yyyy-MM-dd}" && r.kind == "calls" && r.metric == "cost");
                Assert.Contains(rows, r => r.source == source && r.day == $"{day:yyyy-MM-dd}" && r.kind == "sms" && r.metric == "count");
            }
        }
        Assert.DoesNotContain(result.Report.Report!.Digest.Alerts, a => a.Rule == "reconciliation_mismatch");
    }

    [Fact]
    public async Task Totals_that_disagree_are_mismatches_with_their_delta_in_the_report_alerts_and_in_status()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 4, Days = 1, VolumeMultiplier = 0.2 }, CancellationToken.None);
        sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.TotalsSkew) { Skew = 0.1m });
        var (result, setup) = await RunAsync(sandbox);

        Assert.Empty(result.Failures);
        var rows = await RowsAsync(setup.Warehouse);
        var telnyxCost = rows.Where(r => r.source == "telnyx" && r.metric == "cost" && r.provider_value != 0).ToList();
        Assert.NotEmpty(telnyxCost);
        Assert.All(telnyxCost, r =>
        {
            Assert.Equal("mismatch", r.status);
            Assert.True(r.provider_value > r.warehouse_value);
            Assert.Equal(r.warehouse_value - r.provider_value, r.difference);
        });
        // Calls have no fee beside their cost: the provider's figure is exactly 10 % more.
        Assert.All(telnyxCost.Where(r => r.kind == "calls"), r => Assert.Equal(decimal.Round(r.warehouse_value * 1.1m, 4), r.provider_value));
        Assert.All(rows.Where(r => r.source == "callr" || r.metric != "cost" || r.provider_value == 0), r => Assert.Equal("ok", r.status));

        var alerts = result.Report.Report!.Digest.Alerts.Where(a => a.Rule == "reconciliation_mismatch").ToList();
        Assert.Equal(telnyxCost.Count, alerts.Count);
        var call = telnyxCost.First(r => r.kind == "calls" && r.direction == "OUT");
        var alert = Assert.Single(alerts, a => a.Message.Contains($"calls OUT {call.currency} cost", StringComparison.Ordinal));
        Assert.Equal(call.warehouse_value, alert.Value);
        Assert.Equal(call.provider_value, alert.Baseline);
        Assert.Contains(FormattableString.Invariant($"off by {call.difference:0.####}"), alert.Message, StringComparison.Ordinal);
        Assert.True(alert.Message.Contains("(-9.0", StringComparison.Ordinal), alert.Message);
        var csv = await File.ReadAllTextAsync(Path.Combine(result.Report.Report.Directory, "alerts.csv"));
        Assert.Contains("reconciliation_mismatch", csv, StringComparison.Ordinal);

        using var status = new StringWriter();
        await StatusCommand.WriteAsync(AppConfiguration.Settings(configFile: null, setup.Overrides(sandbox)), status, TimeProvider.System, CancellationToken.None);
        var lines = status.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("  telnyx     no day ok; 1 day not ok:", lines);
        Assert.Equal(telnyxCost.Count, lines.Count(l => l.StartsWith($"  telnyx     {sandbox.LastDay:yyyy-MM-dd}  MISMATCH     ", StringComparison.Ordinal)));
        Assert.Contains(FormattableString.Invariant(
            $"  telnyx     {sandbox.LastDay:yyyy-MM-dd}  MISMATCH     calls OUT {call.currency} cost: telnyx {call.provider_value:0.####}, warehouse {call.warehouse_value:0.####}, off by {call.difference:+0.####;-0.####}"),
            status.ToString(), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"  callr      1 day ok (", StringComparison.Ordinal) && l.EndsWith($"), {sandbox.LastDay:yyyy-MM-dd}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_its_totals_leaves_the_day_unavailable_and_the_run_succeeds()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Seed = 5, Days = 1, VolumeMultiplier = 0.2 }, CancellationToken.None);
        sandbox.Faults.Add(new FaultRule(SandboxProvider.Callr, FaultKind.FeedError) { CallrCall = "analytics/calls.summary" });
        var (result, setup) = await RunAsync(sandbox);

        Assert.Empty(result.Failures);
        Assert.All(result.Sources, s => Assert.Null(s.Failure));
        var rows = await RowsAsync(setup.Warehouse);
        var calls = rows.Where(r => r.source == "callr" && r.kind == "calls").ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, r =>
        {
            Assert.Equal("unavailable", r.status);
            Assert.Null(r.provider_value);
            Assert.Null(r.difference);
        });
        Assert.Contains(calls, r => r.metric == "count" && r.warehouse_value > 0);
        Assert.All(rows.Where(r => !(r.source == "callr" && r.kind == "calls")), r => Assert.Equal("ok", r.status));

        // Asked again once the provider answers: the day is reconciled.
        sandbox.Faults.Clear();
        var (again, _) = await RunAsync(sandbox, reset: false);
        Assert.Empty(again.Failures);
        Assert.All(await RowsAsync(setup.Warehouse), r => Assert.Equal("ok", r.status));
    }

    private Task<(PipelineRunResult Result, DemoSetup Setup)> RunAsync(SandboxHost sandbox, bool reset = true) =>
        SandboxPipeline.RunAsync(sandbox, _directory.File("demo"), reset);

    private static async Task<List<Row>> RowsAsync(string warehouse)
    {
        await using var connection = WarehouseDatabase.OpenReadOnly(warehouse);
        return [.. await connection.QueryAsync<Row>("""
            SELECT source, CAST(day AS VARCHAR) AS day, kind, direction, currency, metric, provider_value, warehouse_value, difference, status
            FROM reconciliation ORDER BY ALL
            """)];
    }

    private sealed record Row(string source, string day, string kind, string direction, string currency, string metric,
        decimal? provider_value, decimal warehouse_value, decimal? difference, string status);

    public void Dispose() => _directory.Dispose();
}
