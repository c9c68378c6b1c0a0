using System.Globalization;
using Analytics.Warehouse;
using Dapper;

namespace Analytics.Pipeline.History;

/// <summary>One warehouse feed's freshness, from the <c>loads</c> table.</summary>
internal sealed record LoadStatus(string Source, string Feed, DateTimeOffset? LastLoadedAt, long Files, long RowsLoaded, long RowsRejected, DateOnly? NewestDay);

/// <summary>Per source and feed: files, rows, rejects, newest day and last load time, from the warehouse's <c>loads</c> (read-only).</summary>
internal sealed class DuckDbLoadStatusReader(string path)
{
    public Task<IReadOnlyList<LoadStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return Task.FromResult<IReadOnlyList<LoadStatus>>([]);
        using var connection = WarehouseDatabase.OpenReadOnly(path);
        var rows = connection.Query<Row>("""
            SELECT source, feed, epoch(max(finished_at)) AS last_loaded, count(*) AS files,
                   CAST(sum(rows_loaded) AS BIGINT) AS rows_loaded, CAST(sum(rows_rejected) AS BIGINT) AS rows_rejected, CAST(max(day) AS VARCHAR) AS newest_day
            FROM loads GROUP BY source, feed ORDER BY source, feed
            """);
        return Task.FromResult<IReadOnlyList<LoadStatus>>(rows.Select(r => new LoadStatus(
            r.source, r.feed,
            r.last_loaded is { } s ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(s * 1000)) : null,
            r.files, r.rows_loaded ?? 0, r.rows_rejected ?? 0,
            r.newest_day is null ? null : DateOnly.ParseExact(r.newest_day, "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToArray());
    }

    private sealed record Row(string source, string feed, double? last_loaded, long files, long? rows_loaded, long? rows_rejected, string? newest_day);
}
