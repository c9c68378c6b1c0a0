using System.Text.Json;
using Analytics.Sandbox;
using Analytics.Landing;

namespace Analytics.Ingest.Tests.Telgorithm;

public sealed class TelgorithmClientTests
{
    [Fact]
    public async Task Follows_searchId_to_the_last_page_and_lands_every_message()
    {
        await using var h = await IngestHarness.StartAsync(volume: 2);
        var summaries = await h.IngestAsync("telgorithm");

        Assert.Equal(["inbound_messages", "outbound_messages", "calls"], summaries.Select(s => s.Feed));
        var days = h.Zone.CompleteDays("telgorithm").ToDictionary(d => d.Feed);
        Assert.Equal(h.GroundTruthCount("telgorithm", h.Day, "sms"),
            days["inbound_messages"].Completion.Records + days["outbound_messages"].Completion.Records);
        var outbound = days["outbound_messages"];
        Assert.True(outbound.Files.Count > 1, "the test needs several pages");
        using var last = JsonDocument.Parse(await File.ReadAllBytesAsync(outbound.Files[^1].Path));
        Assert.Equal(JsonValueKind.Null, last.RootElement.GetProperty("searchId").ValueKind);
        foreach (var file in days.Values.SelectMany(d => d.Files))
            await LandingZone.VerifyAsync(file, CancellationToken.None);
    }

    [Fact]
    public async Task A_looping_searchId_stops_with_an_error_instead_of_spinning()
    {
        await using var h = await IngestHarness.StartAsync(volume: 2);
        h.Fault(SandboxProvider.Telgorithm, FaultKind.RepeatedPage);

        var ex = await Assert.ThrowsAsync<PartialIngestException>(() => h.IngestAsync("telgorithm"));

        Assert.Contains("looping", ex.Message, StringComparison.Ordinal);
        // Each feed stops on its own after its second page; none of them spins.
        Assert.Equal(3 * 2, h.Requests(SandboxProvider.Telgorithm));
        Assert.Empty(h.Zone.CompleteDays());
    }

    [Fact]
    public async Task Rejected_credentials_fail_fast_with_one_request()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sources = h.Sources with { Telgorithm = h.Sources.Telgorithm with { Password = "wrong" } };

        var ex = await Assert.ThrowsAsync<CredentialsRejectedException>(() => h.IngestAsync("telgorithm"));
        Assert.Equal("telgorithm: credentials rejected (HTTP 401)", ex.Message);
        Assert.Equal(1, h.Requests(SandboxProvider.Telgorithm));
    }

    [Fact]
    public async Task A_rate_limit_is_retried_after_the_wait_the_server_asked_for()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Telgorithm, FaultKind.RateLimit) { Requests = [1], RetryAfterSeconds = 1 });

        await h.IngestAsync("telgorithm");

        Assert.Contains("rate limited (HTTP 429); retry 1 of 4 in 1 s", h.Logs.Text, StringComparison.Ordinal);
        Assert.Equal(3, h.Zone.CompleteDays("telgorithm").Count());
    }

    [Theory]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.BadGateway)]
    public async Task Transient_faults_are_retried_and_every_page_lands(FaultKind kind)
    {
        await using var h = await IngestHarness.StartAsync(volume: 2);
        h.Fault(SandboxProvider.Telgorithm, kind, 2);

        await h.IngestAsync("telgorithm");

        var days = h.Zone.CompleteDays("telgorithm").ToList();
        Assert.Equal(3, days.Count);
        Assert.Equal(h.GroundTruthCount("telgorithm", h.Day, "sms"), days.Where(d => d.Feed != "calls").Sum(d => d.Completion.Records));
    }

    [Fact]
    public async Task A_complete_day_is_not_fetched_again()
    {
        await using var h = await IngestHarness.StartAsync();
        await h.IngestAsync("telgorithm");
        var before = h.Requests(SandboxProvider.Telgorithm);

        await h.IngestAsync("telgorithm");

        Assert.Equal(before, h.Requests(SandboxProvider.Telgorithm));
    }

    [Fact]
    public async Task Fresh_search_ids_that_serve_the_same_records_again_stop_at_page_2()
    {
        await using var h = await IngestHarness.StartAsync(volume: 2);
        h.Fault(SandboxProvider.Telgorithm, FaultKind.FreshCursors);

        // Without evidence from the records this would page forever: the time limit turns that into a failure.
        var ex = await Assert.ThrowsAsync<PartialIngestException>(() => h.IngestAsync("telgorithm").WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains($"telgorithm: inbound_messages {h.Day:yyyy-MM-dd}: page 2 holds only records already received in this search", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Zone.CompleteDays("telgorithm"));
        Assert.Equal(3 * 2, h.Requests(SandboxProvider.Telgorithm));
    }
}
