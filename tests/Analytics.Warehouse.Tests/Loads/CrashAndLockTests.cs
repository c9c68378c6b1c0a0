using Analytics.Warehouse.Loads;

namespace Analytics.Warehouse.Tests.Loads;

public sealed class CrashAndLockTests : IDisposable
{
    private readonly LoadFixture _fixture = new();

    [Theory]
    [InlineData(LoadCheckpoints.AfterStaging)]
    [InlineData(LoadCheckpoints.AfterRaw)]
    [InlineData(LoadCheckpoints.BeforeCommit)]
    [InlineData(LoadCheckpoints.AfterCommit)]
    public async Task A_load_killed_at_a_checkpoint_and_run_again_ends_with_exactly_the_tables_of_an_uninterrupted_load(string checkpoint)
    {
        using var reference = new LoadFixture();
        await LoadIdempotencyTests.LandEverythingAsync(reference);
        await reference.LoadAsync();
        await LoadIdempotencyTests.LandEverythingAsync(_fixture);

        using (var doomed = new AnalyticsProcess(_fixture, "load", killAt: checkpoint))
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
        using var holder = new AnalyticsProcess(_fixture, "load", killAt: LoadCheckpoints.AfterRaw);
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

    public void Dispose() => _fixture.Dispose();
}
