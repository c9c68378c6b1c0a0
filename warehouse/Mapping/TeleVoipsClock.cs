using System.Data.Common;
using System.Globalization;
using Analytics.Warehouse.Loads;

namespace Analytics.Warehouse.Mapping;

/// <summary>
/// When a TeleVoIPs call started, in UTC. <c>calldate</c> is the PBX's local time, and Asterisk's <c>uniqueid</c> starts
/// with the call's epoch seconds (<c>"1629900254.9521335"</c> beside <c>"2021-08-25 10:04:14"</c>, New York).
/// <list type="bullet">
/// <item><c>Sources:TeleVoips:TimeZone = auto</c> (the default): the <c>uniqueid</c> epoch when it is epoch-like (9 or 10
/// digits before the dot) and within 26 hours of <c>calldate</c> (no zone is further from UTC), else <c>calldate</c> read
/// as UTC. This is right in every zone and across DST changes, where a local 01:30 happens twice.</item>
/// <item>An IANA zone: <c>calldate</c> read in that zone, as before. A file where more than half of the calls' epochs
/// disagree with that by 15 minutes or more gets a warning from <c>load</c> and <c>status</c> with the offset seen.</item>
/// </list>
/// </summary>
public static class TeleVoipsClock
{
    /// <summary>The setting's value for "from the uniqueid epoch, else UTC".</summary>
    public const string Auto = "auto";

    /// <summary>Seconds a local clock can be from UTC at most, with a margin (UTC−12 … UTC+14): 26 hours.</summary>
    private const int MaxSkewSeconds = 26 * 3600;

    /// <summary>Disagreement that counts: 15 minutes (zones are whole quarter hours apart).</summary>
    private const int DisagreeSeconds = 15 * 60;

    public static bool IsAuto(string zone) => string.Equals(zone, Auto, StringComparison.OrdinalIgnoreCase);

    /// <summary>The UTC start of row <paramref name="alias"/> (columns <c>local_start</c> TIMESTAMP and <c>uid_epoch</c> BIGINT) as SQL.</summary>
    internal static string StartSql(string zone, string alias) => IsAuto(zone)
        ? string.Create(CultureInfo.InvariantCulture,
            $"CASE WHEN {alias}.uid_epoch BETWEEN 100000000 AND 9999999999 AND abs({alias}.uid_epoch - epoch({alias}.local_start)) <= {MaxSkewSeconds} ") +
          $"THEN to_timestamp({alias}.uid_epoch) ELSE make_timestamptz(epoch_us({alias}.local_start)) END"
        : $"timezone({SqlTemplates.Literal(zone)}, {alias}.local_start)";

    /// <summary>
    /// One line per TeleVoIPs file among <paramref name="loadIds"/> (a SQL query of load ids) where more than half of the calls'
    /// uniqueid epochs disagree with <c>calldate</c> read in <paramref name="zone"/> by 15 minutes or more; none under auto.
    /// Plain SQL on the committed raw rows, so a read-only connection (<c>status</c>) can ask too.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DisagreementsAsync(DbConnection connection, string zone, string loadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsAuto(zone))
            return [];
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            WITH r AS (
                SELECT load_id, TRY_CAST(split_part(uniqueid, '.', 1) AS BIGINT) AS e, TRY_CAST(trim(calldate) AS TIMESTAMP) AS ls
                FROM raw_televoips_cdrs WHERE load_id IN ({loadIds})),
            d AS (
                SELECT load_id, ls, CASE WHEN e BETWEEN 100000000 AND 9999999999 AND abs(e - epoch(ls)) <= {MaxSkewSeconds}
                                         AND abs(e - epoch(timezone({SqlTemplates.Literal(zone)}, ls))) >= {DisagreeSeconds}
                                         THEN epoch(ls) - e END AS offset_s
                FROM r WHERE ls IS NOT NULL)
            SELECT l.file, count(*) AS n, count(d.offset_s) AS off, CAST(round(median(d.offset_s) / 900) * 900 AS BIGINT) AS seen
            FROM d JOIN loads l USING (load_id)
            GROUP BY l.file HAVING count(d.offset_s) * 2 > count(*)
            ORDER BY l.file
            """);
        return await Sql.RowsAsync(connection, sql, r => Line(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), zone), cancellationToken);
    }

    /// <summary>
    /// <see cref="DisagreementsAsync"/> over the last seven TeleVoIPs files loaded into the warehouse at <paramref name="path"/>
    /// (read-only), for <c>status</c>; none without a file or under auto.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RecentDisagreementsAsync(string path, string zone, CancellationToken cancellationToken)
    {
        if (IsAuto(zone) || !File.Exists(path))
            return [];
        await using var connection = WarehouseDatabase.OpenReadOnly(path);
        return await DisagreementsAsync(connection, zone,
            "SELECT load_id FROM loads WHERE source = 'televoips' AND status = 'loaded' ORDER BY load_id DESC LIMIT 7", cancellationToken);
    }

    private static string Line(string file, long rows, long off, long seenSeconds, string zone)
    {
        var offset = TimeSpan.FromSeconds(Math.Abs(seenSeconds));
        var seen = string.Create(CultureInfo.InvariantCulture, $"UTC{(seenSeconds < 0 ? "−" : "+")}{(int)offset.TotalHours:00}:{offset.Minutes:00}");
        return string.Create(CultureInfo.InvariantCulture,
            $"televoips: {file}: {off} of {rows} calls start 15 minutes or more away from calldate read in {zone} (by their uniqueid); ") +
            $"their calldate looks like {seen}: set Sources:TeleVoips:TimeZone to auto or to the PBX's zone";
    }
}
