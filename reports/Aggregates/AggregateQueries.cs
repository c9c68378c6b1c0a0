using System.Data.Common;
using System.Text.RegularExpressions;
using Analytics.Reports.Sql;
using Analytics.Reports.Tables;
using Dapper;

namespace Analytics.Reports.Aggregates;

/// <summary>Runs every report table's SQL on a (read-only) warehouse connection: the one place reports talk to the database.</summary>
public static partial class AggregateQueries
{
    /// <summary>
    /// Caps DuckDB's memory at <paramref name="memoryLimit"/> (e.g. "160MB"; null or empty keeps DuckDB's default
    /// of 80 % of RAM). The cap is per database instance: DuckDB spills to disk rather than growing, so a
    /// 10M-call report stays under ~300 MB RSS; the facade adds it to the instance's (WarehouseBudget). No session time zone is needed: buckets are integer arithmetic.
    /// </summary>
    public static async Task PrepareAsync(DbConnection connection, string? memoryLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (string.IsNullOrWhiteSpace(memoryLimit))
            return;
        if (!MemorySize().IsMatch(memoryLimit))
            throw new ArgumentException($"Reports:MemoryLimit '{memoryLimit}' is not a size such as 160MB or 1GB.", nameof(memoryLimit));
        // The facade adds it to the instance's limit: a load in this process keeps its own.
        Analytics.Warehouse.WarehouseDatabase.ChangeBudget(connection, new Analytics.Warehouse.WarehouseBudget(memoryLimit.Trim()));
    }

    /// <summary>Computes every table of <paramref name="period"/>.</summary>
    public static async Task<ReportData> RunAsync(DbConnection connection, ReportPeriod period, CancellationToken cancellationToken, string? memoryLimit = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(period);
        await PrepareAsync(connection, memoryLimit, cancellationToken).ConfigureAwait(false);
        return await WithPeriodCallsAsync(connection, period, async () => new ReportData(
            period,
            await ReportTables.CallsSummary.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false),
            await ReportTables.CallsHistory.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false),
            await ReportTables.CallsByApp.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false),
            await ReportTables.CallsByCountry.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false),
            await ReportTables.CallsByDestination.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false),
            await ReportTables.CallsByDid.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false),
            await ReportTables.SmsSummary.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false),
            await ReportTables.SmsHistory.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The summaries alone (calls and SMS) of another period, for comparisons.</summary>
    public static async Task<(IReadOnlyList<CallsSummaryRow> Calls, IReadOnlyList<SmsSummaryRow> Sms)> SummariesAsync(DbConnection connection, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        return await WithPeriodCallsAsync(connection, period, async () =>
            (await ReportTables.CallsSummary.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false),
             await ReportTables.SmsSummary.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="queries"/> with the period's calls pre-aggregated once (calls_period.sql) into a
    /// temporary table of this connection, which the calls summary and breakdown tables roll up instead of each
    /// reading the raw rows again. The table is dropped before returning, whatever happens.
    /// </summary>
    internal static async Task<T> WithPeriodCallsAsync<T>(DbConnection connection, ReportPeriod period, Func<Task<T>> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(queries);
        await CreatePeriodCallsAsync(connection, period, cancellationToken).ConfigureAwait(false);
        try
        {
            return await queries().ConfigureAwait(false);
        }
        finally
        {
            // Not cancellable: the table must not outlive the report on a connection the caller keeps.
            await DropPeriodCallsAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>Pre-aggregates <paramref name="period"/>'s calls into the temporary table report_period_calls (calls_period.sql).</summary>
    internal static Task CreatePeriodCallsAsync(DbConnection connection, ReportPeriod period, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("calls_period", period), cancellationToken: cancellationToken));

    internal static Task DropPeriodCallsAsync(DbConnection connection) =>
        connection.ExecuteAsync("DROP TABLE IF EXISTS temp.report_period_calls");

    /// <summary>Daily calls and SMS history of <paramref name="days"/> (a daily period), for trends and alerts.</summary>
    public static async Task<(IReadOnlyList<CallsHistoryRow> Calls, IReadOnlyList<SmsHistoryRow> Sms)> DailyAsync(DbConnection connection, ReportPeriod days, CancellationToken cancellationToken) =>
        (await ReportTables.CallsHistory.QueryAsync(connection, days, cancellationToken).ConfigureAwait(false),
         await ReportTables.SmsHistory.QueryAsync(connection, days, cancellationToken).ConfigureAwait(false));

    [GeneratedRegex(@"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemorySize();
}
