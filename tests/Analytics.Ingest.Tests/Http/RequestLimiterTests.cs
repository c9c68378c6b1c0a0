using System.Diagnostics;
using System.Net.Http.Headers;
using Analytics.Ingest.Http;

namespace Analytics.Ingest.Tests.Http;

public sealed class RequestLimiterTests
{
    [Theory]
    [InlineData("x-ratelimit-remaining", "x-ratelimit-reset")]
    [InlineData("RateLimit-Remaining", "RateLimit-Reset")]
    public async Task An_exhausted_rate_limit_window_pauses_every_request_of_the_provider_until_it_resets(string remaining, string reset)
    {
        using var limiter = new RequestLimiter(4, TimeProvider.System, TimeSpan.FromMinutes(1));
        limiter.Observe(Headers((remaining, "0"), (reset, "1")), rateLimited: false);

        var clock = Stopwatch.StartNew();
        var waits = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var slot = await limiter.AcquireAsync(CancellationToken.None);
            return clock.Elapsed;
        }));

        Assert.All(waits, w => Assert.True(w >= TimeSpan.FromMilliseconds(900), $"a request went after {w.TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task A_window_with_requests_left_or_without_headers_does_not_pause()
    {
        using var limiter = new RequestLimiter(2, TimeProvider.System, TimeSpan.FromMinutes(1));
        limiter.Observe(Headers(("x-ratelimit-remaining", "99"), ("x-ratelimit-reset", "30")), rateLimited: false);
        limiter.Observe(Headers(), rateLimited: true);

        using var acquire = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var slot = await limiter.AcquireAsync(acquire.Token);
        Assert.False(acquire.IsCancellationRequested);
    }

    [Fact]
    public async Task A_429s_retry_after_pauses_all_and_slots_bound_requests_in_flight()
    {
        using var limiter = new RequestLimiter(2, TimeProvider.System, TimeSpan.FromMinutes(1));
        using var first = await limiter.AcquireAsync(CancellationToken.None);
        using var second = await limiter.AcquireAsync(CancellationToken.None);
        var third = limiter.AcquireAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(third.IsCompleted, "a third request went while two were in flight");

        var retry = Headers();
        retry.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        limiter.Observe(retry, rateLimited: true);
        var clock = Stopwatch.StartNew();
        first.Dispose();
        using var slot = await third;

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"went after {clock.Elapsed.TotalMilliseconds} ms");
    }

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] values)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in values)
            response.Headers.TryAddWithoutValidation(name, value);
        return response.Headers;
    }
}
