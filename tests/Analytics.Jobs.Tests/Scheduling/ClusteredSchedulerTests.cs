using Analytics.Jobs.Cli;
using Analytics.Jobs.Configuration;
using Analytics.Testing;
using Xunit.Abstractions;

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>
/// Several <c>serve</c> nodes, each a separate process running the real scheduler host, sharing one
/// clustered job store on a throwaway PostgreSQL.
/// </summary>
public sealed class ClusteredSchedulerTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Sources = ["televoips", "telnyx", "callr", "telgorithm"];
    private readonly TestNodes _nodes = new();
    private PostgresTestServer? _postgres;

    private static DateOnly Yesterday => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    private string Database()
    {
        _postgres = new PostgresTestServer();
        return _postgres.CreateDatabase();
    }

    [PostgresFact]
    public async Task Two_nodes_on_one_store_process_the_day_once_and_status_shows_the_runs()
    {
        var settings = _nodes.Settings(Database(), Sources);
        // Both start together: the schema is created once, whichever node wins the race.
        _nodes.StartProcess("A", "", settings);
        _nodes.StartProcess("B", "", settings);
        await _nodes.WaitUntilAsync(c => c.Any(x => x.Key == "email"), TimeSpan.FromSeconds(90), "the day's email");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var calls = _nodes.Calls;
        output.WriteLine(string.Join("\n", calls));
        foreach (var source in Sources)
        {
            Assert.Single(calls, c => c.Key == $"ingest.{source}");
            Assert.Single(calls, c => c.Key == $"load.{source}");
        }

        Assert.Single(calls, c => c.Key == "report");
        Assert.Single(calls, c => c.Key == "email");

        var status = await StatusAsync(settings);
        output.WriteLine(status);
        Assert.Contains($"televoips   last success: load {Yesterday:yyyy-MM-dd}", status, StringComparison.Ordinal);
        Assert.Contains($"  {Yesterday:yyyy-MM-dd}  succeeded", status, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_node_killed_mid_step_has_its_step_recovered_by_another_node()
    {
        var settings = _nodes.Settings(Database(), "televoips", "telnyx");
        var a = _nodes.StartProcess("A", "ingest.televoips=block,ok", settings);
        await _nodes.WaitUntilAsync(c => c.Any(x => x is { Node: "A", Key: "ingest.televoips", Behaviour: "block" }), TimeSpan.FromSeconds(60), "A blocking in the TeleVoIPs pull");
        a.Kill(entireProcessTree: true);
        await a.WaitForExitAsync();

        _nodes.StartProcess("B", "ingest.televoips=block,ok", settings);
        await _nodes.WaitUntilAsync(c => c.Any(x => x.Key == "email"), TimeSpan.FromSeconds(90), "the day's email after recovery");

        var calls = _nodes.Calls;
        output.WriteLine(string.Join("\n", calls));
        Assert.Contains(calls, c => c is { Node: "B", Key: "ingest.televoips", Number: 2, Behaviour: "ok" });
        Assert.Single(calls, c => c.Key == "load.televoips");
        Assert.Single(calls, c => c.Key == "report");
        Assert.Contains("recovered from a node that stopped mid-step", _nodes.NodeOutput("B"), StringComparison.Ordinal);

        var status = await StatusAsync(settings);
        output.WriteLine(status);
        Assert.Contains("televoips   last success: load", status, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_waiting_export_keeps_being_polled_across_a_restart_and_completes()
    {
        var settings = _nodes.Settings(Database(), "televoips");
        var a = _nodes.StartProcess("A", "ingest.televoips=wait,wait,wait,wait,wait,ok", settings);
        await _nodes.WaitUntilAsync(c => c.Count(x => x is { Node: "A", Behaviour: "wait" }) >= 2, TimeSpan.FromSeconds(60), "two polls on A");
        TestNodes.Terminate(a);
        var byA = _nodes.Calls.Count(c => c.Key == "ingest.televoips");
        var waiting = await StatusAsync(settings);
        output.WriteLine(waiting);
        Assert.Contains($"now: waiting ingest {Yesterday:yyyy-MM-dd}: export for {Yesterday:yyyy-MM-dd} still 202 (waiting 0 min)", waiting, StringComparison.Ordinal);

        // The poll state lives in the store: the restarted node carries on where A stopped.
        _nodes.StartProcess("A2", "ingest.televoips=wait,wait,wait,wait,wait,ok", settings);
        await _nodes.WaitUntilAsync(c => c.Any(x => x.Key == "email"), TimeSpan.FromSeconds(90), "the day's email after the restart");

        var polls = _nodes.Calls.Where(c => c.Key == "ingest.televoips").ToArray();
        output.WriteLine(string.Join("\n", polls));
        Assert.True(byA >= 2 && byA < 6, $"A polled {byA} times");
        Assert.Equal(Enumerable.Range(1, 6), polls.Select(p => p.Number));
        Assert.Equal("A2", polls[^1].Node);
        Assert.Equal("ok", polls[^1].Behaviour);
        Assert.Single(_nodes.Calls, c => c.Key == "report");
    }

    [PostgresFact]
    public async Task SIGTERM_cancels_a_running_step_which_is_handed_back_and_finished_after_the_restart()
    {
        var settings = _nodes.Settings(Database(), "televoips");
        var a = _nodes.StartProcess("A", "ingest.televoips=block,ok", settings);
        await _nodes.WaitUntilAsync(c => c.Any(x => x is { Node: "A", Behaviour: "block" }), TimeSpan.FromSeconds(60), "A blocking in the TeleVoIPs pull");
        TestNodes.Terminate(a);

        Assert.Equal(0, a.ExitCode);
        var status = await StatusAsync(settings);
        Assert.Contains("now: interrupted ingest", status, StringComparison.Ordinal);

        _nodes.StartProcess("A2", "ingest.televoips=block,ok", settings);
        await _nodes.WaitUntilAsync(c => c.Any(x => x.Key == "email"), TimeSpan.FromSeconds(90), "the day's email after the restart");
        Assert.Contains(_nodes.Calls, c => c is { Node: "A2", Key: "ingest.televoips", Number: 2, Behaviour: "ok" });
        Assert.Single(_nodes.Calls, c => c.Key == "report");
    }

    [PostgresFact]
    public async Task A_day_with_rejected_credentials_shows_as_failed_in_status()
    {
        var settings = _nodes.Settings(Database(), "telnyx", "callr");
        _nodes.StartProcess("A", "ingest.callr=reject", settings);
        await _nodes.WaitUntilAsync(c => c.Any(x => x.Key == "email"), TimeSpan.FromSeconds(90), "the day's email");

        var status = await StatusAsync(settings);
        output.WriteLine(status);
        Assert.Single(_nodes.Calls, c => c.Key == "ingest.callr");
        Assert.Contains($"last failure: ingest {Yesterday:yyyy-MM-dd}", status, StringComparison.Ordinal);
        Assert.Contains("callr: credentials rejected (HTTP 403)", status, StringComparison.Ordinal);
        Assert.Contains($"  {Yesterday:yyyy-MM-dd}  FAILED: sources failed: callr", status, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _nodes.Dispose();
        _postgres?.Dispose();
    }

    private static async Task<string> StatusAsync(Dictionary<string, string?> settings)
    {
        using var writer = new StringWriter();
        await StatusCommand.WriteAsync(AppConfiguration.Build(null, settings), writer, TimeProvider.System, CancellationToken.None);
        return writer.ToString();
    }
}
