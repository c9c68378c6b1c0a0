using Analytics.Pipeline.Settings;

namespace Analytics.Pipeline.History;

/// <summary>Where runs are recorded: the job store's PostgreSQL when <c>Jobs:PostgreSql</c> is set, else the warehouse.</summary>
internal static class RunHistories
{
    /// <summary>How run history names a node: <c>host:pid</c>.</summary>
    public static string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public static IRunHistory For(AnalyticsSettings settings, TimeProvider time) => For(settings.Jobs, settings.Warehouse.Path, time);

    public static IRunHistory For(JobsOptions jobs, string warehousePath, TimeProvider time) =>
        jobs.PostgreSql is { Length: > 0 } pg ? new PostgresRunHistory(pg) : new DuckDbRunHistory(warehousePath, time);
}
