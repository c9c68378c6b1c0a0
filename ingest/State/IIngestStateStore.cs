namespace Analytics.Ingest.State;

/// <summary>
/// Small restart-safe key/value state per source and feed (table <c>ingest_state</c>), e.g. the TeleVoIPs export
/// being polled. Each call is its own short write; nothing is held open between calls.
/// </summary>
public interface IIngestStateStore
{
    Task<string?> GetAsync(string source, string feed, string key, CancellationToken cancellationToken);

    Task SetAsync(string source, string feed, string key, string value, CancellationToken cancellationToken);

    Task DeleteAsync(string source, string feed, string key, CancellationToken cancellationToken);
}
