using Analytics.Ingest.State;
using Analytics.Testing;

namespace Analytics.Ingest.Tests;

/// <summary>The state store the tests use: the real one, over a DuckDB warehouse file in the test's directory.</summary>
internal static class TestStateStore
{
    public static Task<IIngestStateStore> CreateAsync(TemporaryDirectory dir) =>
        Task.FromResult<IIngestStateStore>(DbIngestStateStore.ForWarehouse(dir.Combine("analytics.duckdb")));
}
