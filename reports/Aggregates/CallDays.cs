using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Analytics.Reports.Sql;
using Dapper;

namespace Analytics.Reports.Aggregates;

/// <summary>
/// Builds a period's report_period_calls, report_period_buckets and report_period_callers from its local days, each
/// day read from the day cache (<see cref="CallDayCache"/>) when its calls are the ones it was cached from, and added
/// up from the raw calls otherwise (then cached). A day is known unchanged by its fingerprint: its count of calls and
/// their highest write_seq (see <see cref="DayFingerprints"/>, which reads them at the least cost the warehouse allows). The
/// numbers are the ones the raw path gives (<see cref="AggregateQueries"/>): partial sums add up, and unique callers
/// are exact sets merged in .NET (<see cref="CallerSet"/>), never estimated.
/// <para>If the process dies here: cache files are written under temporary names and renamed whole, a day's callers
/// before its aggregates, and a day counts as cached only when both exist; anything else is computed again.</para>
/// </summary>
internal static class CallDays
{
    /// <summary>Seconds in a quarter-hour: every local day the cache serves starts on one (fingerprints are read per quarter).</summary>
    internal const long Quarter = 900;

    /// <summary>More callers' numbers than this in one period (8 MB of them) and their memory is handed back once counted.</summary>
    private const long ManyNumbers = 1_000_000;

    /// <summary>
    /// Days added up from the raw calls in one pass at most: a pass's hash tables and callers grow with its days, and a
    /// week keeps them within Reports:MemoryLimit (a month of 10M calls in one pass ran out of 80MB), while zone maps
    /// keep each pass to its own days.
    /// </summary>
    private const int DaysPerPass = 7;
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    /// <summary>Changes whenever the SQL that makes a day's rows or callers does, so older files are never read as current.</summary>
    private static readonly Lazy<string> Format = new(() => Hash(string.Join("\n",
        ReportSql.Text("call_days"), ReportSql.Text("call_day_rows"), ReportSql.Text("measures"), ReportSql.Text("call_day_caller_keys"),
        ReportSql.Text("call_day_caller_texts"), "day-callers-2")));

    /// <summary>
    /// Creates <paramref name="tables"/> for <paramref name="period"/> through the day cache. False, having created
    /// nothing, where the cache does not apply: hourly buckets, a zone whose days do not start on a quarter-hour, or a
    /// warehouse without write_seq or an identity (older than schema version 9), or a cached file DuckDB cannot read
    /// (it is deleted, so the next report computes that day again).
    /// </summary>
    public static async Task<bool> TryCreateAsync(DbConnection connection, ReportPeriod period, PeriodTables tables, CallDayCache cache, CancellationToken cancellationToken)
    {
        if (period.Granularity == Granularity.Hour)
            return false;
        var days = DaysOf(period);
        if (days.Any(d => d.Start % Quarter != 0 || d.End % Quarter != 0))
            return false;
        var directory = await DirectoryAsync(connection, period, cache, cancellationToken).ConfigureAwait(false);
        if (directory is null)
            return false;

        // One snapshot for the fingerprints and the rows added up under them: a load committing meanwhile must not put
        // its rows in a file named for the day as it was before.
        var own = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            var (created, numbers) = await CreateAsync(connection, period, tables, cache, days, directory, cancellationToken).ConfigureAwait(false);
            if (own)
                await connection.ExecuteAsync("COMMIT").ConfigureAwait(false);
            own = false;
            if (numbers > ManyNumbers)
            {
                // Millions of callers' numbers (8 bytes each) were read, merged and counted, and are garbage now: give
                // that memory back before the report goes on to draw its charts, so its peak is not their sum.
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            return created;
        }
        catch (UnreadableCacheException unreadable) when (own)
        {
            // DuckDB aborted the transaction at the failed read: roll it back (the temporary tables go with it), then
            // drop the files it could not read, so the next report adds those days up again. This one takes the raw path.
            await connection.ExecuteAsync("ROLLBACK").ConfigureAwait(false);
            own = false;
            await ForgetUnreadableAsync(connection, unreadable.Files, cancellationToken).ConfigureAwait(false);
            return false;
        }
        finally
        {
            // Not cancellable: the connection must not be left inside the transaction.
            if (own)
                await connection.ExecuteAsync("ROLLBACK").ConfigureAwait(false);
        }
    }

    /// <summary>Begins a transaction unless the caller's connection is in one already (then it is the snapshot).</summary>
    private static async Task<bool> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("BEGIN TRANSACTION", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (DbException e) when (e.Message.Contains("within a transaction", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }

    private static async Task<(bool Created, long Numbers)> CreateAsync(DbConnection connection, ReportPeriod period, PeriodTables tables, CallDayCache cache, List<CallDay> days, string directory,
        CancellationToken cancellationToken)
    {
        // The callers files the cache holds for these days are read while DuckDB works out the fingerprints; a file whose
        // name then matches its day's fingerprint is used, any other is not.
        var prefetch = Task.Run(() => ReadCachedCallers(directory, days), cancellationToken);
        var prints = await DayFingerprints.ReadAsync(connection, period, days, directory, cache, cancellationToken).ConfigureAwait(false);
        var candidates = await prefetch.ConfigureAwait(false);
        var callers = new Dictionary<CallDay, DayCallers>();
        var cachedFiles = new List<string>();
        var compute = new List<CallDay>();
        foreach (var day in days)
        {
            var print = prints[day];
            if (print.Calls == 0)
                continue;
            var (parquet, callersFile) = Files(directory, day, print);
            // A callers file that could not be read is not a candidate: the day is computed again below, and rewritten.
            if (print.Unsequenced == 0 && candidates.TryGetValue(callersFile, out var read) && File.Exists(parquet))
            {
                callers[day] = read;
                cachedFiles.Add(parquet);
                continue;
            }

            compute.Add(day);
        }

        await connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("call_day_rows", period), cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var run in Runs(compute).SelectMany(r => r.Chunk(DaysPerPass)).Select(r => r.ToList()))
        {
            var runPeriod = period.Daily(run[0].Date, run[^1].Date);
            await connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("call_days", runPeriod), commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var (day, dayCallers) in await CallersAsync(connection, runPeriod, run, directory, cancellationToken).ConfigureAwait(false))
                callers[day] = dayCallers;
        }

        await WriteAsync(connection, directory, compute.Where(d => prints[d].Unsequenced == 0).ToList(), prints, callers, cache, cancellationToken).ConfigureAwait(false);
        cache.Counted(cachedFiles.Count, compute.Count);
        if (compute.Sum(d => callers.TryGetValue(d, out var c) ? c.Groups.Values.Sum(g => g.Keys.LongLength) : 0) > ManyNumbers)
        {
            // Many days added up from the calls: the numbers' CSV parse and sort left garbage of their size. Hand it back
            // before the unions are merged, so the two do not add up to the peak.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        // Unique callers are counted in .NET while DuckDB adds the days' rows up.
        var callerRows = tables.HasFlag(PeriodTables.Callers) ? Task.Run(() => CallerRows(period, days, callers), cancellationToken) : null;
        var view = cachedFiles.Count == 0
            ? "CREATE OR REPLACE TEMP VIEW report_days AS SELECT * FROM report_day_rows"
            : "CREATE OR REPLACE TEMP VIEW report_days AS SELECT * FROM report_day_rows UNION ALL BY NAME SELECT * FROM read_parquet(["
              + string.Join(", ", cachedFiles.Select(Literal)) + "])";
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(view, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (tables.HasFlag(PeriodTables.Calls))
                await connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("calls_period_days", period), cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (tables.HasFlag(PeriodTables.Buckets))
            {
                var sql = ReportSql.Render("calls_period_buckets_days", period, new Dictionary<string, string>(StringComparer.Ordinal) { ["bucket_of_day"] = period.Buckets.KeyOfDaySql("day") });
                await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }
        catch (DbException e) when (cachedFiles.Count > 0)
        {
            // A cached file DuckDB cannot read (cut short, or removed meanwhile by a report that saw the day change).
            if (callerRows is not null)
                await callerRows.ConfigureAwait(false);
            throw new UnreadableCacheException(cachedFiles, e);
        }

        if (callerRows is not null)
            await InsertCallerRowsAsync(connection, await callerRows.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return (true, callers.Values.Sum(d => d.Groups.Values.Sum(g => g.Keys.LongLength)));
    }

    private static List<CallDay> DaysOf(ReportPeriod period)
    {
        var days = new List<CallDay>(period.Days);
        for (var date = period.From; date <= period.To; date = date.AddDays(1))
        {
            days.Add(new CallDay(date, date.DayNumber - Epoch.DayNumber,
                Bucketing.LocalMidnight(period.Zone, date).ToUnixTimeSeconds(), Bucketing.LocalMidnight(period.Zone, date.AddDays(1)).ToUnixTimeSeconds()));
        }

        return days;
    }

    /// <summary>Consecutive dates together: each run is one range the raw calls are read over, which zone maps keep to those days.</summary>
    internal static IEnumerable<List<CallDay>> Runs(List<CallDay> days)
    {
        var run = new List<CallDay>();
        foreach (var day in days)
        {
            if (run.Count > 0 && run[^1].Date.AddDays(1) != day.Date)
            {
                yield return run;
                run = [];
            }

            run.Add(day);
        }

        if (run.Count > 0)
            yield return run;
    }

    /// <summary>
    /// The cache folder of this warehouse, format and zone, or null when the warehouse cannot be told apart from
    /// another or has no write_seq (schema version 9 adds both). Older formats' folders of the warehouse are removed.
    /// </summary>
    private static async Task<string?> DirectoryAsync(DbConnection connection, ReportPeriod period, CallDayCache cache, CancellationToken cancellationToken)
    {
        var (identities, sequenced, path) = await connection.QuerySingleAsync<(long, long, string?)>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'warehouse_identity'),
                   (SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'calls' AND column_name = 'write_seq'),
                   (SELECT path FROM duckdb_databases() WHERE database_name = current_database())
            """, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (identities == 0 || sequenced == 0)
            return null;
        var identity = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT min(id) FROM warehouse_identity", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (string.IsNullOrEmpty(identity))
            return null;
        var warehouse = Path.Combine(cache.Root, Hash(identity + "\n" + (path ?? ""))[..16]);
        var format = Path.Combine(warehouse, Format.Value[..16]);
        var zone = Path.Combine(format, new string([.. period.TimeZone.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]));
        try
        {
            if (!Directory.Exists(format) && Directory.Exists(warehouse))
            {
                foreach (var older in Directory.GetDirectories(warehouse))
                    Directory.Delete(older, recursive: true);
            }

            Directory.CreateDirectory(zone);
            // Files a report that died left half written (any a live report writes are minutes old at most).
            foreach (var partial in Directory.EnumerateFiles(zone, "*.partial*"))
            {
                if (File.GetLastWriteTimeUtc(partial) < DateTime.UtcNow.AddHours(-1))
                    if (File.Exists(partial))
                        File.Delete(partial);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            cache.WriteFailed(e.Message);
        }

        return zone;
    }

    /// <summary>Every callers file of <paramref name="days"/> in the folder that reads whole, by path.</summary>
    private static Dictionary<string, DayCallers> ReadCachedCallers(string directory, List<CallDay> days)
    {
        var read = new Dictionary<string, DayCallers>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
            return read;
        var dates = days.Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "_").ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.callers"))
        {
            var name = Path.GetFileName(file);
            if (name.Length < 11 || !dates.Contains(name[..11]))
                continue;
            try
            {
                read[file] = DayCallers.Read(file);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                // Left out: its day is computed again.
            }
        }

        return read;
    }

    private static (string Parquet, string Callers) Files(string directory, CallDay day, DayFingerprint print)
    {
        var name = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{day.Name}_{print.Calls}_{print.LastSeq}"));
        return (name + ".parquet", name + ".callers");
    }

    /// <summary>The run's days' distinct inbound callers: numbers through a CSV file DuckDB writes in parallel, other callers as rows.</summary>
    private static async Task<Dictionary<CallDay, DayCallers>> CallersAsync(DbConnection connection, ReportPeriod runPeriod, List<CallDay> run, string directory,
        CancellationToken cancellationToken)
    {
        var first = run[0].Key;
        var groups = (await connection.QueryAsync<(string Source, string? Currency)>(new CommandDefinition(string.Create(CultureInfo.InvariantCulture,
            $"SELECT DISTINCT source, currency FROM report_day_rows WHERE kind = 'buckets' AND direction = 'IN' AND day BETWEEN {first} AND {run[^1].Key} ORDER BY ALL"),
            cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(g => new CallerGroup(g.Source, g.Currency)).ToList();
        var result = run.ToDictionary(d => d, _ => new DayCallers(new Dictionary<CallerGroup, CallerSet>()));
        if (groups.Count == 0)
            return result;

        var group = "CASE " + string.Concat(groups.Select((g, i) => string.Create(CultureInfo.InvariantCulture,
            $"WHEN source = {Literal(g.Source)} AND currency {(g.Currency is null ? "IS NULL" : "= " + Literal(g.Currency))} THEN {i} "))) + "END";
        var slots = run.Count * groups.Count;
        var keys = new long[]?[slots];
        var texts = new List<string>?[slots];
        // Beside the cache's own callers files (the same numbers), or in the temporary folder if the cache has no folder.
        var csv = Path.Combine(Directory.Exists(directory) ? directory : Path.GetTempPath(), "callers-" + Guid.NewGuid().ToString("N") + ".csv.partial");
        try
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["group"] = group, ["path"] = Literal(csv) };
            await connection.ExecuteAsync(new CommandDefinition(ReportSql.Render("call_day_caller_keys", runPeriod, values), commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            // Read twice, counting then filling, so each day's numbers go straight into an array of their size (growing
            // lists would hold up to twice the memory at the peak of a cold month).
            var counts = new int[slots];
            await CallerKeyCsv.ReadAsync(csv, (day, g, _) => counts[((int)(day - first) * groups.Count) + (int)g]++, cancellationToken).ConfigureAwait(false);
            var filled = new int[slots];
            for (var i = 0; i < slots; i++)
                keys[i] = counts[i] == 0 ? null : GC.AllocateUninitializedArray<long>(counts[i]);
            await CallerKeyCsv.ReadAsync(csv, (day, g, key) =>
            {
                var slot = ((int)(day - first) * groups.Count) + (int)g;
                keys[slot]![filled[slot]++] = key;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(csv);
        }

        var textRows = await connection.QueryAsync<(long Day, long Group, string Caller)>(new CommandDefinition(
            ReportSql.Render("call_day_caller_texts", runPeriod, new Dictionary<string, string>(StringComparer.Ordinal) { ["group"] = group }), cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var (day, g, caller) in textRows)
            (texts[((int)(day - first) * groups.Count) + (int)g] ??= []).Add(caller);

        for (var d = 0; d < run.Count; d++)
        {
            var sets = new Dictionary<CallerGroup, CallerSet>();
            for (var g = 0; g < groups.Count; g++)
            {
                var k = keys[(d * groups.Count) + g];
                var t = texts[(d * groups.Count) + g];
                if (k is null && t is null)
                    continue;
                sets[groups[g]] = CallerSet.FromUnsorted(k ?? [], t?.ToArray() ?? []);
                keys[(d * groups.Count) + g] = null;
            }

            result[run[d]] = new DayCallers(sets);
        }

        return result;
    }

    /// <summary>Caches each computed day whose fingerprint is sound; a failure to write is noted once and costs only speed.</summary>
    private static async Task WriteAsync(DbConnection connection, string directory, List<CallDay> days, Dictionary<CallDay, DayFingerprint> prints,
        Dictionary<CallDay, DayCallers> callers, CallDayCache cache, CancellationToken cancellationToken)
    {
        if (cache.WriteFailure is not null)
            return;
        foreach (var day in days)
        {
            var (parquet, callersFile) = Files(directory, day, prints[day]);
            var partial = parquet + ".partial-" + Guid.NewGuid().ToString("N");
            try
            {
                callers[day].Write(callersFile);
                await connection.ExecuteAsync(new CommandDefinition(string.Create(CultureInfo.InvariantCulture,
                    $"COPY (SELECT * FROM report_day_rows WHERE day = {day.Key}) TO {Literal(partial)} (FORMAT parquet)"), cancellationToken: cancellationToken)).ConfigureAwait(false);
                File.Move(partial, parquet, overwrite: true);
                // The day's files under older fingerprints are stale now.
                foreach (var stale in Directory.EnumerateFiles(directory, day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "_*"))
                {
                    if (stale != parquet && stale != callersFile)
                        File.Delete(stale);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException)
            {
                cache.WriteFailed(e.Message.Split('\n')[0]);
                return;
            }
            finally
            {
                if (File.Exists(partial))
                    File.Delete(partial);
            }
        }
    }

    private sealed class UnreadableCacheException(List<string> files, Exception inner) : Exception("a cached day could not be read", inner)
    {
        public List<string> Files { get; } = files;
    }

    private static async Task ForgetUnreadableAsync(DbConnection connection, List<string> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            try
            {
                await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM read_parquet({Literal(file)})", cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (DbException)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// report_period_callers (see calls_callers.sql) from the days' caller sets: per bucket and per period, each
    /// (source, currency) group's union of its days, and per currency (source ALL) the union of its groups.
    /// </summary>
    private static List<string> CallerRows(ReportPeriod period, List<CallDay> days, Dictionary<CallDay, DayCallers> callers)
    {
        var rows = new List<string>();
        var merger = new CallerMerger();
        void Count(long? bucket, IEnumerable<DayCallers> of)
        {
            var groups = of.SelectMany(d => d.Groups).GroupBy(g => g.Key, g => g.Value).ToList();
            foreach (var currency in groups.GroupBy(g => g.Key.Currency))
            {
                if (currency.Count() == 1)
                {
                    var group = currency.Single();
                    var count = merger.Count([.. group]);
                    rows.Add(Row(bucket, group.Key.Source, group.Key.Currency, count));
                    rows.Add(Row(bucket, "ALL", currency.Key, count));
                    continue;
                }

                // A caller counts once under ALL however many sources it called: the union of the sources' unions.
                var unions = new List<CallerSet>();
                foreach (var group in currency)
                {
                    var union = merger.Union([.. group]);
                    rows.Add(Row(bucket, group.Key.Source, group.Key.Currency, union.Count));
                    unions.Add(union);
                }

                rows.Add(Row(bucket, "ALL", currency.Key, merger.Count(unions)));
            }
        }

        var present = days.Where(callers.ContainsKey).ToList();
        foreach (var bucket in present.GroupBy(d => period.Buckets.KeyOf(DateTimeOffset.FromUnixTimeSeconds(d.Start))))
            Count(bucket.Key, bucket.Select(d => callers[d]));
        Count(null, present.Select(d => callers[d]));
        return rows;
    }

    private static async Task InsertCallerRowsAsync(DbConnection connection, List<string> rows, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("CREATE OR REPLACE TEMP TABLE report_period_callers (bucket BIGINT, source VARCHAR, currency VARCHAR, callers BIGINT);");
        for (var i = 0; i < rows.Count; i += 1000)
            sql.Append("INSERT INTO report_period_callers VALUES ").AppendJoin(", ", rows.Skip(i).Take(1000)).Append(';');
        await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string Row(long? bucket, string source, string? currency, long count) => string.Create(CultureInfo.InvariantCulture,
        $"({(bucket is null ? "NULL" : bucket.Value.ToString(CultureInfo.InvariantCulture))}, {Literal(source)}, {(currency is null ? "NULL" : Literal(currency))}, {count})");

    /// <summary>A SQL string literal: the text between single quotes, each quote doubled.</summary>
    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
