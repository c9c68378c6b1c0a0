using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Analytics.Reports.Sql;
using Dapper;

namespace Analytics.Reports.Aggregates;

/// <summary>One local day of a period: [Start, End) in UTC epoch seconds; Key is its day number since 1970-01-01 (the SQL's day key).</summary>
internal sealed record CallDay(DateOnly Date, long Key, long Start, long End)
{
    /// <summary>How the day is named in the cache: its date and its instants (a zone's rules may change).</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Date:yyyy-MM-dd}_{Start}_{End}");
}

/// <summary>What the warehouse holds for one day: its calls, how many lack a write_seq, and their highest write_seq.</summary>
internal sealed record DayFingerprint(long Calls, long Unsequenced, long LastSeq);

/// <summary>
/// Each day's fingerprint (see call_day_fingerprints.sql), at the least cost the warehouse allows. The whole table's
/// (count, highest write_seq) comes from DuckDB's statistics without reading rows, and a folder of the day cache
/// remembers it with the days' fingerprints it went with (<c>fingerprints.json</c>). Loads are serialised
/// (LoadLock; DuckDB takes one writer process), so every row inserted since carries a write_seq above the remembered
/// highest, and rows only deleted lower the count:
/// <list type="bullet">
/// <item>the table's pair unchanged: nothing changed, and the remembered fingerprints hold;</item>
/// <item>rows above the remembered highest, and the count grown by exactly as many: rows were only added, so each day's
/// fingerprint is the remembered one plus its new rows (read through zone maps on write_seq, not the period);</item>
/// <item>anything else (rows deleted or replaced, rows without write_seq, nothing remembered): one pass over the period.</item>
/// </list>
/// Days the folder does not remember are read over their own range. Everything runs in the caller's transaction.
/// </summary>
internal static class DayFingerprints
{
    private const string FileName = "fingerprints.json";

    private sealed record Remembered(long Calls, long LastSeq, Dictionary<string, long[]> Days);

    public static async Task<Dictionary<CallDay, DayFingerprint>> ReadAsync(DbConnection connection, ReportPeriod period, List<CallDay> days, string directory,
        CallDayCache cache, CancellationToken cancellationToken)
    {
        var (calls, sequenced, lastSeq) = await connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            "SELECT count(*), count(write_seq), coalesce(max(write_seq), 0) FROM calls", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var remembered = calls == sequenced ? Read(Path.Combine(directory, FileName)) : null;
        Dictionary<CallDay, DayFingerprint>? prints = null;
        if (remembered is not null && (remembered.Calls, remembered.LastSeq) == (calls, lastSeq))
        {
            prints = Known(days, remembered, added: null);
        }
        else if (remembered is not null && lastSeq >= remembered.LastSeq)
        {
            var since = remembered.LastSeq;
            var added = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                string.Create(CultureInfo.InvariantCulture, $"SELECT count(*) FROM calls WHERE write_seq > {since}"), cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (remembered.Calls + added == calls)
                prints = Known(days, remembered, await ScanAsync(connection, period, days, $"write_seq > {since.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false));
        }

        if (prints is null)
        {
            prints = await ScanAsync(connection, period, days, "TRUE", cancellationToken).ConfigureAwait(false);
            cache.Scanned(days.Count);
        }

        // Days the folder did not remember: each run of them over its own range.
        var unknown = days.Where(d => !prints.ContainsKey(d)).ToList();
        foreach (var run in CallDays.Runs(unknown))
        {
            foreach (var (day, print) in await ScanAsync(connection, period.Daily(run[0].Date, run[^1].Date), run, "TRUE", cancellationToken).ConfigureAwait(false))
                prints[day] = print;
            cache.Scanned(run.Count);
        }

        if (calls == sequenced && cache.WriteFailure is null)
            await RememberAsync(Path.Combine(directory, FileName), calls, lastSeq, remembered, prints, cache, cancellationToken).ConfigureAwait(false);
        return prints;
    }

    /// <summary>The remembered fingerprints of <paramref name="days"/> (those it has), plus the rows added since, if any.</summary>
    private static Dictionary<CallDay, DayFingerprint> Known(List<CallDay> days, Remembered remembered, Dictionary<CallDay, DayFingerprint>? added)
    {
        var prints = new Dictionary<CallDay, DayFingerprint>();
        foreach (var day in days)
        {
            if (!remembered.Days.TryGetValue(day.Name, out var known) || known.Length != 2)
                continue;
            var plus = added?.GetValueOrDefault(day);
            prints[day] = plus is null || plus.Calls == 0
                ? new DayFingerprint(known[0], 0, known[1])
                : new DayFingerprint(known[0] + plus.Calls, 0, Math.Max(known[1], plus.LastSeq));
        }

        return prints;
    }

    /// <summary>Every day's fingerprint over the rows <paramref name="rows"/> selects (a SQL condition built here from integers).</summary>
    private static async Task<Dictionary<CallDay, DayFingerprint>> ScanAsync(DbConnection connection, ReportPeriod range, List<CallDay> days, string rows,
        CancellationToken cancellationToken)
    {
        var sums = days.ToDictionary(d => d, _ => (Calls: 0L, Unsequenced: 0L, LastSeq: 0L));
        var starts = days.Select(d => d.Start).ToArray();
        var sql = ReportSql.Render("call_day_fingerprints", range, new Dictionary<string, string>(StringComparer.Ordinal) { ["rows"] = rows });
        foreach (var row in await connection.QueryAsync<(long Quarter, long Calls, long Unsequenced, long LastSeq)>(
            new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            var at = Array.BinarySearch(starts, row.Quarter * CallDays.Quarter);
            var day = days[at >= 0 ? at : ~at - 1];
            var sum = sums[day];
            sums[day] = (sum.Calls + row.Calls, sum.Unsequenced + row.Unsequenced, Math.Max(sum.LastSeq, row.LastSeq));
        }

        return sums.ToDictionary(s => s.Key, s => new DayFingerprint(s.Value.Calls, s.Value.Unsequenced, s.Value.LastSeq));
    }

    private static Remembered? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Remembered>(File.ReadAllBytes(path)) is { Days: not null } r ? r : null : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            // Unreadable: the period is read from the calls, and the file written again.
            return null;
        }
    }

    /// <summary>
    /// Writes the table's pair with the days' fingerprints that go with it: the remembered days too while the pair is
    /// the one they were remembered under, else only these. Whole or not at all (a temporary file renamed).
    /// </summary>
    private static async Task RememberAsync(string path, long calls, long lastSeq, Remembered? remembered, Dictionary<CallDay, DayFingerprint> prints,
        CallDayCache cache, CancellationToken cancellationToken)
    {
        var days = remembered is not null && (remembered.Calls, remembered.LastSeq) == (calls, lastSeq)
            ? new Dictionary<string, long[]>(remembered.Days, StringComparer.Ordinal)
            : new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (day, print) in prints)
            days[day.Name] = [print.Calls, print.LastSeq];
        if (remembered is not null && (remembered.Calls, remembered.LastSeq) == (calls, lastSeq) && days.Count == remembered.Days.Count)
            return;
        var partial = path + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            await File.WriteAllBytesAsync(partial, JsonSerializer.SerializeToUtf8Bytes(new Remembered(calls, lastSeq, days)), cancellationToken).ConfigureAwait(false);
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            cache.WriteFailed(e.Message);
        }
        finally
        {
            if (File.Exists(partial))
                File.Delete(partial);
        }
    }
}
