using Analytics.Jobs.Demo;
using Analytics.Sandbox;
using Analytics.Testing;
using Analytics.Warehouse;
using Dapper;

namespace Analytics.Jobs.Tests.Demo;

/// <summary>
/// Issue #22 item 6 end to end: a CALLR account billing in USD (<c>Sources:Callr:Currency=USD</c>, a sandbox serving a USD
/// account) gets its SMS in USD and its CDRs in EUR through the real ingest over HTTP and load, equal to the ground truth
/// per currency, and its SMS reconcile against CALLR's own summary in USD.
/// </summary>
public sealed class CallrCurrencyEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_USD_accounts_sms_are_USD_its_cdrs_EUR_and_every_total_matches()
    {
        await using var sandbox = await SandboxHost.StartAsync(
            new SandboxOptions { Port = 0, Seed = 9, Days = 1, VolumeMultiplier = 0.2, CallrCurrency = "USD" }, CancellationToken.None);

        var (result, setup) = await SandboxPipeline.RunAsync(sandbox, _directory.File("demo"));

        Assert.Empty(result.Failures);
        var check = await GroundTruthCheck.CompareAsync(setup.Warehouse, sandbox.GroundTruth, CancellationToken.None);
        Assert.True(check.Matches, string.Join(Environment.NewLine, check.Mismatches));
        await using var connection = WarehouseDatabase.OpenReadOnly(setup.Warehouse);
        Assert.Equal(["USD"], await connection.QueryAsync<string>("SELECT DISTINCT currency FROM sms WHERE source = 'callr'"));
        Assert.Equal(["EUR"], await connection.QueryAsync<string>("SELECT DISTINCT currency FROM calls WHERE source = 'callr' AND currency IS NOT NULL"));
        var reconciled = (await connection.QueryAsync<(string Currency, string Status)>(
            "SELECT DISTINCT currency, status FROM reconciliation WHERE source = 'callr' AND kind = 'sms'")).ToList();
        Assert.Equal([("USD", "ok")], reconciled);
    }

    public void Dispose() => _directory.Dispose();
}
