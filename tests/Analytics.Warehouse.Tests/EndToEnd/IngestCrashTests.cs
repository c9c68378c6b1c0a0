using System.Globalization;
using Analytics.Ingest;
using Analytics.Sandbox;
using Analytics.Warehouse.Tests.Loads;

namespace Analytics.Warehouse.Tests.EndToEnd;

public sealed class IngestCrashTests
{
    [Fact]
    public async Task An_ingest_killed_during_a_parallel_pull_and_run_again_loads_exactly_the_tables_of_a_clean_run()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Days = 1, VolumeMultiplier = 1 }, CancellationToken.None);
        // About a dozen pages, three in flight at a time, slow enough to be killed mid-pull.
        sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.Latency) { Delay = TimeSpan.FromMilliseconds(300) });
        var day = sandbox.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>
        {
            ["ANALYTICS__Sources__Telnyx__BaseUrl"] = sandbox.TelnyxBaseUrl.ToString(),
            ["ANALYTICS__Sources__Telnyx__ApiKey"] = SandboxKeys.TelnyxApiKey,
            ["ANALYTICS__Sources__Telnyx__RecordTypes__0"] = "messaging",
            ["ANALYTICS__Sources__Telnyx__Concurrency"] = "3",
        };
        var ingest = $"ingest telnyx --from {day} --to {day}";

        using var clean = new LoadFixture();
        using (var run = new AnalyticsProcess(clean, ingest, environment: environment))
            Assert.Equal(0, await run.ExitCodeAsync());
        var cleanRequests = sandbox.Requests[SandboxProvider.Telnyx];
        await clean.LoadAsync();

        using var crashed = new LoadFixture();
        var pages = Path.Combine(crashed.LandingPath, "telnyx", "messaging", day);
        using (var doomed = new AnalyticsProcess(crashed, ingest, environment: environment))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (CountPages(pages) < 4 && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            Assert.True(CountPages(pages) >= 4, "the pull never got going");
            doomed.Kill(); // SIGKILL: no finally block runs, temp files and a half-written day stay behind
        }

        Assert.False(File.Exists(Path.Combine(pages, "_complete")), "killed before the day was complete");
        var beforeRerun = sandbox.Requests[SandboxProvider.Telnyx];
        using (var rerun = new AnalyticsProcess(crashed, ingest, environment: environment))
            Assert.Equal(0, await rerun.ExitCodeAsync());

        // The rerun resumed from the pages already landed and verified: it asked for fewer than a whole pull.
        Assert.True(sandbox.Requests[SandboxProvider.Telnyx] - beforeRerun < cleanRequests,
            $"rerun made {sandbox.Requests[SandboxProvider.Telnyx] - beforeRerun} requests, a clean pull {cleanRequests}");

        await crashed.LoadAsync();
        Assert.Equal(clean.Snapshot(), crashed.Snapshot());
        Assert.DoesNotContain(Directory.EnumerateFiles(pages), f => Path.GetFileName(f).StartsWith('.'));
    }

    private static int CountPages(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "page-*.json").Count() : 0;
}
