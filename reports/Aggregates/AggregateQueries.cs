using System.Data.Common;
using Dapper;

namespace Analytics.Reports.Aggregates;

/// <summary>Runs the aggregate SQL on a (read-only) warehouse connection and maps the rows to records.</summary>
public static class AggregateQueries
{
    /// <summary>The SQL of every aggregate, in run order, for benchmarks that execute it bare.</summary>
    public static IReadOnlyList<string> All(ReportPeriod period) =>
    [
        AggregateSql.CallsSummary(period), AggregateSql.CallsHistory(period), AggregateSql.CallsByApp(period),
        AggregateSql.CallsByCountry(period), AggregateSql.CallsByDestination(period), AggregateSql.CallsByDid(period),
        AggregateSql.SmsSummary(period), AggregateSql.SmsHistory(period),
    ];

    /// <summary>
    /// Sets the connection's session time zone to the period's (DuckDB icu: local, DST-aware buckets),
    /// the only session state the queries rely on.
    /// </summary>
    public static Task PrepareAsync(DbConnection connection, ReportPeriod period, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(AggregateSql.TimeZone(period), cancellationToken: cancellationToken));

    /// <summary>Computes every aggregate of <paramref name="period"/>.</summary>
    public static async Task<ReportData> RunAsync(DbConnection connection, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(period);
        await PrepareAsync(connection, period, cancellationToken).ConfigureAwait(false);
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
}
