using Analytics.Testing;
using Analytics.Warehouse.Loads;
using Dapper;

namespace Analytics.Warehouse.Tests.Loads;

public sealed class CrashAndLockTests : IDisposable
{
    private readonly LoadFixture _fixture = new();

    [Theory]
    [InlineData(LoadCheckpoint.AfterStaging)]
    [InlineData(LoadCheckpoint.AfterRaw)]
    [InlineData(LoadCheckpoint.BeforeCommit)]
    [InlineData(LoadCheckpoint.AfterCommit)]
    public async Task A_load_killed_at_a_checkpoint_and_run_again_ends_with_exactly_the_tables_of_an_uninterrupted_load(LoadCheckpoint checkpoint)
    {
        using var reference = new LoadFixture();
        await LoadIdempotencyTests.LandEverythingAsync(reference);
        await reference.LoadAsync();
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);

        using (var doomed = AnalyticsProcess.StoppingLoad(_fixture, checkpoint))
        {
            Assert.Equal($"checkpoint {checkpoint}", await doomed.CheckpointAsync());
            doomed.Kill();
        }

        using var rerun = new AnalyticsProcess(_fixture, "load");
        Assert.Equal(0, await rerun.ExitCodeAsync());
        Assert.Equal(reference.Snapshot(), _fixture.Snapshot());
        Assert.False(Directory.Exists(Path.Combine(_fixture.LandingPath, ".staging")), "the staging area is wiped after a load");
    }

    [Fact]
    public async Task A_second_writer_waits_its_bound_then_fails_naming_the_holder()
    {
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);
        using var holder = AnalyticsProcess.StoppingLoad(_fixture, LoadCheckpoint.AfterRaw);
        await holder.CheckpointAsync();

        using var second = new AnalyticsProcess(_fixture, "load", lockWait: TimeSpan.FromSeconds(2));
        var exit = await second.ExitCodeAsync();

        Assert.NotEqual(0, exit);
        var lines = second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"waiting for dotnet PID {holder.Id}, a read-write session (a load or the scheduler), to close", lines[0]);
        Assert.StartsWith("analytics: warehouse file ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($"is still locked by dotnet PID {holder.Id}, a read-write session (a load or the scheduler) after waiting 2 s", lines[1], StringComparison.Ordinal);
        holder.Kill();
    }

    [Fact]
    public async Task A_load_waits_for_an_analysts_read_only_session_and_completes_once_it_closes()
    {
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);
        using (WarehouseDatabase.OpenReadWrite(_fixture.DatabasePath))
        {
        }

        var analyst = LockHolderProcess.Start(_fixture.DatabasePath, readOnly: true);
        using var load = new AnalyticsProcess(_fixture, "load", lockWait: TimeSpan.FromMinutes(2));
        Assert.Equal($"waiting for dotnet PID {analyst.Id}, a read-only session, to close", await load.ErrorLineAsync("waiting for "));
        Assert.False(load.HasExited);
        await analyst.DisposeAsync();

        Assert.Equal(0, await load.ExitCodeAsync());
        Assert.Single(load.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var connection = WarehouseDatabase.OpenReadOnly(_fixture.DatabasePath);
        Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM calls") > 0);
    }

    [Fact]
    public async Task A_query_waits_for_a_running_load_and_returns_the_rows_it_loaded()
    {
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);
        using var load = AnalyticsProcess.StoppingLoad(_fixture, LoadCheckpoint.BeforeCommit);
        await load.CheckpointAsync();

        using var query = AnalyticsProcess.Analytics(_fixture, null, "query", "--wait", "120", "--format", "csv",
            "SELECT count(*) AS calls FROM calls");
        Assert.StartsWith($"waiting for dotnet PID {load.Id}, a read-write session", await query.ErrorLineAsync("waiting for "), StringComparison.Ordinal);
        Assert.False(query.HasExited);
        load.Continue();

        Assert.Equal(0, await load.ExitCodeAsync());
        Assert.Equal(0, await query.ExitCodeAsync());
        using var connection = WarehouseDatabase.OpenReadOnly(_fixture.DatabasePath);
        var calls = connection.ExecuteScalar<long>("SELECT count(*) FROM calls");
        Assert.True(calls > 0);
        Assert.Equal($"calls\n{calls}\n", query.Stdout);
    }

    public void Dispose() => _fixture.Dispose();
}
