using Quartz;

namespace Analytics.Jobs.Scheduling;

/// <summary>One-shot triggers for pipeline steps, created at most once per key.</summary>
internal static class StepTriggers
{
    public static ITrigger Build(TriggerKey key, JobKey job, JobDataMap data, DateTimeOffset at) =>
        TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .UsingJobData(data)
            .StartAt(at)
            // A step whose time passed while no node was up runs once as soon as one is.
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    /// <summary>
    /// Schedules the trigger unless one with its key is pending. A recovered job re-runs its tail and asks
    /// again for the trigger it already created: the key makes that a no-op instead of a second run.
    /// </summary>
    public static async Task TryScheduleAsync(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken) =>
        // Keep: decided under the store's lock, so of two callers exactly one trigger is stored.
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
}
