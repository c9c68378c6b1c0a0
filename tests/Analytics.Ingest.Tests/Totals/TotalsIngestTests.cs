using Analytics.Landing;
using Analytics.Sandbox;

namespace Analytics.Ingest.Tests.Totals;

/// <summary>The providers' own daily totals, landed after the detail records by the runner; never a failed ingest.</summary>
public sealed class TotalsIngestTests
{
    [Fact]
    public async Task Telnyx_usage_reports_and_callr_summaries_land_per_day_with_manifest_and_marker()
    {
        await using var h = await IngestHarness.StartAsync();

        var runs = await h.Runner().RunEachAsync(["telnyx", "callr"], h.OneDay, null, null, CancellationToken.None);

        Assert.All(runs, r => Assert.Null(r.Failure));
        foreach (var (source, feed) in new[] { ("telnyx", "mdr_usage"), ("telnyx", "cdr_usage"), ("callr", "calls_summary"), ("callr", "sms_summary") })
        {
            var day = Assert.Single(h.Zone.CompleteDays(source, feed));
            Assert.Equal(h.Day, day.Day);
            var file = Assert.Single(day.Files);
            Assert.Equal("report.json", Path.GetFileName(file.Path));
            var totals = ProviderTotals.Parse(source, feed, await File.ReadAllBytesAsync(file.Path), "EUR");
            Assert.Equal(totals.Count, file.Records);
            // What the provider says equals what it served, per direction.
            var kind = ProviderTotals.KindOf(feed);
            foreach (var direction in new[] { "IN", "OUT" })
            {
                var truth = h.Sandbox.GroundTruth.Find(source, h.Day, kind, direction)!;
                Assert.Equal(truth.Count, totals.Where(t => t.Direction == direction && t.Metric == "count").Sum(t => t.Value));
                Assert.Equal(truth.Debit.Values.Sum(), totals.Where(t => t.Direction == direction && t.Metric == "cost").Sum(t => t.Value));
            }
        }
        var mdr = Assert.Single(h.Zone.CompleteDays("telnyx", "mdr_usage")).Files[0];
        Assert.Contains($"start_date={h.Day:yyyy-MM-dd}T00%3A00%3A00Z&end_date={h.Day.AddDays(1):yyyy-MM-dd}T00%3A00%3A00Z", mdr.Entry.Url, StringComparison.Ordinal);
        Assert.Contains("#analytics/sms.summary(", Assert.Single(h.Zone.CompleteDays("callr", "sms_summary")).Files[0].Entry.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_usage_reports_of_the_record_types_pulled_are_fetched()
    {
        await using var h = await IngestHarness.TelnyxMessagingAsync(concurrency: 2);

        await h.Runner().RunAsync(["telnyx"], h.OneDay, null, null, CancellationToken.None);

        Assert.Single(h.Zone.CompleteDays("telnyx", "mdr_usage"));
        Assert.Empty(h.Zone.CompleteDays("telnyx", "cdr_usage"));
    }

    [Fact]
    public async Task A_summary_the_provider_refuses_is_not_landed_and_the_source_still_succeeds_then_the_next_run_fetches_it()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Callr, FaultKind.FeedError) { CallrCall = "analytics/sms.summary" });

        var run = Assert.Single(await h.Runner().RunEachAsync(["callr"], h.OneDay, null, null, CancellationToken.None));

        Assert.Null(run.Failure);
        Assert.Equal(4, run.Summaries.Count); // the detail feeds, all landed
        Assert.Single(h.Zone.CompleteDays("callr", "calls_summary"));
        Assert.Empty(h.Zone.CompleteDays("callr", "sms_summary"));
        Assert.Contains("callr: the provider's own totals were not all fetched", h.Logs.Text, StringComparison.Ordinal);
        Assert.Contains("JSON-RPC error -32603: Internal error", h.Logs.Text, StringComparison.Ordinal);

        h.Sandbox.Faults.Clear();
        var before = h.Requests(SandboxProvider.Callr);
        await h.Runner().RunAsync(["callr"], h.OneDay, null, null, CancellationToken.None);

        Assert.Single(h.Zone.CompleteDays("callr", "sms_summary"));
        Assert.Equal(1, h.Requests(SandboxProvider.Callr) - before); // only the missing summary: the rest was complete
    }
}
