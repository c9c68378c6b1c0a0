namespace Analytics.Jobs;

/// <summary>The scheduler. Configuration section <c>Jobs</c>.</summary>
public sealed record JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Npgsql connection string of the Quartz job store; absent means the in-memory store.</summary>
    public string? PostgreSql { get; init; }

    /// <summary>Quartz cron expressions by job name, overriding the defaults.</summary>
    public IReadOnlyDictionary<string, string> Schedule { get; init; } = new Dictionary<string, string>();
}
