using System.Net.Http.Headers;
using Analytics.Ingest.Http;

namespace Analytics.Ingest.Tests.Http;

public sealed class HttpErrorsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Retry-After", "7", 7)]
    [InlineData("RateLimit-Reset", "3", 3)]
    [InlineData("x-ratelimit-reset", "12", 12)]
    [InlineData("x-ratelimit-reset", "1795327205", 5)]
    public void The_wait_comes_from_whichever_rate_limit_header_is_present(string header, string value, int seconds)
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation(header, value);

        Assert.Equal(TimeSpan.FromSeconds(seconds), HttpErrors.RetryAfter(response.Headers, new FixedTime(Now)));
    }

    [Fact]
    public void Retry_After_as_a_date_waits_until_then()
    {
        using var response = new HttpResponseMessage();
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), HttpErrors.RetryAfter(response.Headers, new FixedTime(Now)));
    }

    [Fact]
    public void No_header_means_no_requested_wait()
    {
        using var response = new HttpResponseMessage();
        Assert.Null(HttpErrors.RetryAfter(response.Headers, new FixedTime(Now)));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
