using System.Data.Common;
using System.Globalization;
using Analytics.Reports.Sql;
using Dapper;

namespace Analytics.Reports.Aggregates;

/// <summary>
/// The period's exact unique inbound callers, computed once into the connection-local temporary table
/// report_period_callers (bucket, source or ALL, currency, callers; bucket NULL for the whole period), which
/// the calls summary and history join. See calls_callers.sql for the method.
/// </summary>
internal static class UniqueCallers
{
    /// <summary>
    /// Widest (source, bucket) bit set, in 64-bit words, that calls_callers.sql is given: each word is one more
    /// aggregate per inbound call. A month of days over four sources takes 2; wider periods count with
    /// calls_callers_distinct.sql instead.
    /// </summary>
    internal const int MaxWords = 8;

    /// <summary>Creates report_period_callers for <paramref name="period"/> (and its helper table report_caller_sources).</summary>
    /// <param name="periodTable">report_period_calls or report_period_buckets of the same period, already built: the sources are read from it.</param>
    /// <param name="maxWords">Widest bit set counted by calls_callers.sql (tests lower it to 0 to exercise the other method).</param>
    public static async Task CreateAsync(DbConnection connection, ReportPeriod period, PeriodTables periodTable, CancellationToken cancellationToken, int maxWords = MaxWords)
    {
        var table = periodTable switch
        {
            PeriodTables.Calls => "report_period_calls",
            PeriodTables.Buckets => "report_period_buckets",
            _ => throw new ArgumentOutOfRangeException(nameof(periodTable), periodTable, "unique callers read their sources from report_period_calls or report_period_buckets"),
        };
        var sources = new Dictionary<string, string>(StringComparer.Ordinal) { ["period_table"] = table };
        await connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("calls_caller_sources", period, sources), cancellationToken: cancellationToken)).ConfigureAwait(false);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM temp.report_caller_sources", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var bits = count * period.Buckets.Count;
        var words = (int)((bits + 63) / 64);
        if (words == 0 || words > maxWords)
        {
            await connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("calls_callers_distinct", period), cancellationToken: cancellationToken)).ConfigureAwait(false);
            return;
        }

        var computed = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bits"] = bits.ToString(CultureInfo.InvariantCulture),
            ["caller_word_names"] = string.Join(", ", Enumerable.Range(0, words).Select(w => string.Create(CultureInfo.InvariantCulture, $"w{w}"))),
            ["caller_words"] = string.Join(", ", Enumerable.Range(0, words).Select(w =>
                string.Create(CultureInfo.InvariantCulture, $"bit_or(1::UBIGINT << (p % 64)) FILTER (WHERE p // 64 = {w}) AS w{w}"))),
            // The word holding bit p (a word no call set is NULL).
            ["caller_word_of_p"] = "coalesce(CASE p // 64 " + string.Concat(Enumerable.Range(0, words).Select(w =>
                string.Create(CultureInfo.InvariantCulture, $"WHEN {w} THEN w{w} "))) + "END, 0::UBIGINT)",
        };
        await connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("calls_callers", period, computed), cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Drops both tables; not cancellable, so they never outlive the report on a connection the caller keeps.</summary>
    public static Task DropAsync(DbConnection connection) =>
        connection.ExecuteAsync("DROP TABLE IF EXISTS temp.report_period_callers; DROP TABLE IF EXISTS temp.report_caller_sources");
}
