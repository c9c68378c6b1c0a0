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
    /// <param name="cache">The day cache to read and fill (see <see cref="CallDays"/>); null adds every day up from the raw calls.</param>
    public static async Task<ReportData> RunAsync(DbConnection connection, ReportPeriod period, CancellationToken cancellationToken, string? memoryLimit = null, CallDayCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(period);
        await PrepareAsync(connection, memoryLimit, cancellationToken).ConfigureAwait(false);
        return await WithPeriodTablesAsync(connection, period, PeriodTables.All, cache, async () => new ReportData(
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
    public static async Task<(IReadOnlyList<CallsSummaryRow> Calls, IReadOnlyList<SmsSummaryRow> Sms)> SummariesAsync(DbConnection connection, ReportPeriod period, CancellationToken cancellationToken, CallDayCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        return await WithPeriodTablesAsync(connection, period, PeriodTables.Calls | PeriodTables.Callers, cache, async () =>
            (await ReportTables.CallsSummary.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false),
             await ReportTables.SmsSummary.QueryAsync(connection, period, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="queries"/> with the period's calls pre-aggregated once into the temporary
    /// <paramref name="tables"/> of this connection, which the calls tables roll up instead of each reading the raw
    /// rows again, and unique callers counted once (<see cref="UniqueCallers"/>). The tables are dropped before
    /// returning, whatever happens.
    /// </summary>
    internal static async Task<T> WithPeriodTablesAsync<T>(DbConnection connection, ReportPeriod period, PeriodTables tables, CallDayCache? cache, Func<Task<T>> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(queries);
        try
        {
            await CreatePeriodTablesAsync(connection, period, tables, cancellationToken, cache).ConfigureAwait(false);
            return await queries().ConfigureAwait(false);
        }
        finally
        {
            // Not cancellable: the tables must not outlive the report on a connection the caller keeps.
            await DropPeriodTablesAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>Builds <paramref name="tables"/> for <paramref name="period"/> (see <see cref="PeriodTables"/>).</summary>
    /// <remarks>Through the day cache when one is given and it applies (see <see cref="CallDays.TryCreateAsync"/>), else from the raw calls.</remarks>
    internal static async Task CreatePeriodTablesAsync(DbConnection connection, ReportPeriod period, PeriodTables tables, CancellationToken cancellationToken, CallDayCache? cache = null)
    {
        if (cache is not null && await CallDays.TryCreateAsync(connection, period, tables, cache, cancellationToken).ConfigureAwait(false))
            return;
        if (tables.HasFlag(PeriodTables.Calls))
            await connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("calls_period", period), cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (tables.HasFlag(PeriodTables.Buckets))
            await connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("calls_period_buckets", period), cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (tables.HasFlag(PeriodTables.Callers))
        {
            var built = tables.HasFlag(PeriodTables.Calls) ? PeriodTables.Calls : PeriodTables.Buckets;
            if (!tables.HasFlag(built))
                throw new ArgumentException("unique callers need report_period_calls or report_period_buckets", nameof(tables));
            await UniqueCallers.CreateAsync(connection, period, built, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task DropPeriodTablesAsync(DbConnection connection)
    {
        await connection.ExecuteAsync(
            "DROP TABLE IF EXISTS temp.report_period_calls; DROP TABLE IF EXISTS temp.report_period_buckets; DROP VIEW IF EXISTS temp.report_days; DROP TABLE IF EXISTS temp.report_day_rows")
            .ConfigureAwait(false);
        await UniqueCallers.DropAsync(connection).ConfigureAwait(false);
    }

    /// <summary>Daily calls and SMS history of <paramref name="days"/> (a daily period), for trends and alerts.</summary>
    public static async Task<(IReadOnlyList<CallsHistoryRow> Calls, IReadOnlyList<SmsHistoryRow> Sms)> DailyAsync(DbConnection connection, ReportPeriod days, CancellationToken cancellationToken, CallDayCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await WithPeriodTablesAsync(connection, days, PeriodTables.Buckets | PeriodTables.Callers, cache, async () =>
            (await ReportTables.CallsHistory.QueryAsync(connection, days, cancellationToken).ConfigureAwait(false),
             await ReportTables.SmsHistory.QueryAsync(connection, days, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemorySize();
}
