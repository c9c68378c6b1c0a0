namespace Analytics.Jobs.History;

/// <summary>Where runs are recorded: the job store's PostgreSQL when <c>Jobs:PostgreSql</c> is set, else the warehouse.</summary>
internal static class RunHistories
{
    public static IRunHistory For(JobsOptions jobs, string warehousePath, TimeProvider time) =>
        jobs.PostgreSql is { Length: > 0 } pg ? new PostgresRunHistory(pg) : new DuckDbRunHistory(warehousePath, time);
}
