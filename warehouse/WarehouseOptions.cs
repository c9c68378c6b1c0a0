namespace Analytics.Warehouse;

/// <summary>Where the DuckDB warehouse lives. Configuration section <c>Warehouse</c>.</summary>
public sealed record WarehouseOptions
{
    public const string Section = "Warehouse";

    /// <summary>The DuckDB file. Default <c>./data/analytics.duckdb</c>.</summary>
    public string Path { get; init; } = "./data/analytics.duckdb";
}
