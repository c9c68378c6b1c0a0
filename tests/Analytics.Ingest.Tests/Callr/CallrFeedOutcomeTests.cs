using Analytics.Sandbox;

namespace Analytics.Ingest.Tests.Callr;

/// <summary>Each CALLR feed is pulled on its own and reports its own outcome.</summary>
public sealed class CallrFeedOutcomeTests
{
    [Fact]
    public async Task A_json_rpc_error_on_one_feed_fails_that_feed_only_and_every_feed_reports()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Callr, FaultKind.FeedError) { CallrCall = "cdr.get OUT" });

        var run = Assert.Single(await h.Runner().RunEachAsync(["callr"], h.OneDay, null, null, CancellationToken.None));

        Assert.Equal($"callr: cdr.get(OUT, {h.Day:yyyy-MM-dd} 00:00:00, {h.Day:yyyy-MM-dd} 23:59:59): JSON-RPC error -32603: Internal error", run.Failure?.Message);
        Assert.Equal(["cdr_in", "cdr_out", "sms_in", "sms_out"], run.Summaries.Select(s => s.Feed));
        Assert.Equal([1, 0, 1, 1], run.Summaries.Select(s => s.Days));
        Assert.Equal(1, run.Summaries.Single(s => s.Feed == "cdr_out").Failed);
        Assert.Equal(["cdr_in", "sms_in", "sms_out"], h.Zone.CompleteDays("callr").Select(d => d.Feed));
    }

    [Fact]
    public async Task An_error_object_without_a_message_still_gives_its_code()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Callr, FaultKind.FeedError) { CallrCall = "sms.get_list IN", ErrorCode = -32000, ErrorMessage = null });

        var ex = await Assert.ThrowsAsync<PartialIngestException>(() => h.IngestAsync("callr"));

        Assert.EndsWith("JSON-RPC error -32000 (no message)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_member_that_is_null_beside_a_valid_result_is_a_success()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Fault(SandboxProvider.Callr, FaultKind.NullErrorField);

        await h.IngestAsync("callr");

        Assert.Equal(4, h.Zone.CompleteDays("callr").Count());
        Assert.Equal(h.GroundTruthCount("callr", h.Day), h.Zone.CompleteDays("callr").Sum(d => d.Completion.Records));
    }
}
