using Analytics.Jobs.Scheduling;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Jobs.Pipeline;

/// <summary>
/// The cron entry point (<c>Jobs:Schedule:pipeline</c>): plans yesterday's pulls. The day is derived
/// from the scheduled fire time, not the clock, so a misfire fired late or a recovered firing plans the
/// same day; planning a day twice is a no-op.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DailyPipelineJob(PipelineServices services) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var day = services.Settings.DayFor(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        var log = services.Logging.CreateLogger<DailyPipelineJob>();
        var started = await DayPlanner.StartAsync(context.Scheduler, services.Settings, day, services.Time.GetUtcNow(), cancellationToken);
        if (started)
            log.LogInformation("day {Day}: pulls scheduled for {Sources}", PipelineKeys.Text(day), string.Join(", ", services.Settings.Sources));
        await DayPlanner.ForgetOldDaysAsync(context.Scheduler, day, cancellationToken);
    }
}

/// <summary>
/// The report deadline (<c>Jobs:Schedule:report</c>): a source still not in (an export still 202, a
/// source still retrying) must not hold the morning report back, so the day's coordinator is told to
/// report with what has arrived. The late source is listed as failed for the day.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ReportDeadlineJob(PipelineServices services) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var day = services.Settings.DayFor(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        if (await context.Scheduler.Exists(PipelineKeys.Day(day), cancellationToken))
            await DayPlanner.SignalAsync(context.Scheduler, day, "deadline", null, null, services.Time.GetUtcNow());
        else
            services.Logging.CreateLogger<ReportDeadlineJob>().LogWarning("day {Day}: report deadline passed but the day was never started", PipelineKeys.Text(day));
    }
}
