using System.Globalization;
using System.Net.Http.Headers;

namespace Analytics.Ingest.Http;

/// <summary>
/// One provider's limit, shared by all its feeds and days: at most <c>Concurrency</c> requests at a time, and one pause
/// for all of them when the provider says to slow down (a 429's <c>Retry-After</c>, or a rate-limit window whose
/// <c>x-ratelimit-remaining</c> / <c>RateLimit-Remaining</c> is 0 until its reset), so parallel requests back off
/// together instead of each running into its own 429.
/// </summary>
internal sealed class RequestLimiter(int concurrency, TimeProvider time, TimeSpan maxPause) : IDisposable
{
    private static readonly string[] RemainingHeaders = ["x-ratelimit-remaining", "RateLimit-Remaining"];

    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);
    private readonly object _gate = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public int Concurrency { get; } = concurrency;

    /// <summary>Waits for a free slot and for any pause to end; dispose the result to free the slot.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            while (PauseLeft() is { } left && left > TimeSpan.Zero)
                await Task.Delay(left, time, cancellationToken);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        return new Slot(_slots);
    }

    /// <summary>Reads the provider's rate-limit headers of any answer; an exhausted window pauses every request until it resets.</summary>
    public void Observe(HttpResponseHeaders headers, bool rateLimited)
    {
        var wait = HttpErrors.RetryAfter(headers, time);
        if (wait is null)
            return;
        if (!rateLimited && !Exhausted(headers))
            return;
        PauseFor(wait.Value);
    }

    /// <summary>Pauses every request of the provider for <paramref name="wait"/> (at most the configured maximum delay).</summary>
    public void PauseFor(TimeSpan wait)
    {
        if (wait > maxPause)
            wait = maxPause;
        var until = time.GetUtcNow() + wait;
        lock (_gate)
        {
            if (until > _pausedUntil)
                _pausedUntil = until;
        }
    }

    public void Dispose() => _slots.Dispose();

    private TimeSpan? PauseLeft()
    {
        lock (_gate)
            return _pausedUntil - time.GetUtcNow();
    }

    private static bool Exhausted(HttpResponseHeaders headers)
    {
        foreach (var name in RemainingHeaders)
        {
            if (headers.TryGetValues(name, out var values)
                && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var remaining))
                return remaining <= 0;
        }

        return false;
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Release();
        }
    }
}
