using System.Diagnostics;
using Analytics.Sandbox;
using Analytics.Landing;

namespace Analytics.Ingest.Tests.TeleVoips;

public sealed class TeleVoipsClientTests
{
    [Fact]
    public async Task Polls_the_export_until_ready_and_lands_the_gzip_download_decompressed()
    {
        await using var h = await IngestHarness.StartAsync();
        var summary = Assert.Single(await h.IngestAsync("televoips"));

        var day = Assert.Single(h.Zone.CompleteDays("televoips", "cdrs"));
        var file = Assert.Single(day.Files);
        Assert.Equal($"cdrs_{h.Day:yyyy-MM-dd}.csv", file.Entry.File);
        Assert.Equal(h.GroundTruthCount("televoips", h.Day), file.Records);
        Assert.Equal(file.Records, summary.Records);
        Assert.StartsWith("calldate,clid,src,dst", await File.ReadAllTextAsync(file.Path), StringComparison.Ordinal);
        await LandingZone.VerifyAsync(file, CancellationToken.None);
        // create (202) + one poll (202) + ready (201) + download
        Assert.Equal(4, h.Requests(SandboxProvider.TeleVoips));
        Assert.Null(await h.State.GetAsync("televoips", "cdrs", $"export-{h.Day:yyyy-MM-dd}", CancellationToken.None));
    }

    [Fact]
    public async Task Against_the_real_api_an_older_day_than_yesterday_is_one_line_saying_only_yesterday_can_be_fetched()
    {
        await using var h = await IngestHarness.StartAsync();
        // Not the sandbox (not a loopback address): refused before any request, so nothing needs to answer there.
        h.Sources = h.Sources with { TeleVoips = h.Sources.TeleVoips with { BaseUrl = "https://api.televoips.invalid" } };
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        var ex = await Assert.ThrowsAsync<IngestException>(() => h.IngestAsync("televoips", new IngestRequest(yesterday.AddDays(-3), yesterday.AddDays(-2))));

        Assert.Equal($"televoips: only yesterday ({yesterday:yyyy-MM-dd}) can be fetched from the TeleVoIPs API, which exports the previous day only; " +
            $"{yesterday.AddDays(-3):yyyy-MM-dd}..{yesterday.AddDays(-2):yyyy-MM-dd} not fetched",
            ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task A_restarted_process_resumes_polling_the_same_export()
    {
        await using var h = await IngestHarness.StartAsync(pollsBeforeReady: 2);
        var key = $"export-{h.Day:yyyy-MM-dd}";
        var slow = h.Sources with { TeleVoips = h.Sources.TeleVoips with { PollInterval = TimeSpan.FromMinutes(10) } };
        var patient = h.Sources;
        h.Sources = slow;
        using var kill = new CancellationTokenSource();
        var client = h.Runner().Create("televoips");
        var first = client.IngestAsync(h.OneDay, null, kill.Token);
        string? stored = null;
        for (var i = 0; i < 200 && stored is null; i++)
        {
            await Task.Delay(25);
            stored = await h.State.GetAsync("televoips", "cdrs", key, CancellationToken.None);
        }

        Assert.NotNull(stored);
        await kill.CancelAsync(); // the "killed" process: it had asked for the export and was waiting on 202
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        ((IDisposable)client).Dispose();
        Assert.Equal(1, h.Requests(SandboxProvider.TeleVoips));

        h.Sources = patient;
        await h.IngestAsync("televoips");

        // Resumed exp-000001: one more 202, then 201, then the download. A new export would need four requests.
        Assert.Equal(1 + 3, h.Requests(SandboxProvider.TeleVoips));
        Assert.Contains("resuming export exp-000001", h.Logs.Text, StringComparison.Ordinal);
        Assert.True(h.Zone.IsComplete("televoips", "cdrs", h.Day));
        Assert.Null(await h.State.GetAsync("televoips", "cdrs", key, CancellationToken.None));
    }

    [Fact]
    public async Task An_export_that_never_completes_ends_at_PollTimeout_with_a_clear_error()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sources = h.Sources with { TeleVoips = h.Sources.TeleVoips with { PollTimeout = TimeSpan.FromMilliseconds(300) } };
        h.Fault(SandboxProvider.TeleVoips, FaultKind.ExportNeverReady);

        var ex = await Assert.ThrowsAsync<IngestException>(() => h.IngestAsync("televoips"));

        Assert.Equal($"televoips: export exp-000001 for {h.Day:yyyy-MM-dd} still not ready after 0.3s", ex.Message);
        Assert.False(h.Zone.IsComplete("televoips", "cdrs", h.Day));
        Assert.Null(await h.State.GetAsync("televoips", "cdrs", $"export-{h.Day:yyyy-MM-dd}", CancellationToken.None));
    }

    [Fact]
    public async Task The_key_can_be_sent_as_a_bare_Authorization_token_instead_of_x_api_key()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sources = h.Sources with { TeleVoips = h.Sources.TeleVoips with { AuthHeader = "Authorization" } };

        await h.IngestAsync("televoips");

        Assert.True(h.Zone.IsComplete("televoips", "cdrs", h.Day));
        // The configured header really is the one used: under a name the provider ignores, the key is missing.
        h.Sources = h.Sources with { TeleVoips = h.Sources.TeleVoips with { AuthHeader = "x-other-key" } };
        await Assert.ThrowsAsync<CredentialsRejectedException>(() => h.IngestAsync("televoips", h.OneDay with { Force = true }));
    }

    [Fact]
    public async Task Rejected_credentials_fail_fast_with_one_request()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sources = h.Sources with { TeleVoips = h.Sources.TeleVoips with { ApiKey = "wrong-key" } };

        var ex = await Assert.ThrowsAsync<CredentialsRejectedException>(() => h.IngestAsync("televoips"));

        Assert.Equal("televoips: credentials rejected (HTTP 403)", ex.Message);
        Assert.Equal(1, h.Requests(SandboxProvider.TeleVoips));
    }

    [Fact]
    public async Task A_bad_request_is_retried_a_few_times_then_reported_with_the_providers_message()
    {
        await using var h = await IngestHarness.StartAsync();
        var outside = h.Sandbox.FirstDay.AddDays(-30);

        var ex = await Assert.ThrowsAsync<IngestException>(() => h.IngestAsync("televoips", new IngestRequest(outside, outside)));

        Assert.Contains("HTTP 400: date", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gave up after 5 attempts", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, h.Requests(SandboxProvider.TeleVoips));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_truncated_download_is_fetched_again_and_only_the_whole_file_lands(bool declareContentLength)
    {
        await using var h = await IngestHarness.StartAsync();
        h.Sandbox.Faults.Add(new FaultRule(SandboxProvider.TeleVoips, FaultKind.TruncatedBody)
        {
            Requests = [4],
            CutAfterBytes = 4096,
            DeclareContentLength = declareContentLength,
        });

        await h.IngestAsync("televoips");

        var file = Assert.Single(Assert.Single(h.Zone.CompleteDays("televoips")).Files);
        Assert.Equal(h.GroundTruthCount("televoips", h.Day), file.Records);
        Assert.Equal(5, h.Requests(SandboxProvider.TeleVoips));
    }

    [Fact]
    public async Task A_whole_file_with_a_malformed_row_lands_from_one_download()
    {
        await using var h = await IngestHarness.StartAsync();
        h.Fault(SandboxProvider.TeleVoips, FaultKind.MalformedRow);

        await h.IngestAsync("televoips");

        // The extra row is counted as a record: the load turns it into a reject naming line 2.
        var file = Assert.Single(Assert.Single(h.Zone.CompleteDays("televoips")).Files);
        Assert.Equal(h.GroundTruthCount("televoips", h.Day) + 1, file.Records);
        Assert.Equal("\"malformed row\",\"two fields only\"", File.ReadLines(file.Path).ElementAt(1));
        Assert.Equal(4, h.Requests(SandboxProvider.TeleVoips));
    }

    [Fact]
    public async Task In_poll_once_mode_a_pending_export_is_reported_waiting_and_resumed_on_the_next_call()
    {
        await using var h = await IngestHarness.StartAsync(pollsBeforeReady: 2);
        var request = h.OneDay with { PollOnce = true };

        Assert.Equal(1, Assert.Single(await h.IngestAsync("televoips", request)).Waiting);
        Assert.Equal(1, Assert.Single(await h.IngestAsync("televoips", request)).Waiting);
        var done = Assert.Single(await h.IngestAsync("televoips", request));

        Assert.Equal((1, 0), (done.Days, done.Waiting));
        Assert.Equal(4, h.Requests(SandboxProvider.TeleVoips));
    }

    [Theory]
    [InlineData(FaultKind.RateLimit)]
    [InlineData(FaultKind.InternalServerError)]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.TruncatedBody)]
    public async Task Transient_faults_while_polling_are_retried_without_starting_a_new_export(FaultKind kind)
    {
        await using var h = await IngestHarness.StartAsync();
        h.Fault(SandboxProvider.TeleVoips, kind, 2);

        await h.IngestAsync("televoips");

        Assert.True(h.Zone.IsComplete("televoips", "cdrs", h.Day));
        // create, faulty poll, its retry, 201, download; a truncated answer was a poll the sandbox had already counted,
        // so the retry finds the export ready one poll sooner. A new export would need more requests either way.
        Assert.Equal(kind == FaultKind.TruncatedBody ? 4 : 5, h.Requests(SandboxProvider.TeleVoips));
    }

    [Fact]
    public async Task A_complete_day_is_not_fetched_again()
    {
        await using var h = await IngestHarness.StartAsync();
        await h.IngestAsync("televoips");

        var again = Assert.Single(await h.IngestAsync("televoips"));

        Assert.Equal(4, h.Requests(SandboxProvider.TeleVoips));
        Assert.Equal(1, again.SkippedComplete);
    }

    [Fact]
    public async Task A_poll_succeeds_while_an_analysts_read_only_session_holds_the_warehouse_file()
    {
        await using var h = await IngestHarness.StartAsync(pollsBeforeReady: 2);
        // The warehouse beside the landing zone, as `analytics` lays them out: created, then held by an analyst's
        // read-only session in a second process.
        var warehouse = h.Dir.Combine("analytics.duckdb");
        using (var creator = StartHolder(warehouse, readOnly: false))
        {
            Assert.Equal("ready", await creator.StandardOutput.ReadLineAsync());
            creator.StandardInput.Close();
            await creator.WaitForExitAsync();
        }

        using var holder = StartHolder(warehouse, readOnly: true);
        try
        {
            Assert.Equal("ready", await holder.StandardOutput.ReadLineAsync());
            var request = h.OneDay with { PollOnce = true };

            Assert.Equal(1, Assert.Single(await h.IngestAsync("televoips", request)).Waiting);
            Assert.NotNull(await h.State.GetAsync("televoips", "cdrs", $"export-{h.Day:yyyy-MM-dd}", CancellationToken.None));
            Assert.Equal(1, Assert.Single(await h.IngestAsync("televoips", request)).Waiting);
            Assert.Equal(1, Assert.Single(await h.IngestAsync("televoips", request)).Days);
            Assert.True(h.Zone.IsComplete("televoips", "cdrs", h.Day));
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync();
        }
    }

    private static Process StartHolder(string warehouse, bool readOnly)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analytics.LockHolder.dll"));
        start.ArgumentList.Add(warehouse);
        if (readOnly)
            start.ArgumentList.Add("read-only");
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the lock holder");
    }
}
