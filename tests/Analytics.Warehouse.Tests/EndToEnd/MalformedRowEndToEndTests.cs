using Analytics.Ingest;
using Analytics.Ingest.Http;
using Analytics.Landing;
using Analytics.Sandbox;
using Analytics.Testing;
using Analytics.Warehouse.Loads;

namespace Analytics.Warehouse.Tests.EndToEnd;

public sealed class MalformedRowEndToEndTests
{
    [Fact]
    public async Task A_televoips_file_with_a_malformed_row_lands_whole_and_the_load_rejects_that_row_by_its_line()
    {
        using var dir = new TempDirectory("malformed-e2e");
        await using var sandbox = await SandboxHost.StartAsync(
            new SandboxOptions { Port = 0, Days = 1, VolumeMultiplier = 0.2, TeleVoipsPollsBeforeReady = 1, TeleVoipsTimeZone = TimeZoneInfo.Utc }, CancellationToken.None);
        sandbox.Faults.Add(SandboxProvider.TeleVoips, FaultKind.MalformedRow);
        var landing = new LandingOptions { Path = dir.Combine("landing") };
        var sources = new SourcesOptions
        {
            TeleVoips = new TeleVoipsOptions { BaseUrl = sandbox.TeleVoipsBaseUrl.ToString(), ApiKey = SandboxKeys.TeleVoipsApiKey, PollInterval = TimeSpan.FromMilliseconds(20) },
        };
        await new IngestRunner(sources, landing, http: new IngestHttpOptions()).RunAsync(["televoips"],
            new IngestRequest(sandbox.LastDay, sandbox.LastDay), null, null, CancellationToken.None);

        var report = await new LandingLoader(new LandingZone(landing), new Analytics.Warehouse.Mapping.MappingSettings())
            .LoadAllAsync(() => WarehouseDatabase.OpenReadWrite(dir.Combine("analytics.duckdb")), CancellationToken.None);

        var file = Assert.Single(report.Files);
        Assert.Equal(1, file.RowsRejected);
        Assert.Equal(sandbox.GroundTruth.Days.Where(d => d.Source == "televoips").Sum(d => d.Count), file.RowsLoaded);
        using var connection = WarehouseDatabase.OpenReadOnly(dir.Combine("analytics.duckdb"));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT reason FROM rejects";
        Assert.StartsWith("line 2: ", Assert.IsType<string>(command.ExecuteScalar()), StringComparison.Ordinal);
    }
}
