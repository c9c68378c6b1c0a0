using System.Globalization;
using Analytics.Warehouse.Loads;

namespace Analytics.Warehouse.Mapping;

/// <summary>
/// One loaded TeleVoIPs file as its rows show it: the landing day it was loaded from, the PBX-local day most of its
/// <c>calldate</c>s fall on, and the PBX's offset from UTC (<c>calldate</c> minus the <c>uniqueid</c> epoch, to the quarter
/// hour) at its first and at its last call, which differ on a DST change.
/// </summary>
public sealed record TeleVoipsFileClock(DateOnly LandedDay, DateOnly LocalDay, TimeSpan FirstOffset, TimeSpan LastOffset);

/// <summary>
/// What the loaded TeleVoIPs files say of the PBX's clock, so that a report can tell which UTC hours those files cover
/// (a file holds one PBX-local day) without being told the PBX's zone.
/// </summary>
public static class TeleVoipsFileClocks
{
    /// <summary>
    /// The clock of every TeleVoIPs file loaded from a landing day in [<paramref name="from"/>, <paramref name="to"/>] of the
    /// warehouse at <paramref name="path"/> (read-only); a file none of whose <c>uniqueid</c>s is an epoch is left out.
    /// None without a warehouse.
    /// </summary>
    public static async Task<IReadOnlyList<TeleVoipsFileClock>> ReadAsync(string path, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return [];
        await using var connection = WarehouseDatabase.OpenReadOnly(path);
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            WITH r AS (
                SELECT l.day AS landed, TRY_CAST(trim(c.calldate) AS TIMESTAMP) AS ls, TRY_CAST(split_part(c.uniqueid, '.', 1) AS BIGINT) AS e
                FROM raw_televoips_cdrs c JOIN loads l USING (load_id)
                WHERE l.source = 'televoips' AND l.status = 'loaded' AND l.day BETWEEN DATE '{from:yyyy-MM-dd}' AND DATE '{to:yyyy-MM-dd}'),
            d AS (
                SELECT landed, ls, epoch(ls) - e AS off FROM r
                WHERE ls IS NOT NULL AND e BETWEEN 100000000 AND 9999999999 AND abs(e - epoch(ls)) <= 93600)
            SELECT CAST(landed AS VARCHAR), CAST(mode(CAST(ls AS DATE)) AS VARCHAR),
                   CAST(round(arg_min(off, ls) / 900) * 900 AS BIGINT), CAST(round(arg_max(off, ls) / 900) * 900 AS BIGINT)
            FROM d GROUP BY landed ORDER BY landed
            """);
        return await Sql.RowsAsync(connection, sql, r => new TeleVoipsFileClock(Day(r.GetString(0)), Day(r.GetString(1)),
            TimeSpan.FromSeconds(r.GetInt64(2)), TimeSpan.FromSeconds(r.GetInt64(3))), cancellationToken);
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
