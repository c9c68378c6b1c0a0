using System.Globalization;
using Analytics.Jobs.History;
using Analytics.Jobs.Scheduling;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Jobs.Pipeline;

/// <summary>
/// Runs one step for one day and decides what happens next: record the run, re-poll a step that is
/// waiting, retry a transient failure with backoff, never retry rejected credentials, and hand the
/// outcome on (<see cref="ContinueAsync"/>). Checkpoint: the follow-up trigger is scheduled only after
/// the step returned, so a node dying inside the step leaves the firing to cluster recovery
/// (the jobs request it) and the step runs again, idempotently.
/// </summary>
internal abstract class PipelineJob(PipelineServices services) : IJob
{
    protected PipelineServices Services { get; } = services;

    /// <summary>History name of the step: ingest, load, report, email.</summary>
    protected abstract string Name { get; }

    protected abstract Task<StepResult> RunAsync(StepRun run, JobDataMap data, CancellationToken cancellationToken);

    /// <summary>Called once the step ended for good (succeeded, skipped or failed) to start what follows.</summary>
    protected abstract Task ContinueAsync(IJobExecutionContext context, StepRun run, string outcome, string? error);

    /// <summary>True when the day's step already succeeded, so a repeated firing does nothing.</summary>
    protected virtual Task<bool> AlreadyDoneAsync(StepRun run, CancellationToken cancellationToken) => Task.FromResult(false);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = StepRun.From(context, Name);
        var token = cancellationToken;
        var log = Services.Logging.CreateLogger(GetType());
        if (await AlreadyDoneSafelyAsync(run, log, token))
        {
            log.LogInformation("{Step}: already done, nothing to do", run.Label);
            return;
        }

        if (run.Recovering)
            log.LogWarning("{Step}: recovered from a node that stopped mid-step; running it again", run.Label);
        var runId = await RecordStartAsync(run, log, token);
        StepResult result;
        try
        {
            result = await RunAsync(run, context.MergedJobDataMap, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutdown: the step stopped at a checkpoint of its own; the store hands the firing back.
            await RecordEndAsync(runId, Outcomes.Interrupted, null, "stopped by shutdown; resumes on the next start", log);
            throw;
        }
        catch (PermanentStepException ex)
        {
            log.LogError("{Step}: {Error} (not retried)", run.Label, ex.Message);
            await RecordEndAsync(runId, Outcomes.Failed, null, ex.Message, log);
            await ContinueAsync(context, run, Outcomes.Failed, ex.Message);
            return;
        }
        catch (Exception ex)
        {
            await HandleTransientAsync(context, run, runId, OneLine(ex), log);
            return;
        }

        switch (result.Status)
        {
            case StepStatus.Waiting:
                await HandleWaitingAsync(context, run, runId, result, log);
                break;
            case StepStatus.Skipped:
                log.LogInformation("{Step}: skipped ({Detail})", run.Label, result.Detail);
                await RecordEndAsync(runId, Outcomes.Skipped, 0, result.Detail, log);
                await ContinueAsync(context, run, Outcomes.Skipped, null);
                break;
            default:
                log.LogInformation("{Step}: done, {Rows} rows", run.Label, result.Rows);
                await RecordEndAsync(runId, Outcomes.Succeeded, result.Rows, result.Detail, log);
                await ContinueAsync(context, run, Outcomes.Succeeded, null);
                break;
        }
    }

    private async Task<bool> AlreadyDoneSafelyAsync(StepRun run, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            return await AlreadyDoneAsync(run, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The day coordinator already schedules the step once; the history check is the second guard.
            log.LogWarning("{Step}: run history unreadable ({Error}); running the step", run.Label, OneLine(ex));
            return false;
        }
    }

    private async Task HandleTransientAsync(IJobExecutionContext context, StepRun run, long? runId, string error, ILogger log)
    {
        var retry = Services.Settings.Retry;
        if (!retry.CanRetry(run.Attempt))
        {
            var final = $"{error} (gave up after {run.Attempt} attempts)";
            log.LogError("{Step}: {Error}", run.Label, final);
            await RecordEndAsync(runId, Outcomes.Failed, null, final, log);
            await ContinueAsync(context, run, Outcomes.Failed, final);
            return;
        }

        var delay = retry.DelayAfter(run.Attempt);
        var note = string.Create(CultureInfo.InvariantCulture, $"{error} (attempt {run.Attempt}/{retry.MaxAttempts}, retry in {delay.TotalSeconds:0.#} s)");
        log.LogWarning("{Step}: {Error}", run.Label, note);
        await RecordEndAsync(runId, Outcomes.Retrying, null, note, log);
        await ScheduleAgainAsync(context, run, run.Attempt + 1, run.WaitingSince, delay);
    }

    private async Task HandleWaitingAsync(IJobExecutionContext context, StepRun run, long? runId, StepResult result, ILogger log)
    {
        var now = Services.Time.GetUtcNow();
        var since = run.WaitingSince ?? now;
        var waited = now - since;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{result.Detail ?? "not ready"} (waiting {waited.TotalMinutes:0} min)");
        if (waited >= Services.Settings.PollTimeout)
        {
            var error = string.Create(CultureInfo.InvariantCulture, $"{run.Source ?? run.Job}: {result.Detail ?? "not ready"} for {PipelineKeys.Text(run.Day)} after {waited.TotalMinutes:0} min; gave up (PollTimeout {Services.Settings.PollTimeout})");
            log.LogError("{Step}: {Error}", run.Label, error);
            await RecordEndAsync(runId, Outcomes.Failed, null, error, log);
            await ContinueAsync(context, run, Outcomes.Failed, error);
            return;
        }

        log.LogInformation("{Step}: {Detail}; polling again in {Interval}", run.Label, detail, Services.Settings.PollInterval);
        await RecordEndAsync(runId, Outcomes.Waiting, null, detail, log);
        await ScheduleAgainAsync(context, run, run.Attempt, since, Services.Settings.PollInterval);
    }

    private Task ScheduleAgainAsync(IJobExecutionContext context, StepRun run, int attempt, DateTimeOffset? waitingSince, TimeSpan delay)
    {
        var round = run.Round + 1;
        var trigger = StepTriggers.Build(
            PipelineKeys.Step(run.Step, run.Day, round), context.JobDetail.Key,
            run.NextData(attempt, round, waitingSince), Services.Time.GetUtcNow() + delay);
        return StepTriggers.TryScheduleAsync(context.Scheduler, trigger, CancellationToken.None);
    }

    private async Task<long?> RecordStartAsync(StepRun run, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            return await Services.History.StartAsync(new RunStart(run.Job, run.Source, run.Day, Services.Time.GetUtcNow(), run.Node), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // History is for people; a history outage must not stop the pipeline.
            log.LogWarning("{Step}: run history not written: {Error}", run.Label, OneLine(ex));
            return null;
        }
    }

    private async Task RecordEndAsync(long? runId, string outcome, long? rows, string? error, ILogger log)
    {
        if (runId is not { } id)
            return;
        try
        {
            await Services.History.FinishAsync(id, new RunEnd(outcome, Services.Time.GetUtcNow(), rows, error), CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogWarning("run {RunId}: run history not written: {Error}", id, OneLine(ex));
        }
    }

    internal static string OneLine(Exception ex)
    {
        var text = ex.Message.ReplaceLineEndings(" ");
        return ex is InvalidOperationException or ArgumentException or IOException or HttpRequestException or TimeoutException
            ? text
            : $"{ex.GetType().Name}: {text}";
    }
}
