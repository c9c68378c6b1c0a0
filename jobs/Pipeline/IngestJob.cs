using Analytics.Jobs.History;
using Analytics.Jobs.Scheduling;
using Quartz;

namespace Analytics.Jobs.Pipeline;

/// <summary>
/// Pulls one source's day. One job per source (<c>ingest.&lt;source&gt;</c>), so a source never pulls
/// twice at once anywhere in the cluster while different sources pull in parallel. A TeleVoIPs export
/// that is still 202 returns <see cref="StepStatus.Waiting"/>; the base re-polls it every PollInterval
/// through the store, so the poll survives restarts. Done: the load follows.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class IngestJob(PipelineServices services) : PipelineJob(services)
{
    protected override string Name => "ingest";

    protected override Task<StepResult> RunAsync(StepRun run, JobDataMap data, CancellationToken cancellationToken) =>
        Services.Steps.IngestAsync(run.Source!, run.Day, cancellationToken);

    protected override Task ContinueAsync(IJobExecutionContext context, StepRun run, string outcome, string? error)
    {
        var now = Services.Time.GetUtcNow();
        if (outcome != Outcomes.Succeeded)
            return DayPlanner.SignalAsync(context.Scheduler, run.Day, "source", run.Source, outcome, now);
        var data = new JobDataMap { [DataKeys.Day] = PipelineKeys.Text(run.Day), [DataKeys.Source] = run.Source! };
        var trigger = StepTriggers.Build(PipelineKeys.Step($"load.{run.Source}", run.Day), PipelineKeys.Load, data, now);
        return StepTriggers.TryScheduleAsync(context.Scheduler, trigger, CancellationToken.None);
    }
}

/// <summary>
/// Loads one source's day. A single job for every source: DuckDB takes one writer, so loads queue
/// (<see cref="DisallowConcurrentExecutionAttribute"/> holds across the cluster) instead of fighting for the file.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class LoadJob(PipelineServices services) : PipelineJob(services)
{
    protected override string Name => "load";

    protected override Task<StepResult> RunAsync(StepRun run, JobDataMap data, CancellationToken cancellationToken) =>
        Services.Steps.LoadAsync(run.Source!, run.Day, cancellationToken);

    protected override Task ContinueAsync(IJobExecutionContext context, StepRun run, string outcome, string? error) =>
        DayPlanner.SignalAsync(context.Scheduler, run.Day, "source", run.Source, outcome, Services.Time.GetUtcNow());
}
