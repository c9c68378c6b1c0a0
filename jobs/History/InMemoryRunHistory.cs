namespace Analytics.Jobs.History;

/// <summary>Run history of a single in-memory scheduler process (no <c>Jobs:PostgreSql</c>); gone when it exits.</summary>
internal sealed class InMemoryRunHistory : IRunHistory
{
    private readonly Lock _gate = new();
    private readonly List<JobRun> _runs = [];

    public Task<long> StartAsync(RunStart run, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var id = _runs.Count + 1L;
            _runs.Add(new JobRun(id, run.Job, run.Source, run.Day, run.StartedAt, null, Outcomes.Running, null, null, run.Node));
            return Task.FromResult(id);
        }
    }

    public Task FinishAsync(long runId, RunEnd end, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = (int)runId - 1;
            _runs[index] = _runs[index] with { Outcome = end.Outcome, FinishedAt = end.FinishedAt, Rows = end.Rows, Error = end.Error };
        }

        return Task.CompletedTask;
    }

    public Task<bool> HasSucceededAsync(string job, DateOnly day, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_runs.Exists(r => r.Job == job && r.Day == day && r.Outcome == Outcomes.Succeeded));
    }

    public Task<IReadOnlyList<JobRun>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<JobRun>>(_runs.AsEnumerable().Reverse().Take(limit).ToArray());
    }
}
