using Analytics.Jobs.History;
using Analytics.Jobs.Scheduling;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Jobs.Pipeline;

/// <summary>
/// One per day (<c>day.yyyy-MM-dd</c>), fed by signals: each source's final outcome, and the report
/// deadline. Its job data is the durable day state; signals are processed one at a time across the
/// cluster (<see cref="DisallowConcurrentExecutionAttribute"/>) and the state is saved after each
/// (<see cref="PersistJobDataAfterExecutionAttribute"/>), so two sources finishing at once on two
/// nodes cannot both think they were last. When every source is in, or at the deadline, the report is
/// scheduled, once. Crash before the state is saved: the signal is recovered and processed again; the
/// report trigger's fixed key and the report's own history check keep that from reporting twice.
/// </summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
internal sealed class DayCoordinatorJob(PipelineServices services) : IJob
{
    private const string ReportScheduled = "reportScheduled";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var state = context.JobDetail.JobDataMap;
        var signal = context.Trigger.JobDataMap;
        var day = PipelineKeys.ParseDay(state.GetString(DataKeys.Day)!);
        var log = services.Logging.CreateLogger<DayCoordinatorJob>();
        var @event = signal.GetString(DataKeys.Event);
        if (@event == "source" && signal.GetString(DataKeys.Source) is { } source)
            state[$"src.{source}"] = signal.GetString(DataKeys.Outcome) ?? Outcomes.Failed;

        if (state.GetString(ReportScheduled) == "true")
            return;

        var sources = (state.GetString(DataKeys.Sources) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var pending = sources.Where(s => state.GetString($"src.{s}") is null).ToArray();
        if (pending.Length > 0 && @event != "deadline")
        {
            log.LogInformation("day {Day}: waiting for {Sources}", PipelineKeys.Text(day), string.Join(", ", pending));
            return;
        }

        var failed = sources.Where(s => state.GetString($"src.{s}") == Outcomes.Failed)
            .Concat(pending.Select(s => $"{s} (not in by the report deadline)"))
            .ToArray();
        var data = new JobDataMap { [DataKeys.Day] = PipelineKeys.Text(day), [DataKeys.Failed] = string.Join(", ", failed) };
        var trigger = StepTriggers.Build(PipelineKeys.Step("report", day), PipelineKeys.Report, data, services.Time.GetUtcNow());
        await StepTriggers.TryScheduleAsync(context.Scheduler, trigger, CancellationToken.None);
        state[ReportScheduled] = "true";
        log.LogInformation("day {Day}: loads done, report scheduled{Failed}", PipelineKeys.Text(day), failed.Length == 0 ? "" : $" (failed: {string.Join(", ", failed)})");
    }
}
