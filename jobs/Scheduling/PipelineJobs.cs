using System.ComponentModel;
using Analytics.Pipeline;
using Analytics.Pipeline.Settings;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// The Hangfire jobs of the daily pipeline, one per source per day: plan the day → ingest (queue <c>ingest</c>,
/// any node) → load (queue <c>warehouse</c>, serialised across nodes) → when every source is in, or at the
/// report deadline, the report → the email (both on <c>warehouse</c>, each once a day). Each job hands over to
/// the next only after its step returned: a node dying inside a step leaves the job to be fetched again by
/// another node, and the step, being idempotent, runs again.
/// </summary>
// Hangfire's own AutomaticRetry (10 attempts, ~16 s first delay) would retry rejected credentials too: StepRetryFilter decides instead.
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
internal sealed class PipelineJobs(IPipelineSteps steps, StepRunner runner, AnalyticsSettings settings, JobStorage storage,
    IBackgroundJobClient client, ILoadLock loadLock, TimeProvider time, ILogger<PipelineJobs> log)
{
    public const string DefaultQueue = "default";
    public const string IngestQueue = "ingest";
    public const string WarehouseQueue = "warehouse";

    /// <summary>
    /// The recurring <c>pipeline</c> job: the day before the firing (<see cref="FiringDay"/>, in <c>Reports:TimeZone</c>) is
    /// planned once; a second firing for it does nothing.
    /// </summary>
    [DisplayName("plan yesterday's pulls")]
    [Queue(DefaultQueue)]
    public void PlanDay(PerformContext context)
    {
        var day = FiringDay.Of(settings, context);
        var text = DayState.Text(day);
        var sources = settings.ScheduledSources;
        var planned = new DayState(storage, day).Update(entries =>
        {
            if (entries.ContainsKey("planned"))
                return (new Dictionary<string, string>(), false);
            // Enqueued before the day is marked planned: a crash in between re-runs this job, which enqueues
            // the pulls again (harmless: a landed day is not fetched twice) rather than losing the day.
            foreach (var source in sources)
                client.Enqueue<PipelineJobs>(IngestQueue, j => j.IngestAsync(source, text, null!, CancellationToken.None));
            return (new Dictionary<string, string> { ["planned"] = Now(), ["sources"] = string.Join(',', sources) }, true);
        });
        if (planned)
            log.LogInformation("day {Day}: pulls queued for {Sources}", text, string.Join(", ", sources));
    }

    /// <summary>The recurring <c>report</c> job: a source still not in must not hold the morning report back.</summary>
    [DisplayName("report deadline")]
    [Queue(DefaultQueue)]
    public void ReportDeadline(PerformContext context)
    {
        var day = FiringDay.Of(settings, context);
        var queued = new DayState(storage, day).Update(entries =>
        {
            if (!entries.ContainsKey("planned") || entries.ContainsKey("reportQueued"))
                return (new Dictionary<string, string>(), false);
            QueueReport(day);
            return (new Dictionary<string, string> { ["reportQueued"] = Now(), ["deadline"] = Now() }, true);
        });
        if (queued)
            log.LogWarning("day {Day}: report deadline passed with sources still out; reporting what arrived", DayState.Text(day));
    }

    [DisplayName("ingest {0} {1}")]
    public async Task IngestAsync(string source, string day, PerformContext context, CancellationToken cancellationToken)
    {
        var date = DayState.Parse(day);
        var run = await runner.RunAsync(new StepKey("ingest", source, date), context, () => steps.IngestAsync(source, date, cancellationToken), cancellationToken);
        if (run.Final && run.Result.Outcome is Pipeline.Steps.StepOutcome.Succeeded)
            client.Enqueue<PipelineJobs>(j => j.LoadAsync(source, day, null!, CancellationToken.None));
        else if (run.Final)
            SourceFinished(date, source, run.History, run.Result.Cause);
        run.ThrowUnlessDone();
    }

    [DisplayName("load {0} {1}")]
    [Queue(WarehouseQueue)]
    public async Task LoadAsync(string source, string day, PerformContext context, CancellationToken cancellationToken)
    {
        var date = DayState.Parse(day);
        StepRun run;
        await using (await loadLock.AcquireAsync(cancellationToken))
            run = await runner.RunAsync(new StepKey("load", source, date), context, () => steps.LoadAsync(source, date, cancellationToken), cancellationToken);
        if (run.Final)
            SourceFinished(date, source, run.History, run.Result.Cause);
        run.ThrowUnlessDone();
    }

    [DisplayName("report {0}")]
    [Queue(WarehouseQueue)]
    public async Task ReportAsync(string day, PerformContext context, CancellationToken cancellationToken)
    {
        var state = new DayState(storage, DayState.Parse(day));
        if (await OnceADayAsync("report", state, "reported", context,
                date => steps.ReportAsync(date, DayCoverage.From(date, state.Read()), cancellationToken), cancellationToken) is not { } run)
            return;
        if (run.Final)
            await runner.RecordDayAsync(DayState.Parse(day), Problems(state.Read(), run));
        if (run.Final && run.Result.Outcome is Pipeline.Steps.StepOutcome.Succeeded)
        {
            state.Update(entries =>
            {
                var set = new Dictionary<string, string> { ["reported"] = Now() };
                if (!entries.ContainsKey("emailQueued"))
                {
                    client.Enqueue<PipelineJobs>(j => j.EmailAsync(day, null!, CancellationToken.None));
                    set["emailQueued"] = Now();
                }

                return (set, 0);
            });
        }

        run.ThrowUnlessDone();
    }

    [DisplayName("email {0}")]
    [Queue(WarehouseQueue)]
    public async Task EmailAsync(string day, PerformContext context, CancellationToken cancellationToken)
    {
        var state = new DayState(storage, DayState.Parse(day));
        if (await OnceADayAsync("email", state, "emailed", context, date => steps.EmailAsync(date, cancellationToken), cancellationToken) is not { } run)
            return;
        // Checkpoint: a node dying between the SMTP hand-over and this line sends the email again (at least once).
        if (run.Final && run.Result.Outcome is Pipeline.Steps.StepOutcome.Succeeded)
            state.Update(_ => (new Dictionary<string, string> { ["emailed"] = Now() }, 0));
        run.ThrowUnlessDone();
    }

    /// <summary>Runs a once-a-day step unless the day's state says it is done (<paramref name="done"/>); null when it was.</summary>
    private async Task<StepRun?> OnceADayAsync(string job, DayState state, string done, PerformContext context,
        Func<DateOnly, Task<Pipeline.Steps.StepResult>> step, CancellationToken cancellationToken)
    {
        if (state.Read().ContainsKey(done))
        {
            log.LogInformation("{Job} {Day}: already done, nothing to do", job, DayState.Text(state.Day));
            return null;
        }

        return await runner.RunAsync(new StepKey(job, null, state.Day), context, () => step(state.Day), cancellationToken);
    }

    private void SourceFinished(DateOnly day, string source, string outcome, string? cause)
    {
        var queued = new DayState(storage, day).Update(entries =>
        {
            var set = new Dictionary<string, string> { [$"src.{source}"] = outcome };
            // The report names a failed source with its cause (DayCoverage).
            if (outcome == Pipeline.History.Outcomes.Failed && cause is not null)
                set[DayCoverage.CausePrefix + source] = cause.ReplaceLineEndings(" ");
            if (entries.ContainsKey("reportQueued"))
                return (set, false);
            var sources = entries.TryGetValue("sources", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries) : [source];
            if (!sources.All(s => s == source || entries.ContainsKey($"src.{s}")))
                return (set, false);
            QueueReport(day);
            set["reportQueued"] = Now();
            return (set, true);
        });
        if (queued)
            log.LogInformation("day {Day}: every source is in; report queued", DayState.Text(day));
    }

    private void QueueReport(DateOnly day)
    {
        var text = DayState.Text(day);
        client.Enqueue<PipelineJobs>(j => j.ReportAsync(text, null!, CancellationToken.None));
    }

    /// <summary>Why the day is not whole: sources that failed or were not in by the deadline, and a failed report.</summary>
    private static string? Problems(IReadOnlyDictionary<string, string> entries, StepRun report)
    {
        var sources = entries.TryGetValue("sources", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        var failed = sources.Where(s => entries.GetValueOrDefault($"src.{s}") == Pipeline.History.Outcomes.Failed)
            .Concat(sources.Where(s => !entries.ContainsKey($"src.{s}")).Select(s => $"{s} (not in by the report deadline)"))
            .ToList();
        var problems = new List<string>();
        if (failed.Count > 0)
            problems.Add($"sources failed: {string.Join(", ", failed)}");
        if (report.Result.IsFailure)
            problems.Add($"report failed: {report.Result.Cause}");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private string Now() => time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
