using Analytics.Ingest.State;
using Analytics.Testing;

namespace Analytics.Ingest.Tests.State;

public sealed class DbIngestStateStoreTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new("state");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Values_survive_a_new_store_instance_over_the_same_file_and_can_be_replaced_and_deleted()
    {
        var path = _dir.Combine("analytics.duckdb");
        var ct = CancellationToken.None;
        await DbIngestStateStore.ForWarehouse(path).SetAsync("televoips", "cdrs", "export:2026-11-21", "exp-1", ct);
        await DbIngestStateStore.ForWarehouse(path).SetAsync("televoips", "cdrs", "export:2026-11-21", "exp-2", ct);

        var other = DbIngestStateStore.ForWarehouse(path);
        Assert.Equal("exp-2", await other.GetAsync("televoips", "cdrs", "export:2026-11-21", ct));
        Assert.Null(await other.GetAsync("televoips", "cdrs", "export:2026-11-20", ct));
        Assert.Null(await other.GetAsync("telnyx", "cdrs", "export:2026-11-21", ct));

        await other.DeleteAsync("televoips", "cdrs", "export:2026-11-21", ct);
        Assert.Null(await other.GetAsync("televoips", "cdrs", "export:2026-11-21", ct));
    }
}
