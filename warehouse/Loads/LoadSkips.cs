using System.Data.Common;
using Dapper;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// <c>load_skips</c>: what the latest load left out (<see cref="LoadSkip"/>). Each load replaces the list, so a day
/// landed again, or a setting fixed, drops off it once a load has taken it.
/// </summary>
public static class LoadSkips
{
    internal static async Task RecordAsync(DbConnection connection, IReadOnlyList<LoadSkip> skipped, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM load_skips", transaction: transaction, cancellationToken: cancellationToken));
        foreach (var skip in skipped)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO load_skips (source, feed, day, subject, reason, skipped_at) VALUES ($source, $feed, $day, $subject, $reason, $at)",
                new { source = skip.Source, feed = skip.Feed, day = skip.Day, subject = skip.Subject, reason = skip.Reason, at = now.UtcDateTime },
                transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>What the latest load of the warehouse at <paramref name="path"/> skipped (none without a file, or for one older than the table).</summary>
    public static async Task<IReadOnlyList<LoadSkip>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return [];
        await using var connection = WarehouseDatabase.OpenReadOnly(path);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'load_skips'", cancellationToken: cancellationToken));
        if (exists == 0)
            return [];
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT source, feed, CAST(day AS VARCHAR) AS day, subject, reason FROM load_skips ORDER BY source, feed, day", cancellationToken: cancellationToken));
        return rows.Select(r => new LoadSkip(r.source, r.feed, r.day is null ? null : DateOnly.Parse(r.day, System.Globalization.CultureInfo.InvariantCulture), r.subject, r.reason)).ToList();
    }

    private sealed record Row(string source, string? feed, string? day, string subject, string reason);
}
