namespace Analytics.Pipeline.Settings;

/// <summary>The scheduler (<c>analytics serve</c>, Hangfire). Configuration section <c>Jobs</c>.</summary>
public sealed record JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Npgsql connection string of the Hangfire job store (Hangfire.PostgreSql); absent means Hangfire.InMemory.</summary>
    public string? PostgreSql { get; init; }

    /// <summary>
    /// Cron expressions by job name, in <c>Reports:TimeZone</c>: <c>pipeline</c> (the day's pulls, default
    /// <c>0 6 * * *</c>) and <c>report</c> (the latest the report waits for a late source, default <c>0 7 * * *</c>).
    /// Five fields, or six with seconds first.
    /// </summary>
    public IReadOnlyDictionary<string, string> Schedule { get; init; } = new Dictionary<string, string>();

    /// <summary>Sources the daily pipeline pulls. Empty (the default): televoips, telnyx, callr, telgorithm.</summary>
    /// <remarks>Empty rather than pre-filled: the configuration binder appends to a pre-filled list.</remarks>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The four sources, in pull order.</summary>
    public static readonly IReadOnlyList<string> DefaultSources = ["televoips", "telnyx", "callr", "telgorithm"];

    /// <summary>The configured sources, else <see cref="DefaultSources"/>.</summary>
    public IReadOnlyList<string> SourcesOrDefault => Sources.Count == 0 ? DefaultSources : Sources;

    /// <summary>
    /// What this node does: <c>ingest</c> (provider pulls only), <c>warehouse</c> (load, report, email: the node
    /// holding the DuckDB file) or both, comma-separated. Default both.
    /// </summary>
    public string Roles { get; init; } = "ingest,warehouse";

    /// <summary>Attempts of a step that fails transiently, the first included. Default 5.</summary>
    public int RetryAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry; doubles each attempt. Default 1 min.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest delay between retries. Default 30 min.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long Ctrl+C / SIGTERM waits for running steps to reach a checkpoint; the process exits within this + 5 s. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a job fetched by a node stays invisible to the others without that node's keep-alive
    /// (PostgreSQL storage, sliding): a killed node's job is picked up again about this late. Default 1 min.
    /// </summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often workers look for delayed jobs (retries, polls) and recurring jobs. Default 5 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Concurrent jobs per node. Default 4.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>The dashboard, <c>/healthz</c> and <c>/reports/</c> that <c>serve</c> hosts.</summary>
    public DashboardOptions Dashboard { get; init; } = new();
}

/// <summary><c>Jobs:Dashboard</c>.</summary>
public sealed record DashboardOptions
{
    /// <summary>Where <c>serve</c> listens. Default <c>http://127.0.0.1:5081</c>; the dashboard is at <c>/hangfire</c>.</summary>
    public string Url { get; init; } = "http://127.0.0.1:5081";

    /// <summary>Basic-auth user; required (with <see cref="Password"/>) when <see cref="Url"/> is not a loopback address.</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password.</summary>
    public string? Password { get; init; }
}
