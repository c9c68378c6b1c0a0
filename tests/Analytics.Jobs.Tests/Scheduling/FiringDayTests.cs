using Analytics.Jobs.Configuration;
using Analytics.Jobs.Scheduling;
using Analytics.Pipeline;
using Analytics.Pipeline.History;
using Analytics.Pipeline.Settings;
using Analytics.Testing;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Server;
using Hangfire.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Jobs.Tests.Scheduling;

/// <summary>
/// The recurring jobs work out "yesterday" from the firing they stand for, not from the clock when a worker runs them:
/// real Hangfire (in memory) creates the jobs, the real <see cref="PipelineJobs"/> runs them.
/// </summary>
public sealed class FiringDayTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly InMemoryStorage _storage = new();
    private readonly AnalyticsSettings _settings;

    public FiringDayTests()
    {
        _settings = AppConfiguration.Settings(configFile: null, new Dictionary<string, string?>
        {
            ["Warehouse:Path"] = _directory.File("analytics.duckdb"),
            ["Landing:Path"] = _directory.File("landing"),
            ["Reports:TimeZone"] = "Europe/Paris",
        });
    }

    [Fact]
    public void A_plan_that_runs_after_midnight_plans_the_day_before_its_firing_not_before_the_clock()
    {
        var manager = new RecurringJobManager(_storage);
        Schedules.Register(manager, _settings);
        var firedAt = DateTimeOffset.UtcNow;
        manager.Trigger(Schedules.Pipeline);
        var day = _settings.Yesterday(firedAt);
        // The job waited (a busy or dead node, a retry) until two days later.
        var ranAt = new FixedClock(firedAt.AddDays(2));

        Jobs(ranAt).PlanDay(Context(LastJobOf(Schedules.Pipeline)));

        Assert.True(new DayState(_storage, day).Read().ContainsKey("planned"), $"{day} planned");
        Assert.False(new DayState(_storage, _settings.Yesterday(ranAt.GetUtcNow())).Read().ContainsKey("planned"), "the clock's yesterday not planned");
        Assert.Equal(_settings.ScheduledSources.Count, _storage.GetMonitoringApi().EnqueuedCount(PipelineJobs.IngestQueue));
    }

    [Fact]
    public void Each_occurrence_missed_while_every_node_was_down_is_fired_for_its_own_day()
    {
        var manager = new RecurringJobManager(_storage);
        Schedules.Register(manager, _settings);
        // The recurring job last fired three days ago at 06:00 Paris, and no node ran since.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime);
        var lastFired = TimeZoneInfo.ConvertTimeToUtc(today.AddDays(-3).ToDateTime(new TimeOnly(6, 0)), paris);
        using (var connection = _storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            transaction.SetRangeInHash($"recurring-job:{Schedules.Pipeline}", new Dictionary<string, string>
            {
                ["LastExecution"] = JobHelper.SerializeDateTime(lastFired),
                ["NextExecution"] = JobHelper.SerializeDateTime(lastFired.AddDays(1)),
            });
            transaction.AddToSet("recurring-jobs", Schedules.Pipeline, JobHelper.ToTimestamp(lastFired.AddDays(1)));
            transaction.Commit();
        }

        // A node comes back: its recurring scheduler fires what was missed (its workers take no queue, so nothing runs).
        using (var server = new BackgroundJobServer(new BackgroundJobServerOptions { Queues = ["nothing"], WorkerCount = 1, SchedulePollingInterval = TimeSpan.FromMilliseconds(200) }, _storage))
        {
            var until = DateTime.UtcNow.AddSeconds(20);
            while (_storage.GetMonitoringApi().EnqueuedCount(PipelineJobs.DefaultQueue) < 2 && DateTime.UtcNow < until)
                Thread.Sleep(100);
        }

        var jobs = _storage.GetMonitoringApi().EnqueuedJobs(PipelineJobs.DefaultQueue, 0, 10).Select(j => j.Key).ToList();
        var days = jobs.Select(id => FiringDay.Of(_settings, Context(id))).Order().ToList();
        // The occurrences of the two days after the last firing (and today's, if 06:00 Paris has passed), each for its day.
        Assert.InRange(days.Count, 2, 3);
        Assert.Equal(Enumerable.Range(0, days.Count).Select(i => today.AddDays(-3 + i)).ToList(), days);
    }

    private PipelineJobs Jobs(TimeProvider clock) => new(new PipelineSteps(_settings, NullLoggerFactory.Instance, clock),
        new StepRunner(_settings, RunHistories.For(_settings, clock), clock, NullLogger<StepRunner>.Instance), _settings, _storage,
        new BackgroundJobClient(_storage), new LocalLoadLock(), clock, NullLogger<PipelineJobs>.Instance);

    private string LastJobOf(string recurringJob)
    {
        using var connection = _storage.GetConnection();
        return connection.GetRecurringJobs([recurringJob]).Single().LastJobId;
    }

    private PerformContext Context(string jobId)
    {
        var connection = _storage.GetConnection();
        var data = connection.GetJobData(jobId)!;
        return new PerformContext(_storage, connection, new BackgroundJob(jobId, data.Job, data.CreatedAt), new JobCancellationToken(false));
    }

    public void Dispose()
    {
        _storage.Dispose();
        _directory.Dispose();
    }
}
