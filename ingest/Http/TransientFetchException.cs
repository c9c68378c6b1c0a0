namespace Analytics.Ingest.Http;

/// <summary>An attempt that may succeed if repeated (5xx, 429, timeout, reset, truncated or invalid body).</summary>
/// <param name="RetryAfter">Wait the server asked for (429 headers), if any.</param>
internal sealed class TransientFetchException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
