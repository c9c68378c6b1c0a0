using System.Globalization;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Demo;
using Analytics.Pipeline.History;
using Analytics.Sandbox;
using Analytics.Testing;
using Xunit.Abstractions;

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>
/// <c>analytics serve</c> as an operator runs it: the real executable, the provider sandbox over HTTP, a real SMTP
/// server on loopback, Hangfire in memory or on a throwaway PostgreSQL, and the dashboard in headless chromium.
/// </summary>
public sealed class ServeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<ServeNode> _nodes = [];
    private PostgresTestServer? _postgres;

    private static string Artifacts => Path.Combine(AppContext.BaseDirectory, "artifacts");

    [SmtpFact]
    public async Task In_memory_serve_runs_a_day_end_to_end_emails_once_and_shows_it_on_the_dashboard()
    {
        using var smtp = new SmtpTestServer();
        await using var sandbox = await SandboxAsync();
        var (settings, setup) = await SettingsAsync(sandbox, smtp);
        var node = Start("solo", settings);

        await WaitForEmailAsync(smtp, node);
        var mail = Assert.Single(smtp.Messages());
        Assert.Contains(Day(sandbox.LastDay), mail.Subject, StringComparison.Ordinal);
        var check = await GroundTruthCheck.CompareAsync(setup.Warehouse, sandbox.GroundTruth, CancellationToken.None);
        // Only the day itself was pulled. The previous day's last Telgorithm call is forwarded across midnight, so its
        // outbound leg is in this day's file and, until the previous day is loaded, counts as an outbound call here.
        Assert.DoesNotContain(check.Mismatches, m => m.Day == sandbox.LastDay && !(m is { Source: "telgorithm", Kind: "calls", Direction: "OUT" }));
        Assert.Contains(check.Mismatches, m => m is { Source: "telgorithm", Kind: "calls", Direction: "OUT", Figure: "count", Expected: var e, Actual: var a }
            && m.Day == sandbox.LastDay && long.Parse(a, CultureInfo.InvariantCulture) == long.Parse(e, CultureInfo.InvariantCulture) + 1);

        using var http = new HttpClient();
        var health = await http.GetAsync(new Uri($"{node.Url}/healthz"));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        var reports = await http.GetStringAsync(new Uri($"{node.Url}/reports/"));
        Assert.Contains($"{Day(sandbox.LastDay)}_{Day(sandbox.LastDay)}/index.html", reports, StringComparison.Ordinal);
        var report = await http.GetAsync(new Uri($"{node.Url}/reports/{Day(sandbox.LastDay)}_{Day(sandbox.LastDay)}/index.html"));
        Assert.Equal(System.Net.HttpStatusCode.OK, report.StatusCode);
        // The report kept its days in the day cache, beside the reports, and the cache is never served: it holds callers' numbers.
        var cached = Directory.GetFiles(Path.Combine(setup.Reports, ".cache", "call-days"), "*.callers", SearchOption.AllDirectories);
        Assert.NotEmpty(cached);
        var relative = Path.GetRelativePath(setup.Reports, cached[0]).Replace(Path.DirectorySeparatorChar, '/');
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"{node.Url}/reports/{relative}"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"{node.Url}/reports/{Day(sandbox.LastDay)}_{Day(sandbox.LastDay)}/../.cache/x"))).StatusCode);

        if (HeadlessChromium.Unavailable is null || TestProcess.InCi)
            AssertDashboard(node, sandbox.LastDay, "inmemory");

        var took = node.Terminate(TimeSpan.FromSeconds(20));
        output.WriteLine(node.Output);
        output.WriteLine($"SIGTERM to exit: {took.TotalSeconds:0.0} s");
        Assert.Contains($"job email source - day {Day(sandbox.LastDay)}: succeeded", node.Output, StringComparison.Ordinal);
        Assert.Matches(@"job load source callr day \d{4}-\d\d-\d\d: succeeded, \d+ rows, \d+\.\d s", node.Output);
    }

    [PostgresFact]
    public async Task Two_nodes_on_one_postgresql_run_the_day_once_and_the_email_arrives_once()
    {
        using var smtp = new SmtpTestServer();
        await using var sandbox = await SandboxAsync();
        var (settings, _) = await SettingsAsync(sandbox, smtp);
        _postgres = new PostgresTestServer();
        settings["Jobs:PostgreSql"] = _postgres.CreateDatabase();
        // The deployment the README shows: one warehouse node, other nodes pulling into the shared landing path.
        var warehouse = Start("warehouse", new Dictionary<string, string>(settings) { ["Jobs:Roles"] = "warehouse,ingest" });
        var ingest = Start("ingest", new Dictionary<string, string>(settings) { ["Jobs:Roles"] = "ingest" });

        await WaitForEmailAsync(smtp, warehouse, ingest);
        await Task.Delay(TimeSpan.FromSeconds(4)); // the pipeline cron keeps firing for the same day: a second email would come now
        var all = warehouse.Output + ingest.Output;
        output.WriteLine($"--- warehouse\n{warehouse.Output}\n--- ingest\n{ingest.Output}");
        Assert.Single(smtp.Messages());
        foreach (var source in new[] { "televoips", "telnyx", "callr", "telgorithm" })
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(all, $"job load source {source} day [0-9-]+: succeeded"));
        Assert.DoesNotContain("job load", ingest.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("job report", ingest.Output, StringComparison.Ordinal);

        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri($"{ingest.Url}/healthz"))).StatusCode);
        if (HeadlessChromium.Unavailable is null || TestProcess.InCi)
            AssertDashboard(warehouse, sandbox.LastDay, "postgresql");

        var history = await new PostgresRunHistory(settings["Jobs:PostgreSql"]).RecentAsync(100, CancellationToken.None);
        Assert.All(history, r => Assert.Matches(@"^[^:]+:\d+$", r.Node));
        Assert.Single(history, r => r.Job == "email" && r.Outcome == Outcomes.Succeeded);
        Assert.Single(history, r => r.Job == "pipeline" && r.Outcome == Outcomes.Succeeded);
    }

    [PostgresFact]
    public async Task SIGTERM_with_postgresql_stopped_exits_within_the_shutdown_bound()
    {
        await using var sandbox = await SandboxAsync();
        var (settings, _) = await SettingsAsync(sandbox, smtp: null);
        _postgres = new PostgresTestServer();
        settings["Jobs:PostgreSql"] = _postgres.CreateDatabase();
        settings["Jobs:ShutdownTimeout"] = "00:00:03";
        var node = Start("outage", settings);
        await node.StartedAsync(TimeSpan.FromSeconds(60));

        _postgres.Dispose();
        _postgres = null;
        await Task.Delay(TimeSpan.FromSeconds(8));
        var took = node.Terminate(TimeSpan.FromSeconds(3 + 5 + 2));

        output.WriteLine(node.Output);
        output.WriteLine($"SIGTERM to exit with PostgreSQL stopped: {took.TotalSeconds:0.0} s (bound: ShutdownTimeout 3 s + 5 s)");
        Assert.True(took < TimeSpan.FromSeconds(8), $"exit took {took.TotalSeconds:0.0} s");
        Assert.Matches(@"job store unreachable \(127\.0\.0\.1:\d+\), retrying in \d+ s", node.Output);
        Assert.DoesNotContain("   at ", node.Output, StringComparison.Ordinal); // no stack trace below Debug
    }

    [PostgresFact]
    public async Task A_node_killed_mid_job_has_its_job_finished_by_the_other_with_one_report_and_one_email()
    {
        using var smtp = new SmtpTestServer();
        await using var sandbox = await SandboxAsync();
        // Telnyx's first request hangs for 40 s: node A is inside that pull when it is killed.
        sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.Slow) { Requests = [1], Delay = TimeSpan.FromSeconds(40) });
        var (settings, _) = await SettingsAsync(sandbox, smtp);
        _postgres = new PostgresTestServer();
        settings["Jobs:PostgreSql"] = _postgres.CreateDatabase();
        var a = Start("A", settings);
        await WaitAsync(() => a.Output.Contains("job ingest source telnyx day", StringComparison.Ordinal), a, "A pulling Telnyx");
        await Task.Delay(500);
        a.Kill();
        var killed = DateTime.UtcNow;

        var b = Start("B", settings);
        await WaitAsync(() => b.Output.Contains("job ingest source telnyx day", StringComparison.Ordinal), b, "B picking up the Telnyx pull");
        output.WriteLine($"the dead node's job was picked up {(DateTime.UtcNow - killed).TotalSeconds:0.0} s after the kill (Jobs:NodeTimeout 10 s)");
        await WaitForEmailAsync(smtp, b);
        await Task.Delay(TimeSpan.FromSeconds(4));

        output.WriteLine(a.Output + b.Output);
        Assert.Single(smtp.Messages());
        Assert.Matches("job ingest source telnyx day [0-9-]+: succeeded", b.Output);
        var history = await new PostgresRunHistory(settings["Jobs:PostgreSql"]).RecentAsync(200, CancellationToken.None);
        Assert.Single(history, r => r.Job == "report" && r.Outcome == Outcomes.Succeeded);
        Assert.Single(history, r => r.Job == "email" && r.Outcome == Outcomes.Succeeded);
        // A's row stays "running": the node died inside the step, and B's run is a row of its own.
        Assert.Contains(history, r => r is { Job: "ingest", Source: "telnyx", Outcome: Outcomes.Running } && r.Node == $"{Environment.MachineName}:{a.Process.Id}");
    }

    [PostgresFact]
    public async Task A_televoips_export_still_202_across_a_restart_of_both_nodes_completes()
    {
        using var smtp = new SmtpTestServer();
        await using var sandbox = await SandboxHost.StartAsync(
            new SandboxOptions { Port = 0, Seed = 11, Days = 2, VolumeMultiplier = 0.2, TeleVoipsPollsBeforeReady = 14 }, CancellationToken.None);
        var (settings, _) = await SettingsAsync(sandbox, smtp);
        settings["Sources:TeleVoips:PollInterval"] = "00:00:01";
        _postgres = new PostgresTestServer();
        settings["Jobs:PostgreSql"] = _postgres.CreateDatabase();
        var first = new[] { Start("A", settings), Start("B", settings) };
        await WaitAsync(() => first.Sum(n => Count(n.Output, "job ingest source televoips day [0-9-]+: waiting")) >= 2, first[0], "two polls answered 202", first[1]);
        foreach (var node in first)
            node.Terminate(TimeSpan.FromSeconds(15));
        Assert.Empty(smtp.Messages());

        var second = new[] { Start("A2", settings), Start("B2", settings) };
        await WaitForEmailAsync(smtp, second);
        await Task.Delay(TimeSpan.FromSeconds(4));

        var after = second[0].Output + second[1].Output;
        output.WriteLine(first[0].Output + first[1].Output + after);
        Assert.Single(smtp.Messages());
        Assert.Contains("resuming export", after, StringComparison.Ordinal);
        Assert.Matches("job ingest source televoips day [0-9-]+: succeeded", after);
        var history = await new PostgresRunHistory(settings["Jobs:PostgreSql"]).RecentAsync(200, CancellationToken.None);
        Assert.Contains(history, r => r is { Job: "ingest", Source: "televoips", Outcome: Outcomes.Waiting });
        Assert.Single(history, r => r is { Job: "ingest", Source: "televoips", Outcome: Outcomes.Succeeded });
    }

    [PostgresFact]
    public async Task A_source_with_a_wrong_key_is_mailed_as_partial_naming_it_and_its_cause_and_the_dashboard_shows_the_failure()
    {
        using var smtp = new SmtpTestServer();
        await using var sandbox = await SandboxAsync();
        var (settings, _) = await SettingsAsync(sandbox, smtp);
        settings["Sources:Callr:ApiKey"] = "not-the-sandbox-key";
        _postgres = new PostgresTestServer();
        settings["Jobs:PostgreSql"] = _postgres.CreateDatabase();
        var node = Start("partial", settings);
        var day = Day(sandbox.LastDay);

        await WaitForEmailAsync(smtp, node);

        var mail = Assert.Single(smtp.Messages());
        output.WriteLine(mail.Subject);
        const string cause = "credentials rejected (JSON-RPC error 401: Authentication failed)";
        Assert.StartsWith($"PARTIAL (callr failed: {cause}): Analytics {day}: ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"FAILED: callr ({cause})", Assert.Single(mail.Parts, p => p.ContentType == "text/plain").Text, StringComparison.Ordinal);
        Assert.Contains($"FAILED: callr ({cause})", Assert.Single(mail.Parts, p => p.ContentType == "text/html").Text, StringComparison.Ordinal);
        Assert.Contains("Sources included: televoips, telgorithm, telnyx", Assert.Single(mail.Parts, p => p.ContentType == "text/plain").Text, StringComparison.Ordinal);

        using var http = new HttpClient();
        var report = await http.GetStringAsync(new Uri($"{node.Url}/reports/{day}_{day}/index.html"));
        Assert.Contains("<title>PARTIAL Analytics report", report, StringComparison.Ordinal);
        Assert.Contains($"FAILED: callr ({cause})", report, StringComparison.Ordinal);
        // The list of reports says which are partial.
        Assert.Contains($"{day}_{day}</a></td><td><b>PARTIAL</b>", await http.GetStringAsync(new Uri($"{node.Url}/reports/")), StringComparison.Ordinal);

        if (HeadlessChromium.Unavailable is null || TestProcess.InCi)
        {
            // The failed job as a person finds it on the dashboard: its name, the day, and the one-line cause.
            var failed = HeadlessChromium.DumpDom($"{node.Url}/hangfire/jobs/failed");
            Assert.Contains($"ingest callr {day}", failed, StringComparison.Ordinal);
            Assert.Contains($"callr: {cause}", failed, StringComparison.Ordinal);
            HeadlessChromium.Screenshot($"{node.Url}/hangfire/jobs/failed", Path.Combine(Artifacts, "dashboard-partial-failed.png"));
            HeadlessChromium.Screenshot($"{node.Url}/reports/{day}_{day}/index.html", Path.Combine(Artifacts, "report-partial.png"));
        }

        node.Terminate(TimeSpan.FromSeconds(20));
        output.WriteLine(node.Output);
    }

    [Fact]
    public async Task Rejected_credentials_fail_at_once_without_a_retry()
    {
        await using var sandbox = await SandboxAsync();
        var (settings, setup) = await SettingsAsync(sandbox, smtp: null);
        settings["Sources:Callr:ApiKey"] = "not-the-sandbox-key";
        settings["Jobs:RetryAttempts"] = "5";
        var node = Start("rejected", settings);

        await WaitAsync(() => node.Output.Contains($"job report source - day {Day(sandbox.LastDay)}: succeeded", StringComparison.Ordinal), node, "the day's report");
        // Hangfire's own retry would have come back about 16 s after the failure: wait past it.
        await WaitAsync(() => node.Output.Contains("job ingest source callr", StringComparison.Ordinal), node, "the callr pull");
        await Task.Delay(TimeSpan.FromSeconds(20));
        node.Terminate(TimeSpan.FromSeconds(20));

        output.WriteLine(node.Output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(node.Output, "job ingest source callr day [0-9-]+: started"));
        Assert.Contains("job ingest source callr day", node.Output, StringComparison.Ordinal);
        Assert.Contains("failed, 0 rows", node.Output, StringComparison.Ordinal);
        Assert.Contains("callr: credentials rejected", node.Output, StringComparison.Ordinal);
        var history = await new DuckDbRunHistory(setup.Warehouse, TimeProvider.System).RecentAsync(100, CancellationToken.None);
        var callr = Assert.Single(history, r => r.Job == "ingest" && r.Source == "callr");
        Assert.Equal(Outcomes.Failed, callr.Outcome);
        Assert.Contains("credentials rejected", callr.Error, StringComparison.Ordinal);
        var day = Assert.Single(history, r => r.Job == "pipeline");
        Assert.Equal("sources failed: callr", day.Error);
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
            node.Dispose();
        _postgres?.Dispose();
        _directory.Dispose();
    }

    private static Task<SandboxHost> SandboxAsync() =>
        SandboxHost.StartAsync(new SandboxOptions
        {
            Port = 0, Seed = 11, Days = 2, VolumeMultiplier = 0.2, TeleVoipsPollsBeforeReady = 3,
            // A PBX on UTC: the one day served pulls is then a whole UTC day of TeleVoIPs calls, which the ground truth counts by
            // (a New York PBX's file for a day holds 05:00 to 05:00 UTC; that UTC day completes with the next day's file).
            TeleVoipsTimeZone = TimeZoneInfo.Utc,
        }, CancellationToken.None);

    private async Task<(Dictionary<string, string> Settings, DemoSetup Setup)> SettingsAsync(SandboxHost sandbox, SmtpTestServer? smtp)
    {
        var setup = new DemoSetup(_directory.File("serve"));
        setup.Reset();
        await sandbox.WriteRateDeckAsync(setup.Rates);
        var settings = setup.Overrides(sandbox).ToDictionary(p => p.Key, p => p.Value!);
        settings["Sources:TeleVoips:PollInterval"] = "00:00:00.500";
        settings["Jobs:Schedule:pipeline"] = "*/5 * * * * *"; // every 5 s: each firing after the first finds the day planned
        settings["Jobs:PollInterval"] = "00:00:01";
        settings["Jobs:RetryDelay"] = "00:00:01";
        settings["Jobs:RetryMaxDelay"] = "00:00:04";
        settings["Jobs:NodeTimeout"] = "00:00:10";
        settings["Jobs:ShutdownTimeout"] = "00:00:05";
        settings["Reports:TimeZone"] = "UTC";
        if (smtp is not null)
        {
            settings["Email:Host"] = "127.0.0.1";
            settings["Email:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
            settings["Email:From"] = "analytics@example.test";
            settings["Email:To"] = "finance@example.test";
        }

        // The test's own check that these settings bind: a typo here would otherwise show as a node that never starts.
        AppConfiguration.Settings(null, settings.ToDictionary(p => p.Key, p => (string?)p.Value));
        return (settings, setup);
    }

    private ServeNode Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var node = new ServeNode(name, _directory.Path, settings);
        _nodes.Add(node);
        return node;
    }

    private static async Task WaitForEmailAsync(SmtpTestServer smtp, params ServeNode[] nodes) =>
        await WaitAsync(() => smtp.Messages().Count > 0, nodes[0], "the day's email", nodes);

    private static async Task WaitAsync(Func<bool> condition, ServeNode node, string what, params ServeNode[] others)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline || node.Process.HasExited)
                Assert.Fail($"timed out waiting for {what}:\n{string.Join("\n", new[] { node }.Concat(others).Distinct().Select(n => $"--- {n.Name}\n{n.Output}"))}");
            await Task.Delay(250);
        }
    }

    /// <summary>The dashboard as a browser shows it: the recurring jobs and the day's succeeded jobs, with screenshots kept as artifacts.</summary>
    private static void AssertDashboard(ServeNode node, DateOnly day, string name)
    {
        var recurring = HeadlessChromium.DumpDom($"{node.Url}/hangfire/recurring");
        Assert.Contains("pipeline", recurring, StringComparison.Ordinal);
        Assert.Contains("report deadline", recurring, StringComparison.Ordinal);
        Assert.Contains("*/5 * * * * *", recurring, StringComparison.Ordinal);
        var succeeded = HeadlessChromium.DumpDom($"{node.Url}/hangfire/jobs/succeeded?count=100");
        foreach (var job in new[] { $"ingest televoips {Day(day)}", $"load telnyx {Day(day)}", $"report {Day(day)}", $"email {Day(day)}" })
            Assert.Contains(job, succeeded, StringComparison.Ordinal);
        HeadlessChromium.Screenshot($"{node.Url}/hangfire/recurring", Path.Combine(Artifacts, $"dashboard-{name}-recurring.png"));
        HeadlessChromium.Screenshot($"{node.Url}/hangfire/jobs/succeeded?count=100", Path.Combine(Artifacts, $"dashboard-{name}-succeeded.png"));
        Assert.True(new FileInfo(Path.Combine(Artifacts, $"dashboard-{name}-succeeded.png")).Length > 10_000);
    }

    private static int Count(string text, string pattern) => System.Text.RegularExpressions.Regex.Count(text, pattern);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
