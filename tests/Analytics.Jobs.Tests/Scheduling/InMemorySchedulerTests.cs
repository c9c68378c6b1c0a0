using Analytics.Jobs.Cli;
using Analytics.Jobs.Configuration;
using Analytics.Jobs.Tests.Pipeline;

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>The daily pipeline on the in-memory store (no Jobs:PostgreSql), with the cron firing every second.</summary>
public sealed class InMemorySchedulerTests : IDisposable
{
    private static readonly string[] Sources = ["televoips", "telnyx", "callr", "telgorithm"];
    private readonly TestNodes _nodes = new();

    private static DateOnly Yesterday => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    [Fact]
    public async Task The_schedule_fires_and_the_day_is_processed_once()
    {
        var settings = _nodes.Settings(null, Sources);
        using var host = await _nodes.StartInProcessAsync("A", "", settings);
        await _nodes.WaitUntilAsync(c => c.Any(x => x.Key == "email"), TimeSpan.FromSeconds(30), "the day's email");
        // The cron keeps firing every second for the same day; give it several more chances to repeat work.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await host.StopAsync();

        var calls = _nodes.Calls;
        foreach (var source in Sources)
        {
            Assert.Single(calls, c => c.Key == $"ingest.{source}");
            Assert.Single(calls, c => c.Key == $"load.{source}");
        }

        Assert.Single(calls, c => c.Key == "report");
        Assert.Single(calls, c => c.Key == "email");
        Assert.All(calls, c => Assert.Equal(Yesterday, c.Day));
        var report = calls.Single(c => c.Key == "report");
        Assert.All(calls.Where(c => c.Key.StartsWith("load.", StringComparison.Ordinal)), load => Assert.True(IndexOf(calls, load) < IndexOf(calls, report), "report ran before a load"));

        // Without PostgreSQL the run history goes to the warehouse's job_runs.
        using var writer = new StringWriter();
        await StatusCommand.WriteAsync(AppConfiguration.Build(null, settings), writer, TimeProvider.System, CancellationToken.None);
        var status = writer.ToString();
        Assert.Contains($"telnyx      last success: load {Yesterday:yyyy-MM-dd}", status, StringComparison.Ordinal);
        Assert.Contains($"  {Yesterday:yyyy-MM-dd}  succeeded", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_backoff_and_then_succeeds()
    {
        using var host = await _nodes.StartInProcessAsync("A", "ingest.telnyx=fail,fail,ok", _nodes.Settings(null, "telnyx", "callr"));
        await _nodes.WaitUntilAsync(c => c.Any(x => x.Key == "email"), TimeSpan.FromSeconds(30), "the day's email");
        await host.StopAsync();

        var telnyx = _nodes.Calls.Where(c => c.Key == "ingest.telnyx").ToArray();
        Assert.Equal(["fail", "fail", "ok"], telnyx.Select(c => c.Behaviour));
        Assert.Single(_nodes.Calls, c => c.Key == "load.telnyx");
        Assert.Single(_nodes.Calls, c => c.Key == "report");
    }

    [Fact]
    public async Task Rejected_credentials_are_not_retried_and_the_report_still_goes_out()
    {
        using var host = await _nodes.StartInProcessAsync("A", "ingest.callr=reject", _nodes.Settings(null, "telnyx", "callr"));
        await _nodes.WaitUntilAsync(c => c.Any(x => x.Key == "email"), TimeSpan.FromSeconds(30), "the day's email");
        // Long enough for several retries at the test's 0.3 s backoff, had there been any.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await host.StopAsync();

        Assert.Single(_nodes.Calls, c => c.Key == "ingest.callr");
        Assert.DoesNotContain(_nodes.Calls, c => c.Key == "load.callr");
        Assert.Single(_nodes.Calls, c => c.Key == "load.telnyx");
        Assert.Single(_nodes.Calls, c => c.Key == "report");
    }

    [Fact]
    public async Task A_waiting_export_is_polled_until_it_is_ready()
    {
        using var host = await _nodes.StartInProcessAsync("A", "ingest.televoips=wait,wait,wait,ok", _nodes.Settings(null, "televoips"));
        await _nodes.WaitUntilAsync(c => c.Any(x => x.Key == "email"), TimeSpan.FromSeconds(30), "the day's email");
        await host.StopAsync();

        Assert.Equal(["wait", "wait", "wait", "ok"], _nodes.Calls.Where(c => c.Key == "ingest.televoips").Select(c => c.Behaviour));
        Assert.Single(_nodes.Calls, c => c.Key == "load.televoips");
    }

    public void Dispose() => _nodes.Dispose();

    private static int IndexOf(IReadOnlyList<StepCall> calls, StepCall call) => calls.ToList().IndexOf(call);
}
