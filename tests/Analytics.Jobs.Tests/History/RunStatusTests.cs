using Analytics.Jobs.Cli;
using Analytics.Jobs.Configuration;
using Analytics.Pipeline.History;
using Analytics.Testing;

namespace Analytics.Jobs.Tests.History;

/// <summary><c>analytics status</c> read from the run history where it lives (here the warehouse's <c>job_runs</c>).</summary>
public sealed class RunStatusTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 21);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Without_a_warehouse_status_says_so_instead_of_no_runs_yet()
    {
        var text = await StatusAsync();

        Assert.StartsWith($"Warehouse {_directory.File("analytics.duckdb")} does not exist yet (Warehouse:Path)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_per_source_and_day_show_succeeded_failed_with_cause_retrying_and_waiting()
    {
        var history = new DuckDbRunHistory(_directory.File("analytics.duckdb"), TimeProvider.System);
        var at = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
        await history.RecordAsync(
        [
            (new RunStart("ingest", "telnyx", Day, at, "host:1"), new RunEnd(Outcomes.Succeeded, at, 1234, null)),
            (new RunStart("load", "telnyx", Day, at, "host:1"), new RunEnd(Outcomes.Succeeded, at, 1234, null)),
            (new RunStart("ingest", "callr", Day, at, "host:1"), new RunEnd(Outcomes.Failed, at, null, "callr: credentials rejected (HTTP 403)")),
            (new RunStart("ingest", "telgorithm", Day, at, "host:2"), new RunEnd(Outcomes.Retrying, at, null, "telgorithm: HTTP 503 (attempt 1/5, retrying in 60 s)")),
            (new RunStart("ingest", "televoips", Day, at, "host:2"), new RunEnd(Outcomes.Waiting, at, null, "televoips: export not ready yet (HTTP 202) (waiting 3 min)")),
        ], CancellationToken.None);

        var text = await StatusAsync();

        Assert.Contains("2026-11-21  telnyx      ingest succeeded (1,234 rows); load succeeded (1,234 rows);", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-21  callr       ingest failed: callr: credentials rejected (HTTP 403);", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-21  telgorithm  ingest retrying: telgorithm: HTTP 503 (attempt 1/5, retrying in 60 s);", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-21  televoips   ingest waiting on the export: televoips: export not ready yet (HTTP 202) (waiting 3 min);", text, StringComparison.Ordinal);
        Assert.Contains("on host:1", text, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<string> StatusAsync()
    {
        var settings = AppConfiguration.Settings(null, new Dictionary<string, string?> { ["Warehouse:Path"] = _directory.File("analytics.duckdb") });
        using var output = new StringWriter();
        await StatusCommand.WriteAsync(settings, output, TimeProvider.System, CancellationToken.None);
        return output.ToString();
    }
}
