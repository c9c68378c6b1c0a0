namespace Analytics.Warehouse;

/// <summary>Where the DuckDB warehouse lives. Configuration section <c>Warehouse</c>.</summary>
public sealed record WarehouseOptions
{
    public const string Section = "Warehouse";

    /// <summary>The DuckDB file. Default <c>./data/analytics.duckdb</c>.</summary>
    public string Path { get; init; } = "./data/analytics.duckdb";

    /// <summary>
    /// How long a load waits for readers (analysts' read-only sessions) to close the file before it fails, naming the
    /// holder. Default 10 minutes; never infinite.
    /// </summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(10);
}
