using System.Data.Common;
using System.Globalization;

namespace Analytics.Reports.Trust;

/// <summary>
/// A reconciliation mismatch is an alert: on a day of the report, the warehouse's figure (value) differs from the provider's
/// own total (baseline): a count that is not equal, or seconds or money off by more than <c>Reconcile:Tolerance</c>;
/// the message gives both and the delta.
/// </summary>
internal static class ReconciliationAlerts
{
    public const string Rule = "reconciliation_mismatch";

    /// <summary>The mismatches of the days [<paramref name="from"/>, <paramref name="to"/>]; none from a warehouse older than the table.</summary>
    public static async Task<IReadOnlyList<Alert>> ReadAsync(DbConnection connection, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT CAST(r.day AS VARCHAR), r.source, r.kind, r.direction, r.currency, r.metric, r.provider_value, r.warehouse_value, r.difference
            FROM reconciliation r
            WHERE r.status = 'mismatch' AND r.day BETWEEN DATE '{from:yyyy-MM-dd}' AND DATE '{to:yyyy-MM-dd}'
            ORDER BY r.day, r.source, r.kind, r.direction, r.currency, r.metric
            """);
        if (!await ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
            return [];
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var day = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            string source = reader.GetString(1), kind = reader.GetString(2), direction = reader.GetString(3), currency = reader.GetString(4), metric = reader.GetString(5);
            decimal provider = reader.GetDecimal(6), warehouse = reader.GetDecimal(7), delta = reader.GetDecimal(8);
            var what = metric == "cost" ? $"{currency} cost" : metric.Replace('_', ' ');
            var share = provider == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({delta / provider:+0.0##%;-0.0##%})");
            alerts.Add(new Alert(day, source, currency, Rule, warehouse, provider, string.Create(CultureInfo.InvariantCulture,
                $"{source}: {(kind == "sms" ? "SMS" : "calls")} {direction} {what} on {day:yyyy-MM-dd} is {Figure(warehouse)} in the warehouse but {Figure(provider)} in {source}'s own totals: off by {delta:+0.####;-0.####}{share}")));
        }
        return alerts;
    }

    private static string Figure(decimal value) => value.ToString("#,0.####", CultureInfo.InvariantCulture);

    private static async Task<bool> ExistsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'reconciliation'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }
}
