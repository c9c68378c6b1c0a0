using Dapper;

namespace Analytics.Warehouse.Reconcile;

/// <summary>One <c>reconciliation</c> row as <c>status</c> shows it (provider figure and difference null when unavailable).</summary>
public sealed record ReconciliationRow(string Source, DateOnly Day, string Kind, string Direction, string Currency, string Metric,
    decimal? ProviderValue, decimal WarehouseValue, decimal? Difference, string Status, decimal TolerancePercent);

/// <summary>Reads the reconciliation of the latest days for <c>analytics status</c>.</summary>
public static class ReconciliationStatus
{
    /// <summary>The rows of the latest <paramref name="days"/> days that have any (none without a file, or for one older than the table).</summary>
    public static async Task<IReadOnlyList<ReconciliationRow>> ReadAsync(string path, int days, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return [];
        await using var connection = WarehouseDatabase.OpenReadOnly(path);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'reconciliation'", cancellationToken: cancellationToken));
        if (exists == 0)
            return [];
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT source, CAST(day AS VARCHAR) AS day, kind, direction, currency, metric, provider_value,
                   warehouse_value, difference, status, tolerance_percent
            FROM reconciliation
            WHERE day IN (SELECT DISTINCT day FROM reconciliation ORDER BY day DESC LIMIT {days})
            ORDER BY day DESC, source, kind, direction, currency, metric
            """, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ReconciliationRow(r.source, DateOnly.Parse(r.day, System.Globalization.CultureInfo.InvariantCulture), r.kind, r.direction,
            r.currency, r.metric, r.provider_value, r.warehouse_value, r.difference, r.status, r.tolerance_percent))];
    }

    private sealed record Row(string source, string day, string kind, string direction, string currency, string metric, decimal? provider_value,
        decimal warehouse_value, decimal? difference, string status, decimal tolerance_percent);
}
