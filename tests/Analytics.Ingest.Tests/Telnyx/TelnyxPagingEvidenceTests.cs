using Analytics.Sandbox;

namespace Analytics.Ingest.Tests.Telnyx;

/// <summary>Paging bounded by evidence, and totals that change while paging.</summary>
public sealed class TelnyxPagingEvidenceTests
{
    [Fact]
    public async Task Alternating_pages_under_a_huge_page_count_stop_at_the_first_page_of_records_already_received()
    {
        await using var h = await IngestHarness.TelnyxMessagingAsync(concurrency: 8);
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.AlternatingPages));

        var ex = await Assert.ThrowsAsync<PartialIngestException>(() => h.IngestAsync("telnyx").WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal($"telnyx: messaging {h.Day:yyyy-MM-dd}: page 3 holds only records already received in this pull; the provider is repeating pages, stopping at page 3, the day is not marked complete", ex.Message);
        Assert.False(h.Zone.IsComplete("telnyx", "messaging", h.Day));
        Assert.True(h.Requests(SandboxProvider.Telnyx) <= 3 + 8, $"{h.Requests(SandboxProvider.Telnyx)} requests");
        Assert.Equal(2, Directory.EnumerateFiles(h.Zone.DayDirectory("telnyx", "messaging", h.Day), "page-*").Count());
    }

    [Fact]
    public async Task An_empty_page_before_the_end_stops_the_pull_naming_the_page()
    {
        await using var h = await IngestHarness.TelnyxMessagingAsync(concurrency: 8);
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.EmptyPages) { Requests = [.. Enumerable.Range(2, 100)] });

        var ex = await Assert.ThrowsAsync<PartialIngestException>(() => h.IngestAsync("telnyx").WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Matches($"^telnyx: messaging {h.Day:yyyy-MM-dd}: page [0-9]+ is empty but the provider counts [0-9]+ pages", ex.Message);
        Assert.False(h.Zone.IsComplete("telnyx", "messaging", h.Day));
        Assert.True(h.Requests(SandboxProvider.Telnyx) <= 2 + 8, $"{h.Requests(SandboxProvider.Telnyx)} requests");
    }

    [Fact]
    public async Task A_total_that_grows_after_page_1_is_pulled_to_its_new_end()
    {
        await using var h = await IngestHarness.TelnyxMessagingAsync(concurrency: 1);
        var records = h.GroundTruthCount("telnyx", h.Day, "sms");
        // Page 1 knows one page fewer than the day really has.
        var hidden = records % 50 == 0 ? 50 : (int)(records % 50);
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.GrowingTotal) { Requests = [1], HiddenRecords = hidden });

        var summary = Assert.Single(await h.IngestAsync("telnyx"));

        Assert.Equal((1, 0), (summary.Days, summary.Incomplete));
        Assert.Equal(records, Assert.Single(h.Zone.CompleteDays("telnyx", "messaging")).Completion.Records);
        Assert.Contains("total changed at page 2", h.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_total_that_keeps_changing_lands_what_was_pulled_leaves_the_day_incomplete_and_the_next_run_finishes_it()
    {
        await using var h = await IngestHarness.TelnyxMessagingAsync(concurrency: 1);
        var records = h.GroundTruthCount("telnyx", h.Day, "sms");
        var hidden = records % 50 == 0 ? 50 : (int)(records % 50);
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.GrowingTotal) { Requests = [.. Enumerable.Range(0, 50).Select(i => 1 + (2 * i))], HiddenRecords = hidden });

        var first = Assert.Single(await h.IngestAsync("telnyx"));

        Assert.Equal((0, 1), (first.Days, first.Incomplete));
        Assert.False(h.Zone.IsComplete("telnyx", "messaging", h.Day));
        Assert.Contains("left incomplete and is fetched again next run", h.Logs.Text, StringComparison.Ordinal);
        var landed = Directory.EnumerateFiles(h.Zone.DayDirectory("telnyx", "messaging", h.Day), "page-*").Count();
        Assert.True(landed > 0);

        h.Sandbox.Faults.Clear();
        var second = Assert.Single(await h.IngestAsync("telnyx"));

        Assert.Equal((1, 0), (second.Days, second.Incomplete));
        Assert.Equal(records, Assert.Single(h.Zone.CompleteDays("telnyx", "messaging")).Completion.Records);
        Assert.Contains($"resuming after {landed} pages already landed and verified", h.Logs.Text, StringComparison.Ordinal);
    }
}
