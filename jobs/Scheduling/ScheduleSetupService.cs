using Analytics.Jobs.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// At start-up, writes the job definitions and the two cron triggers into the store. Every node of a
/// cluster does this; it is idempotent, and a cron trigger is replaced only when its expression or zone
/// changed, so a node starting later does not reset the schedule the others are following.
/// </summary>
internal sealed class ScheduleSetupService(ISchedulerFactory factory, PipelineSettings settings, ILogger<ScheduleSetupService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var job in PipelineJobs.All(settings))
            await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);
        await EnsureCronAsync(scheduler, PipelineKeys.Pipeline, settings.PipelineCron, cancellationToken);
        await EnsureCronAsync(scheduler, PipelineKeys.ReportDeadline, settings.ReportCron, cancellationToken);
        log.LogInformation(
            "scheduler {Instance}: pulls at '{Pipeline}', report by '{Report}' ({Zone}), sources {Sources}",
            scheduler.SchedulerInstanceId, settings.PipelineCron, settings.ReportCron, settings.TimeZone.Id, string.Join(", ", settings.Sources));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureCronAsync(IScheduler scheduler, JobKey job, string cron, CancellationToken cancellationToken)
    {
        var key = new TriggerKey($"{job.Name}.cron", PipelineKeys.Group);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            // Missed while every node was down: fire once, then follow the schedule.
            .WithCronSchedule(cron, c => c.InTimeZone(settings.TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger existing)
        {
            if (existing.CronExpressionString == cron && existing.TimeZone.Id == settings.TimeZone.Id)
                return;
            await scheduler.RescheduleJob(key, trigger, cancellationToken);
            return;
        }

        // Keep: another node may have created it a moment ago, with the same expression.
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
    }
}
