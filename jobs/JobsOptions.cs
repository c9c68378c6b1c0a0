namespace Analytics.Jobs;

/// <summary>The scheduler. Configuration section <c>Jobs</c>.</summary>
public sealed record JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Npgsql connection string of the Quartz job store; absent means the in-memory store.</summary>
    public string? PostgreSql { get; init; }

    /// <summary>
    /// Quartz cron expressions by job name, overriding the defaults: <c>pipeline</c> (pulls, default
    /// 06:00) and <c>report</c> (the latest the report waits for late sources, default 07:00), both in
    /// <c>Reports:TimeZone</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Schedule { get; init; } = new Dictionary<string, string>();

    /// <summary>Sources the daily pipeline pulls. Empty (the default): televoips, telnyx, callr, telgorithm.</summary>
    /// <remarks>Empty rather than pre-filled: the configuration binder appends to a pre-filled list.</remarks>
    public IReadOnlyList<string> Sources { get; init; } = [];

    public static readonly IReadOnlyList<string> DefaultSources = ["televoips", "telnyx", "callr", "telgorithm"];

    public IReadOnlyList<string> SourcesOrDefault => Sources.Count == 0 ? DefaultSources : Sources;

    /// <summary>This node's id in the cluster. Default: generated from host name and time.</summary>
    public string? InstanceId { get; init; }

    /// <summary>How often a clustered node records it is alive; a dead node is noticed about this late. Default 15 s.</summary>
    public TimeSpan ClusterCheckinInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts of a step that fails transiently, the first included. Default 5.</summary>
    public int RetryAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry; doubles each attempt. Default 1 min.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest delay between retries. Default 30 min.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long Ctrl+C / SIGTERM waits for running steps to finish or checkpoint. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Concurrent steps per node. Default 4.</summary>
    public int Concurrency { get; init; } = 4;
}
