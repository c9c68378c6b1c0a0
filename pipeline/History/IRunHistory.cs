namespace Analytics.Pipeline.History;

/// <summary>
/// Every pipeline step run: written at start (<c>running</c>) and at end, so a node that dies mid-step
/// leaves a <c>running</c> row behind and its recovery adds a new one. Outcomes: running, succeeded,
/// skipped, waiting, retrying (a transient failure with another attempt scheduled), failed, interrupted
/// (shutdown handed the step back).
/// </summary>
internal interface IRunHistory
{
    Task<long> StartAsync(RunStart run, CancellationToken cancellationToken);

    Task FinishAsync(long runId, RunEnd end, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="job"/> already succeeded for the day: the durable "done" mark of the day's report and email.</summary>
    Task<bool> HasSucceededAsync(string job, DateOnly day, CancellationToken cancellationToken);

    /// <summary>The newest runs first.</summary>
    Task<IReadOnlyList<JobRun>> RecentAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Records runs that already ended (a manual <c>run</c>'s steps), in order.</summary>
    async Task RecordAsync(IReadOnlyList<(RunStart Start, RunEnd End)> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var (start, end) in runs)
            await FinishAsync(await StartAsync(start, cancellationToken), end, cancellationToken);
    }
}

internal sealed record RunStart(string Job, string? Source, DateOnly Day, DateTimeOffset StartedAt, string Node);

internal sealed record RunEnd(string Outcome, DateTimeOffset FinishedAt, long? Rows, string? Error);

internal sealed record JobRun(
    long RunId, string Job, string? Source, DateOnly? Day, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    string Outcome, long? Rows, string? Error, string? Node);

internal static class Outcomes
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Skipped = "skipped";
    public const string Waiting = "waiting";
    public const string Retrying = "retrying";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";
}
