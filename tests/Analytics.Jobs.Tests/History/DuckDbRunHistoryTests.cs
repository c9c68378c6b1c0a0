using System.Diagnostics;
using Analytics.Pipeline.History;
using Analytics.Warehouse;

namespace Analytics.Jobs.Tests.History;

/// <summary>Run history in the warehouse file, which another process may hold for writing at any moment.</summary>
public sealed class DuckDbRunHistoryTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 21);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"analytics-history-{Guid.NewGuid():N}");

    private string Warehouse => Path.Combine(_dir, "analytics.duckdb");

    [Fact]
    public async Task A_run_is_recorded_and_read_back_without_holding_the_file()
    {
        var history = new DuckDbRunHistory(Warehouse, TimeProvider.System);
        var started = new DateTimeOffset(2026, 11, 22, 6, 0, 1, TimeSpan.Zero);
        var id = await history.StartAsync(new RunStart("ingest", "telnyx", Day, started, "node-1"), CancellationToken.None);
        await history.FinishAsync(id, new RunEnd("succeeded", started.AddSeconds(42), 1234, null), CancellationToken.None);

        // Another process can open the file as soon as a record is written: nothing is held open.
        using (var holder = StartHolder())
            holder.StandardInput.Close();

        var run = Assert.Single(await history.RecentAsync(10, CancellationToken.None));
        Assert.Equal(new JobRun(id, "ingest", "telnyx", Day, started, started.AddSeconds(42), "succeeded", 1234, null, "node-1"), run);
        Assert.True(await history.HasSucceededAsync("ingest", Day, CancellationToken.None));
        Assert.False(await history.HasSucceededAsync("report", Day, CancellationToken.None));
    }

    [Fact]
    public async Task A_record_waits_for_a_writer_in_another_process_then_goes_in()
    {
        var history = new DuckDbRunHistory(Warehouse, TimeProvider.System);
        await history.StartAsync(new RunStart("load", "callr", Day, DateTimeOffset.UtcNow, "n"), CancellationToken.None);
        using var holder = StartHolder();

        var recording = history.StartAsync(new RunStart("report", null, Day, DateTimeOffset.UtcNow, "n"), CancellationToken.None);
        await Task.Delay(300);
        Assert.False(recording.IsCompleted, "the record went in while another process held the file");
        holder.StandardInput.Close();
        await holder.WaitForExitAsync();

        await recording;
        Assert.Equal(["report", "load"], (await history.RecentAsync(10, CancellationToken.None)).Select(r => r.Job));
    }

    [Fact]
    public async Task A_writer_that_never_lets_go_fails_the_record_after_a_bounded_wait()
    {
        var history = new DuckDbRunHistory(Warehouse, TimeProvider.System, attempts: 3);
        await history.StartAsync(new RunStart("load", "callr", Day, DateTimeOffset.UtcNow, "n"), CancellationToken.None);
        using var holder = StartHolder();
        try
        {
            var error = await Assert.ThrowsAsync<WarehouseLockedException>(() =>
                history.StartAsync(new RunStart("report", null, Day, DateTimeOffset.UtcNow, "n"), CancellationToken.None));
            Assert.Equal(holder.Id, error.Holder.Pid);
            Assert.Contains($"PID {holder.Id}", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    private Process StartHolder()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analytics.LockHolder.dll"));
        start.ArgumentList.Add(Warehouse);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the lock holder");
        Assert.Equal("ready", process.StandardOutput.ReadLine());
        return process;
    }
}
