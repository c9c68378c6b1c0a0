using System.Globalization;
using Analytics.Jobs.History;
using Analytics.Jobs.Scheduling;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Jobs.Pipeline;

/// <summary>
/// Writes the day's report once the coordinator says the loads are in, then hands over to the email.
/// Exactly once per day: the coordinator schedules it once, and a succeeded <c>report</c> row in the run
/// history makes any later firing for the day a no-op. It also writes the day's <c>pipeline</c> row,
/// failed when a source or the report failed, so a broken day shows in <c>analytics status</c>.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ReportJob(PipelineServices services) : PipelineJob(services)
{
    private ReportOutcome? _report;

    protected override string Name => "report";

    protected override Task<bool> AlreadyDoneAsync(StepRun run, CancellationToken cancellationToken) =>
        Services.History.HasSucceededAsync(Name, run.Day, cancellationToken);

    protected override async Task<StepResult> RunAsync(StepRun run, JobDataMap data, CancellationToken cancellationToken)
    {
        _report = await Services.Steps.ReportAsync(run.Day, run.Day, cancellationToken);
        return StepResult.Done(_report.Calls, _report.Folder);
    }

    protected override async Task ContinueAsync(IJobExecutionContext context, StepRun run, string outcome, string? error)
    {
        var failedSources = context.MergedJobDataMap.GetString(DataKeys.Failed);
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(failedSources))
            problems.Add($"sources failed: {failedSources}");
        if (outcome == Outcomes.Failed)
            problems.Add($"report failed: {error}");
        await RecordDayAsync(run, problems.Count == 0 ? Outcomes.Succeeded : Outcomes.Failed, problems.Count == 0 ? null : string.Join("; ", problems));

        if (_report is null)
            return;
        var data = new JobDataMap
        {
            [DataKeys.Day] = PipelineKeys.Text(run.Day),
            ["folder"] = _report.Folder,
            ["calls"] = _report.Calls.ToString(CultureInfo.InvariantCulture),
        };
        var trigger = StepTriggers.Build(PipelineKeys.Step("email", run.Day), PipelineKeys.Email, data, Services.Time.GetUtcNow());
        await StepTriggers.TryScheduleAsync(context.Scheduler, trigger, CancellationToken.None);
    }

    private async Task RecordDayAsync(StepRun run, string outcome, string? error)
    {
        try
        {
            var now = Services.Time.GetUtcNow();
            var id = await Services.History.StartAsync(new RunStart("pipeline", null, run.Day, now, run.Node), CancellationToken.None);
            await Services.History.FinishAsync(id, new RunEnd(outcome, now, null, error), CancellationToken.None);
        }
        catch (Exception ex)
        {
            Services.Logging.CreateLogger<ReportJob>().LogWarning("pipeline {Day}: run history not written: {Error}", PipelineKeys.Text(run.Day), OneLine(ex));
        }
    }
}

/// <summary>Emails the day's report; at most one successful send per day (the run history is checked first).</summary>
[DisallowConcurrentExecution]
internal sealed class EmailJob(PipelineServices services) : PipelineJob(services)
{
    protected override string Name => "email";

    protected override Task<bool> AlreadyDoneAsync(StepRun run, CancellationToken cancellationToken) =>
        Services.History.HasSucceededAsync(Name, run.Day, cancellationToken);

    protected override Task<StepResult> RunAsync(StepRun run, JobDataMap data, CancellationToken cancellationToken)
    {
        var folder = data.GetString("folder") ?? throw new InvalidOperationException($"email {PipelineKeys.Text(run.Day)}: trigger carries no report folder");
        var calls = long.TryParse(data.GetString("calls"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return Services.Steps.EmailAsync(new ReportOutcome(run.Day, run.Day, folder, calls), cancellationToken);
    }

    protected override Task ContinueAsync(IJobExecutionContext context, StepRun run, string outcome, string? error) => Task.CompletedTask;
}
