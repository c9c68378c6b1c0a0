using Analytics.Sandbox;

namespace Analytics.Ingest.Tests.Telnyx;

/// <summary>Pages fetched in parallel land as if fetched one by one; a failed day goes on from what it landed.</summary>
public sealed class TelnyxParallelPullTests
{
    [Fact]
    public async Task Pages_arriving_out_of_order_give_the_same_files_and_manifest_order_as_a_sequential_pull()
    {
        await using var sequential = await IngestHarness.TelnyxMessagingAsync(concurrency: 1);
        await sequential.IngestAsync("telnyx");
        await using var parallel = await IngestHarness.TelnyxMessagingAsync(concurrency: 8);
        // Page 2 answers last: pages 3… arrive before it.
        parallel.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.Slow) { Requests = [2], Delay = TimeSpan.FromMilliseconds(400) });

        await parallel.IngestAsync("telnyx");

        var expected = Manifest(sequential);
        Assert.True(expected.Count > 3, "the day needs several pages");
        Assert.Equal(expected, Manifest(parallel));
    }

    [Fact]
    public async Task A_day_that_failed_part_way_resumes_from_the_pages_it_landed_and_verified()
    {
        await using var h = await IngestHarness.TelnyxMessagingAsync(concurrency: 1);
        h.Fault(SandboxProvider.Telnyx, FaultKind.InternalServerError, [.. Enumerable.Range(4, 50)]);
        await Assert.ThrowsAsync<PartialIngestException>(() => h.IngestAsync("telnyx"));
        Assert.Equal(3, Directory.EnumerateFiles(h.Zone.DayDirectory("telnyx", "messaging", h.Day), "page-*").Count());
        h.Sandbox.Faults.Clear();
        var before = h.Requests(SandboxProvider.Telnyx);

        await h.IngestAsync("telnyx");

        var day = Assert.Single(h.Zone.CompleteDays("telnyx", "messaging"));
        Assert.Equal(h.GroundTruthCount("telnyx", h.Day, "sms"), day.Completion.Records);
        // One request for the current total, then only the pages not landed yet.
        Assert.Equal(1 + (day.Files.Count - 3), h.Requests(SandboxProvider.Telnyx) - before);
        Assert.Contains("resuming after 3 pages already landed and verified", h.Logs.Text, StringComparison.Ordinal);
    }

    private static List<string> Manifest(IngestHarness h) =>
        [.. Assert.Single(h.Zone.CompleteDays("telnyx", "messaging")).Files.Select(f => $"{f.Entry.File} {f.Sha256} {f.Records}")];
}
