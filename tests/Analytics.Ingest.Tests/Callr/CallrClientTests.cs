using System.Text.Json;
using Analytics.Sandbox;

namespace Analytics.Ingest.Tests.Callr;

public sealed class CallrClientTests
{
    [Fact]
    public async Task Lands_one_json_rpc_response_per_feed_and_day_with_every_record()
    {
        await using var h = await IngestHarness.StartAsync(days: 3);
        var first = h.Sandbox.FirstDay;
        await h.IngestAsync("callr", new IngestRequest(first, h.Day));

        foreach (var (feed, kind, direction) in new[] { ("cdr_in", "calls", "IN"), ("cdr_out", "calls", "OUT"), ("sms_in", "sms", "IN"), ("sms_out", "sms", "OUT") })
        {
            for (var day = first; day <= h.Day; day = day.AddDays(1))
            {
                var landed = Assert.Single(h.Zone.CompleteDays("callr", feed), d => d.Day == day);
                var file = Assert.Single(landed.Files);
                Assert.Equal("result.json", file.Entry.File);
                // Windows of one day with inclusive bounds: neither a record lost at midnight nor one counted twice.
                Assert.Equal(h.Sandbox.GroundTruth.Find("callr", day, kind, direction)?.Count ?? 0, file.Records);
                using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(file.Path));
                Assert.Equal("2.0", json.RootElement.GetProperty("jsonrpc").GetString());
                Assert.Equal(file.Records, json.RootElement.GetProperty("result").GetArrayLength());
                Assert.Contains(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 00:00:00", file.Entry.Url, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_json_rpc_authentication_error_under_http_200_fails_fast_as_rejected_credentials()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sources = h.Sources with { Callr = h.Sources.Callr with { ApiKey = "wrong-key" } };

        var ex = await Assert.ThrowsAsync<CredentialsRejectedException>(() => h.IngestAsync("callr"));

        Assert.StartsWith("callr: credentials rejected", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Requests(SandboxProvider.Callr));
        Assert.DoesNotContain(h.LandingFiles(), f => f.EndsWith("result.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_complete_day_is_not_fetched_again()
    {
        await using var h = await IngestHarness.StartAsync();
        await h.IngestAsync("callr");
        var before = h.Requests(SandboxProvider.Callr);

        var again = await h.IngestAsync("callr");

        Assert.Equal(before, h.Requests(SandboxProvider.Callr));
        Assert.All(again, s => Assert.Equal(1, s.SkippedComplete));
    }

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.RateLimit)]
    public async Task Transient_faults_are_retried(FaultKind kind)
    {
        await using var h = await IngestHarness.StartAsync();
        h.Fault(SandboxProvider.Callr, kind, 1, 3);

        await h.IngestAsync("callr");

        Assert.Equal(4, h.Zone.CompleteDays("callr").Count());
        Assert.Contains("retry 1 of 4", h.Logs.Text, StringComparison.Ordinal);
    }
}
