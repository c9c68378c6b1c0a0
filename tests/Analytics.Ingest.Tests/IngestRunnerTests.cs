namespace Analytics.Ingest.Tests;

public sealed class IngestRunnerTests
{
    [Fact]
    public async Task A_source_without_credentials_is_skipped_with_one_line_and_others_still_run()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sources = h.Sources with { Telgorithm = h.Sources.Telgorithm with { Username = null, Password = null } };
        var notices = new List<string>();

        var summaries = await h.Runner().RunAsync(["telgorithm", "callr"], h.OneDay, null, notices.Add, CancellationToken.None);

        Assert.Equal(["telgorithm: no credentials configured (Sources:Telgorithm:Username/Password), skipped"], notices);
        Assert.All(summaries, s => Assert.Equal("callr", s.Source));
        Assert.Equal(0, h.Requests(Analytics.Sandbox.SandboxProvider.Telgorithm));
    }

    [Fact]
    public async Task All_runs_every_configured_source_and_reports_progress()
    {
        await using var h = await IngestHarness.StartAsync();
        var updates = new List<IngestProgress>();
        var progress = new SynchronousProgress(updates.Add);

        var summaries = await h.Runner().RunAsync(["all"], h.OneDay, progress, null, CancellationToken.None);

        Assert.Equal(["televoips", "telnyx", "callr", "telgorithm"], summaries.Select(s => s.Source).Distinct());
        // Detail feeds, plus Telnyx's two usage reports and CALLR's two analytics summaries.
        Assert.Equal(1 + 4 + 4 + 3 + 2 + 2, h.Zone.CompleteDays().Count());
        var last = updates.Last(u => u.Source == "telnyx" && u.Feed == "messaging");
        Assert.Equal(summaries.Single(s => s.Feed == "messaging").Records, last.Records);
    }

    [Fact]
    public async Task One_failing_source_does_not_stop_the_others_and_its_error_is_reported()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sources = h.Sources with { Telnyx = h.Sources.Telnyx with { ApiKey = "wrong" } };

        var ex = await Assert.ThrowsAsync<CredentialsRejectedException>(() => h.Runner().RunAsync(["telnyx", "callr"], h.OneDay, null, null, CancellationToken.None));

        Assert.Equal("telnyx: credentials rejected (HTTP 401)", ex.Message);
        Assert.Equal(4 + 2, h.Zone.CompleteDays("callr").Count()); // its detail feeds and its two summaries
    }

    [Fact]
    public async Task Several_failing_sources_are_reported_together_one_clause_each()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sources = h.Sources with
        {
            Telnyx = h.Sources.Telnyx with { ApiKey = "wrong" },
            Callr = h.Sources.Callr with { ApiKey = "wrong" },
        };

        var ex = await Assert.ThrowsAsync<IngestException>(() => h.Runner().RunAsync(["all"], h.OneDay, null, null, CancellationToken.None));

        Assert.StartsWith("telnyx: credentials rejected (HTTP 401); callr: credentials rejected", ex.Message, StringComparison.Ordinal);
        Assert.True(h.Zone.IsComplete("telgorithm", "calls", h.Day));
    }

    [Fact]
    public void An_unknown_source_name_lists_the_valid_ones()
    {
        var ex = Assert.Throws<IngestException>(() => IngestRunner.Resolve("twilio"));
        Assert.Equal("unknown source 'twilio'; valid: televoips, telnyx, callr, telgorithm, all", ex.Message);
    }

    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
