using System.Data.Common;
using System.Globalization;
using Analytics.Landing;
using Analytics.Warehouse.Loads.Staging;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// The ledger of a load: <c>loads</c> rows (staged, loaded, rejected), <c>rejects</c>, the counts of each file, the
/// <c>ingest_state</c> watermark, and the clean-up of what a load that died between its two commits left.
/// </summary>
internal sealed class LoadLedger(DbConnection connection, TimeProvider time)
{
    /// <summary>
    /// Deletes what a load that died between its two commits left: raw rows and rejects of `loads` rows still
    /// 'staged', and those rows. Runs before every load, so their files load again from scratch.
    /// </summary>
    public async Task DeleteStagedAsync(CancellationToken cancellationToken)
    {
        var raws = await Sql.RowsAsync(connection,
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary AND table_name LIKE 'raw\\_%' ESCAPE '\\'",
            r => r.GetString(0), cancellationToken);

        const string staged = "(SELECT load_id FROM loads WHERE status = 'staged')";
        await using var transaction = await LoadTransaction.BeginAsync(connection, cancellationToken);
        await Sql.ExecAsync(connection,
            string.Concat(raws.Select(t => $"DELETE FROM {SqlTemplates.Identifier(t)} WHERE load_id IN {staged};\n")) +
            $"DELETE FROM rejects WHERE load_id IN {staged};\nDELETE FROM loads WHERE status = 'staged';", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // The batch's `loads` rows, 'staged', with new load ids in file order.
    public async Task<List<long>> StageLoadsAsync(IReadOnlyList<LandedFile> files, StagingArea staging, CancellationToken cancellationToken)
    {
        var ids = await NewLoadIdsAsync(files.Count, cancellationToken);
        var loads = staging.NewFile("csv");
        await WriteStagedLoadsAsync(loads, files, ids, cancellationToken);
        await Sql.ExecAsync(connection, StagedLoads(loads), cancellationToken);
        return ids;
    }

    // Ascending, so the batch's files keep their fetch order in load_id (a later file wins a duplicated key).
    private async Task<List<long>> NewLoadIdsAsync(int count, CancellationToken cancellationToken)
    {
        var ids = (await Sql.LongPairsAsync(connection, $"SELECT nextval('load_id_seq') AS id, 0 FROM range({count}) ORDER BY id", cancellationToken))
            .Select(p => p.A).ToList();
        return ids.Count == count ? ids : throw new InvalidOperationException($"asked for {count} load ids, got {ids.Count}");
    }

    // The batch's `loads` rows go through a CSV: DuckDB takes ~0.1 ms a row to parse and bind a VALUES list (5,000
    // Telnyx pages: 0.55 s), and 20 ms to read the same rows from a file.
    private static async Task WriteStagedLoadsAsync(string path, IReadOnlyList<LandedFile> files, List<long> ids, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{ids[i]},{CsvField(file.Source)},{CsvField(file.Feed)},{file.Day:yyyy-MM-dd},{CsvField(RelativeName(file))},{CsvField(file.Sha256)},{file.Bytes}").AsMemory(), cancellationToken);
        }
    }

    private static string CsvField(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private string StagedLoads(string path) => $$"""
        INSERT INTO loads (load_id, source, feed, day, file, sha256, bytes, started_at, status)
        SELECT load_id, source, feed, day, file, sha256, bytes, {{Now()}}, 'staged'
        FROM read_csv({{Lit(path)}}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"',
                      columns = {'load_id': 'BIGINT', 'source': 'VARCHAR', 'feed': 'VARCHAR', 'day': 'DATE', 'file': 'VARCHAR', 'sha256': 'VARCHAR', 'bytes': 'BIGINT'});
        """;

    // The records staging set aside, as rejects of their file: a few statements of many rows each (see CsvRawLanding).
    public static IEnumerable<string> SetAsideRejects(FeedMapping mapping, IReadOnlyList<StagedFile> batch, List<long> ids) =>
        batch.SelectMany((staged, i) => staged.SetAside.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"({ids[i]}, {Lit(mapping.Source)}, {Lit(mapping.Feed)}, {Lit(RelativeName(staged.File))}, {r.Ordinal}, {Lit($"record {r.Ordinal}: {r.Reason}")}, {Lit(r.Raw)})")))
            .Chunk(1000)
            .Select(rows => "INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw) VALUES\n" + string.Join(",\n", rows) + ";");

    /// <summary>Records a structurally wrong file as rejected whole: a `loads` row and one reject, none of its rows.</summary>
    public async Task<FileLoad> RejectWholeAsync(LandedFile file, string problem, CancellationToken cancellationToken)
    {
        var message = $"{file.Source}/{file.Feed}: {RelativeName(file)} {problem}; file rejected, nothing loaded";
        await using (var transaction = await LoadTransaction.BeginAsync(connection, cancellationToken))
        {
            await Sql.ExecAsync(connection, $"""
                INSERT INTO loads (load_id, source, feed, day, file, sha256, bytes, started_at, finished_at, status)
                VALUES (nextval('load_id_seq'), {Lit(file.Source)}, {Lit(file.Feed)}, DATE '{file.Day:yyyy-MM-dd}', {Lit(RelativeName(file))},
                        {Lit(file.Sha256)}, {file.Bytes}, {Now()}, {Now()}, 'rejected');
                INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
                VALUES (currval('load_id_seq'), {Lit(file.Source)}, {Lit(file.Feed)}, {Lit(RelativeName(file))}, 0, {Lit(message)}, NULL);
                """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new FileLoad(file.Source, file.Feed, file.Day, RelativeName(file), FileOutcome.Rejected, 0, 0, 0, message);
    }

    /// <summary>Landing-relative name, e.g. <c>televoips/cdrs/2026-11-20/cdrs_2026-11-20.csv</c>.</summary>
    public static string RelativeName(LandedFile file) =>
        string.Create(CultureInfo.InvariantCulture, $"{file.Source}/{file.Feed}/{file.Day:yyyy-MM-dd}/{Path.GetFileName(file.Path)}");

    // Raw rows of the batch that are not in calls or sms (or call_legs): rejects, superseded duplicates, internal
    // TeleVoIPs calls.
    public static string NotMapped(FeedMapping mapping, List<long> ids) =>
        $"SELECT (SELECT count(*) FROM {mapping.RawTable} WHERE {SqlTemplates.InLoads("load_id", ids)})" +
        string.Concat(mapping.MappedTables.Select(t => $"\n     - (SELECT count(*) FROM {t} WHERE {SqlTemplates.InLoads("load_id", ids)})"));

    // rows_read = raw rows + lines DuckDB could not parse; rows_rejected = every reject; loaded = the rest. One
    // statement for the batch; only the files with unparsable lines (usually none) are listed.
    public string Counts(FeedMapping mapping, List<long> ids, List<long> unparsable)
    {
        var lines = ids.Select((id, i) => (Id: id, Lines: unparsable[i])).Where(f => f.Lines > 0)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"({f.Id}, {f.Lines})")).ToList();
        var unparsed = lines.Count == 0
            ? "SELECT CAST(NULL AS BIGINT) AS load_id, CAST(NULL AS BIGINT) AS lines WHERE false"
            : $"SELECT * FROM (VALUES {string.Join(", ", lines)}) v(load_id, lines)";
        return $"""
            UPDATE loads SET
                rows_read = c.raw_rows + c.lines,
                rows_rejected = c.rejected,
                rows_loaded = c.raw_rows + c.lines - c.rejected,
                finished_at = {Now()},
                status = 'loaded'
            FROM (
                SELECT l.load_id, coalesce(u.lines, 0) AS lines, coalesce(r.n, 0) AS raw_rows, coalesce(j.n, 0) AS rejected
                FROM loads l
                LEFT JOIN ({unparsed}) u ON u.load_id = l.load_id
                LEFT JOIN (SELECT load_id, count(*) AS n FROM {mapping.RawTable} WHERE {SqlTemplates.InLoads("load_id", ids)} GROUP BY load_id) r ON r.load_id = l.load_id
                LEFT JOIN (SELECT load_id, count(*) AS n FROM rejects WHERE {SqlTemplates.InLoads("load_id", ids)} GROUP BY load_id) j ON j.load_id = l.load_id
                WHERE {SqlTemplates.InLoads("l.load_id", ids)}
            ) c
            WHERE loads.load_id = c.load_id;
            """;
    }

    // The feed's `loaded_through` watermark: the newest day of the batch, never moving back.
    public string Watermark(FeedMapping mapping, DateOnly lastDay) => $"""
        INSERT INTO ingest_state (source, feed, key, value, updated_at)
        VALUES ({Lit(mapping.Source)}, {Lit(mapping.Feed)}, 'loaded_through', '{lastDay:yyyy-MM-dd}', {Now()})
        ON CONFLICT (source, feed, key) DO UPDATE SET
            value = greatest(ingest_state.value, excluded.value), updated_at = excluded.updated_at;
        """;

    public async Task<IReadOnlyList<FileLoad>> ReportAsync(IReadOnlyList<StagedFile> batch, List<long> ids, CancellationToken cancellationToken)
    {
        var counts = (await Sql.RowsAsync(connection, $"SELECT load_id, rows_read, rows_rejected FROM loads WHERE {SqlTemplates.InLoads("load_id", ids)}",
                r => (Id: r.GetInt64(0), Read: r.GetInt64(1), Rejected: r.GetInt64(2)), cancellationToken))
            .ToDictionary(c => c.Id, c => (c.Read, c.Rejected));

        return batch.Select((staged, i) =>
        {
            var (read, rejected) = counts[ids[i]];
            var file = staged.File;
            return new FileLoad(file.Source, file.Feed, file.Day, RelativeName(file), FileOutcome.Loaded, read, read - rejected, rejected, null);
        }).ToList();
    }

    private string Now() => $"TIMESTAMPTZ '{time.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'";

    private static string Lit(string value) => SqlTemplates.Literal(value);
}
