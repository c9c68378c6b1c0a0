using Analytics.Jobs.Scheduling;
using Quartz;

namespace Analytics.Jobs.Pipeline;

/// <summary>
/// Starts a day and tells its coordinator what happened. The day's durable coordinator job
/// (<c>day.yyyy-MM-dd</c>) is the "day state": which sources are in and whether the report was
/// scheduled. It stays after the day is done, so a second firing for the same day finds it and does nothing.
/// </summary>
internal static class DayPlanner
{
    /// <summary>Coordinators older than this are deleted; long past any restart or repair window.</summary>
    private const int KeepDays = 60;

    /// <summary>Creates the day's coordinator and its ingest triggers in one store call; false when the day had started.</summary>
    public static async Task<bool> StartAsync(IScheduler scheduler, PipelineSettings settings, DateOnly day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dayKey = PipelineKeys.Day(day);
        if (await scheduler.Exists(dayKey, cancellationToken))
            return false;

        var coordinator = JobBuilder.Create<DayCoordinatorJob>()
            .WithIdentity(dayKey)
            .StoreDurably()
            .RequestRecovery()
            .UsingJobData(DataKeys.Day, PipelineKeys.Text(day))
            .UsingJobData(DataKeys.Sources, string.Join(',', settings.Sources))
            .Build();
        var plan = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [coordinator] = [] };
        foreach (var source in settings.Sources)
        {
            var data = new JobDataMap { [DataKeys.Day] = PipelineKeys.Text(day), [DataKeys.Source] = source };
            var trigger = StepTriggers.Build(PipelineKeys.Step($"ingest.{source}", day), PipelineKeys.Ingest(source), data, now);
            plan[PipelineJobs.IngestDetail(source)] = [trigger];
        }

        // One call, one store transaction: a crash leaves either the whole day planned or none of it.
        await scheduler.ScheduleJobs(plan, new ScheduleJobOptions { Replace = true }, cancellationToken);
        return true;
    }

    /// <summary>Tells the day's coordinator about an event (a source finished, or the report deadline passed).</summary>
    public static Task SignalAsync(IScheduler scheduler, DateOnly day, string @event, string? source, string? outcome, DateTimeOffset now)
    {
        var data = new JobDataMap { [DataKeys.Event] = @event };
        if (source is not null)
            data[DataKeys.Source] = source;
        if (outcome is not null)
            data[DataKeys.Outcome] = outcome;
        var name = source is null ? $"signal.{@event}" : $"signal.{@event}.{source}";
        return StepTriggers.TryScheduleAsync(scheduler, StepTriggers.Build(PipelineKeys.Step(name, day), PipelineKeys.Day(day), data, now), CancellationToken.None);
    }

    public static async Task ForgetOldDaysAsync(IScheduler scheduler, DateOnly today, CancellationToken cancellationToken)
    {
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(PipelineKeys.DayGroup), cancellationToken))
        {
            if (key.Name.StartsWith("day.", StringComparison.Ordinal)
                && DateOnly.TryParseExact(key.Name[4..], "yyyy-MM-dd", out var day)
                && day < today.AddDays(-KeepDays))
                await scheduler.DeleteJob(key, cancellationToken);
        }
    }
}
