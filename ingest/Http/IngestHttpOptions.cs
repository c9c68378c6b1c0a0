namespace Analytics.Ingest.Http;

/// <summary>HTTP behaviour shared by every client (not bound from configuration: defaults suit the real providers).</summary>
public sealed record IngestHttpOptions
{
    /// <summary>Limit for one attempt, headers and body. Default 100 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries after the first attempt for transient failures. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First backoff; doubles each retry, with jitter. Default 1 s (tests use milliseconds).</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one backoff and of a server-requested wait (Retry-After). Default 2 min.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(2);
}
