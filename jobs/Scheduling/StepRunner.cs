using System.Diagnostics;
using System.Globalization;
using Analytics.Pipeline.History;
using Analytics.Pipeline.Settings;
using Analytics.Pipeline.Steps;
using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Scheduling;

/// <summary>Which step, for which source and day.</summary>
internal sealed record StepKey(string Job, string? Source, DateOnly Day)
{
    public override string ToString() => Source is null ? $"{Job} {DayState.Text(Day)}" : $"{Job} {Source} {DayState.Text(Day)}";
}

/// <summary>
/// One run of a step as the scheduler saw it: the step's result, the outcome written to the run history, and
/// whether the step is over for this day (succeeded, skipped, or failed for good) rather than polled or retried.
/// </summary>
internal sealed record StepRun(StepResult Result, string History, bool Final)
{
    /// <summary>Hands a step that is not done to <see cref="StepRetryFilter"/>: poll again, retry, or fail for good.</summary>
    public void ThrowUnlessDone()
    {
        switch (History)
        {
            case Outcomes.Waiting:
                throw new ExportNotReadyException(Result.Cause ?? "not ready");
            case Outcomes.Retrying:
                throw new TransientStepException(Result.Cause ?? "failed");
            case Outcomes.Failed:
                throw new PermanentStepException(Result.Cause ?? "failed");
        }
    }
}

/// <summary>
/// Runs one step for a job: one log line at its start and one at its end (job, source, day, outcome, rows,
/// seconds), a run-history row, the TeleVoIPs poll timeout, and the retry decision. A step cancelled by shutdown
/// is recorded as interrupted and rethrown, so Hangfire hands the job back to the store.
/// </summary>
internal sealed class StepRunner(AnalyticsSettings settings, IRunHistory history, TimeProvider time, ILogger<StepRunner> log)
{
    private const string WaitingSince = "WaitingSince";

    public async Task<StepRun> RunAsync(StepKey key, PerformContext context, Func<Task<StepResult>> step, CancellationToken cancellationToken)
    {
        var attempt = StepRetryFilter.Attempt(context.GetJobParameter<int?>(StepRetryFilter.AttemptParameter));
        log.LogInformation("job {Job} source {Source} day {Day}: started (attempt {Attempt}) on {Node}",
            key.Job, key.Source ?? "-", DayState.Text(key.Day), attempt, RunHistories.Node);
        var runId = await StartAsync(key);
        var watch = Stopwatch.StartNew();
        StepResult result;
        try
        {
            result = await step();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("job {Job} source {Source} day {Day}: interrupted by shutdown after {Seconds:0.0} s; it runs again on the next start",
                key.Job, key.Source ?? "-", DayState.Text(key.Day), watch.Elapsed.TotalSeconds);
            await FinishAsync(runId, Outcomes.Interrupted, null, "stopped by shutdown; resumes on the next start");
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unforeseen (a DuckDB or IO error): maybe transient, so it is retried with backoff.
            log.LogDebug(ex, "job {Step}: exception", key);
            result = StepResult.Failed($"{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
        }

        result = ApplyPollTimeout(key, context, result);
        var (outcome, final) = result.Outcome switch
        {
            StepOutcome.Succeeded => (Outcomes.Succeeded, true),
            StepOutcome.Skipped => (Outcomes.Skipped, true),
            StepOutcome.Waiting => (Outcomes.Waiting, false),
            StepOutcome.Failed when settings.Retry.CanRetry(attempt) => (Outcomes.Retrying, false),
            _ => (Outcomes.Failed, true),
        };
        var cause = result.Cause is null ? "" : $": {result.Cause}";
        var level = outcome is Outcomes.Failed or Outcomes.Retrying ? LogLevel.Warning : LogLevel.Information;
        log.Log(level, "job {Job} source {Source} day {Day}: {Outcome}, {Rows} rows, {Seconds:0.0} s{Cause}",
            key.Job, key.Source ?? "-", DayState.Text(key.Day), outcome, result.Rows, watch.Elapsed.TotalSeconds, cause);
        await FinishAsync(runId, outcome, outcome is Outcomes.Succeeded or Outcomes.Skipped ? result.Rows : null,
            outcome == Outcomes.Succeeded ? null : result.Cause);
        return new StepRun(result, outcome, final);
    }

    /// <summary>Writes the day's <c>pipeline</c> row: succeeded, or failed with what went wrong.</summary>
    public async Task RecordDayAsync(DateOnly day, string? problems)
    {
        var id = await StartAsync(new StepKey("pipeline", null, day));
        await FinishAsync(id, problems is null ? Outcomes.Succeeded : Outcomes.Failed, null, problems);
    }

    // The first poll's time is a job parameter in the store, so the timeout counts across restarts.
    private StepResult ApplyPollTimeout(StepKey key, PerformContext context, StepResult result)
    {
        if (result.Outcome != StepOutcome.Waiting)
            return result;
        var now = time.GetUtcNow();
        var since = context.GetJobParameter<DateTimeOffset?>(WaitingSince);
        if (since is null)
        {
            context.SetJobParameter(WaitingSince, now);
            since = now;
        }

        var waited = now - since.Value;
        var timeout = settings.Sources.TeleVoips.PollTimeout;
        return waited < timeout
            ? result with { Cause = string.Create(CultureInfo.InvariantCulture, $"{result.Cause} (waiting {waited.TotalMinutes:0} min)") }
            : StepResult.Rejected(string.Create(CultureInfo.InvariantCulture,
                $"{key.Source}: export for {DayState.Text(key.Day)} still not ready after {waited.TotalMinutes:0} min; gave up (Sources:TeleVoips:PollTimeout {timeout})"));
    }

    private async Task<long?> StartAsync(StepKey key)
    {
        try
        {
            return await history.StartAsync(new RunStart(key.Job, key.Source, key.Day, time.GetUtcNow(), RunHistories.Node), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // History is for people; a history outage must not stop the pipeline.
            log.LogWarning("job {Step}: run history not written: {Error}", key, ex.Message.ReplaceLineEndings(" "));
            return null;
        }
    }

    private async Task FinishAsync(long? runId, string outcome, long? rows, string? error)
    {
        if (runId is not { } id)
            return;
        try
        {
            await history.FinishAsync(id, new RunEnd(outcome, time.GetUtcNow(), rows, error), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("run {RunId}: run history not written: {Error}", id, ex.Message.ReplaceLineEndings(" "));
        }
    }
}
