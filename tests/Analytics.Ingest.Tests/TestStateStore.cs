using System.Collections.Concurrent;
using Analytics.Ingest.State;
using Analytics.Testing;

namespace Analytics.Ingest.Tests;

/// <summary>The state store the tests use. TEMPORARY in-memory stand-in until the DuckDB provider is merged.</summary>
internal static class TestStateStore
{
    public static Task<IIngestStateStore> CreateAsync(TempDirectory dir)
    {
        _ = dir;
        return Task.FromResult<IIngestStateStore>(new Memory());
    }

    private sealed class Memory : IIngestStateStore
    {
        private readonly ConcurrentDictionary<(string, string, string), string> _values = new();

        public Task<string?> GetAsync(string source, string feed, string key, CancellationToken cancellationToken) =>
            Task.FromResult(_values.TryGetValue((source, feed, key), out var v) ? v : null);

        public Task SetAsync(string source, string feed, string key, string value, CancellationToken cancellationToken)
        {
            _values[(source, feed, key)] = value;
            return Task.CompletedTask;
        }

        public Task DeleteAsync(string source, string feed, string key, CancellationToken cancellationToken)
        {
            _values.TryRemove((source, feed, key), out _);
            return Task.CompletedTask;
        }
    }
}
