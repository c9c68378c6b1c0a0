using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace Analytics.Reports.Aggregates;

/// <summary>Runs the aggregate SQL on a (read-only) warehouse connection and maps the rows to records.</summary>
public static partial class AggregateQueries
{
    /// <summary>The SQL of every aggregate, in run order, for benchmarks that execute it bare.</summary>
    public static IReadOnlyList<string> All(ReportPeriod period) =>
    [
        AggregateSql.CallsSummary(period), AggregateSql.CallsHistory(period), AggregateSql.CallsByApp(period),
        AggregateSql.CallsByCountry(period), AggregateSql.CallsByDestination(period), AggregateSql.CallsByDid(period),
        AggregateSql.SmsSummary(period), AggregateSql.SmsHistory(period),
    ];

    /// <summary>
    /// Sets the connection's session time zone to the period's (DuckDB icu: local, DST-aware buckets), the
    /// only session state the queries rely on, and caps DuckDB's memory at <paramref name="memoryLimit"/>
    /// (e.g. "160MB"; null or empty keeps DuckDB's default of 80 % of RAM). The cap is added to the
    /// instance's (see WarehouseBudget): DuckDB spills to disk rather than growing, so a 10M-call report stays under ~300 MB RSS.
    /// </summary>
    public static async Task PrepareAsync(DbConnection connection, ReportPeriod period, string? memoryLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await connection.ExecuteAsync(new CommandDefinition(AggregateSql.TimeZone(period), cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(memoryLimit))
            return;
        if (!MemorySize().IsMatch(memoryLimit))
            throw new ArgumentException($"Reports:MemoryLimit '{memoryLimit}' is not a size such as 160MB or 1GB.", nameof(memoryLimit));
        // The facade adds it to the instance's limit: a load in this process keeps its own.
        Analytics.Warehouse.WarehouseDatabase.ChangeBudget(connection, new Analytics.Warehouse.WarehouseBudget(memoryLimit.Trim()));
    }

    /// <summary>Computes every aggregate of <paramref name="period"/>.</summary>
    public static async Task<ReportData> RunAsync(DbConnection connection, ReportPeriod period, CancellationToken cancellationToken, string? memoryLimit = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(period);
        await PrepareAsync(connection, period, memoryLimit, cancellationToken).ConfigureAwait(false);
        return new ReportData(
            period,
            await QueryAsync<CallsSummaryRow>(connection, AggregateSql.CallsSummary(period), cancellationToken).ConfigureAwait(false),
            await QueryAsync<CallsHistoryRow>(connection, AggregateSql.CallsHistory(period), cancellationToken).ConfigureAwait(false),
            await QueryAsync<CallsByAppRow>(connection, AggregateSql.CallsByApp(period), cancellationToken).ConfigureAwait(false),
            await QueryAsync<CallsByCountryRow>(connection, AggregateSql.CallsByCountry(period), cancellationToken).ConfigureAwait(false),
            await QueryAsync<CallsByDestinationRow>(connection, AggregateSql.CallsByDestination(period), cancellationToken).ConfigureAwait(false),
            await QueryAsync<CallsByDidRow>(connection, AggregateSql.CallsByDid(period), cancellationToken).ConfigureAwait(false),
            await QueryAsync<SmsSummaryRow>(connection, AggregateSql.SmsSummary(period), cancellationToken).ConfigureAwait(false),
            await QueryAsync<SmsHistoryRow>(connection, AggregateSql.SmsHistory(period), cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<T>(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }

    [GeneratedRegex(@"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemorySize();
}
