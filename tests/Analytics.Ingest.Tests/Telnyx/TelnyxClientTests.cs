using System.Text.Json;
using Analytics.Sandbox;
using Analytics.Landing;

namespace Analytics.Ingest.Tests.Telnyx;

public sealed class TelnyxClientTests
{
    [Fact]
    public async Task Lands_every_page_of_every_record_type_with_the_records_the_sandbox_served()
    {
        await using var h = await IngestHarness.StartAsync();
        var summaries = await h.IngestAsync("telnyx");

        Assert.Equal(["messaging", "call-control", "sip-trunking", "webrtc"], summaries.Select(s => s.Feed));
        var days = h.Zone.CompleteDays("telnyx").ToList();
        Assert.Equal(4, days.Count);
        Assert.Equal(h.GroundTruthCount("telnyx", h.Day), days.Sum(d => d.Completion.Records));
        Assert.Equal(h.GroundTruthCount("telnyx", h.Day, "sms"), days.Single(d => d.Feed == "messaging").Completion.Records);
        var messaging = days.Single(d => d.Feed == "messaging");
        Assert.True(messaging.Files.Count > 1, "the test needs several pages");
        for (var i = 0; i < messaging.Files.Count; i++)
        {
            Assert.Equal($"page-{i + 1:0000}.json", messaging.Files[i].Entry.File);
            await LandingZone.VerifyAsync(messaging.Files[i], CancellationToken.None);
            using var page = JsonDocument.Parse(await File.ReadAllBytesAsync(messaging.Files[i].Path));
            Assert.Equal(messaging.Files[i].Records, page.RootElement.GetProperty("data").GetArrayLength());
            Assert.Equal(messaging.Files.Count, page.RootElement.GetProperty("meta").GetProperty("total_pages").GetInt32());
        }
    }

    [Fact]
    public async Task A_day_without_records_lands_one_empty_page_and_completes()
    {
        await using var h = await IngestHarness.StartAsync();
        var outside = h.Sandbox.FirstDay.AddDays(-10);
        var summaries = await h.IngestAsync("telnyx", new IngestRequest(outside, outside));

        Assert.All(summaries, s => Assert.Equal((1, 0L), (s.Days, s.Records)));
        Assert.All(h.Zone.CompleteDays("telnyx"), d => Assert.Equal(0, d.Completion.Records));
    }

    [Fact]
    public async Task A_complete_day_is_not_fetched_again_unless_forced()
    {
        await using var h = await IngestHarness.StartAsync();
        await h.IngestAsync("telnyx");
        var before = h.Requests(SandboxProvider.Telnyx);

        var again = await h.IngestAsync("telnyx");
        Assert.Equal(before, h.Requests(SandboxProvider.Telnyx));
        Assert.All(again, s => Assert.Equal((0, 1), (s.Days, s.SkippedComplete)));

        await h.IngestAsync("telnyx", h.OneDay with { Force = true });
        Assert.True(h.Requests(SandboxProvider.Telnyx) > before);
    }

    [Fact]
    public async Task Rejected_credentials_fail_fast_with_one_request()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sources = h.Sources with { Telnyx = h.Sources.Telnyx with { ApiKey = "wrong-key" } };

        var ex = await Assert.ThrowsAsync<CredentialsRejectedException>(() => h.IngestAsync("telnyx"));
        Assert.Equal("telnyx: credentials rejected (HTTP 401)", ex.Message);
        Assert.Equal(1, h.Requests(SandboxProvider.Telnyx));
    }

    [Fact]
    public async Task A_repeated_page_stops_the_day_with_an_error_and_leaves_it_incomplete()
    {
        await using var h = await IngestHarness.StartAsync();
        // One record type, one request at a time: request 2 is page 2.
        h.Sources = h.Sources with { Telnyx = h.Sources.Telnyx with { RecordTypes = ["messaging"], Concurrency = 1 } };
        h.Fault(SandboxProvider.Telnyx, FaultKind.RepeatedPage, 2);

        var ex = await Assert.ThrowsAsync<PartialIngestException>(() => h.IngestAsync("telnyx"));
        Assert.Contains("messaging", ex.Message, StringComparison.Ordinal);
        Assert.Contains("page 2", ex.Message, StringComparison.Ordinal);
        Assert.False(h.Zone.IsComplete("telnyx", "messaging", h.Day));
        Assert.Single(Directory.EnumerateFiles(h.Zone.DayDirectory("telnyx", "messaging", h.Day), "page-*"));
    }

    [Theory]
    [InlineData(FaultKind.RateLimit)]
    [InlineData(FaultKind.InternalServerError)]
    [InlineData(FaultKind.BadGateway)]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.ConnectionReset)]
    public async Task Transient_faults_are_retried_and_the_landing_is_identical(FaultKind kind)
    {
        await using var clean = await IngestHarness.StartAsync();
        await clean.IngestAsync("telnyx");
        await using var h = await IngestHarness.StartAsync();
        h.Fault(SandboxProvider.Telnyx, kind, 2, 3);

        await h.IngestAsync("telnyx");

        Assert.Equal(Hashes(clean), Hashes(h));
        Assert.Contains("retry 1 of 4", h.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(h.LandingFiles(), f => Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public async Task A_rate_limit_waits_as_long_as_Retry_After_asks()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.RateLimit) { Requests = [1], RetryAfterSeconds = 1 });

        await h.IngestAsync("telnyx");

        Assert.Contains("rate limited (HTTP 429); retry 1 of 4 in 1 s", h.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_is_retried()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Http = h.Http with { AttemptTimeout = TimeSpan.FromMilliseconds(500) };
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.Slow) { Requests = [1], Delay = TimeSpan.FromSeconds(20) });

        await h.IngestAsync("telnyx");

        Assert.Contains("attempt timed out after 0.5 s", h.Logs.Text, StringComparison.Ordinal);
        Assert.Equal(4, h.Zone.CompleteDays("telnyx").Count());
    }

    [Fact]
    public async Task A_page_truncated_on_every_attempt_is_never_landed_and_the_day_stays_incomplete()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Fault(SandboxProvider.Telnyx, FaultKind.TruncatedBody);

        var ex = await Assert.ThrowsAsync<PartialIngestException>(() => h.IngestAsync("telnyx"));

        Assert.Contains("gave up after 5 attempts", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Zone.CompleteDays());
        Assert.DoesNotContain(h.LandingFiles(), f => !f.EndsWith(LandingZone.ManifestFileName, StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Hashes(IngestHarness h) =>
        h.Zone.CompleteDays("telnyx").SelectMany(d => d.Files).ToDictionary(f => $"{f.Feed}/{f.Entry.File}", f => f.Sha256);
}
