using System.Data.Common;
using System.Globalization;
using Analytics.Warehouse.Arrow;
using Analytics.Landing;
using Analytics.Warehouse.Loads.Staging;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// Loads a batch of staged landing files of one source/feed in two commits: first their raw rows under <c>loads</c>
/// rows marked 'staged', then the calls/sms upserts, rejects, counts and the <c>ingest_state</c> watermark, which
/// turn them 'loaded'. A batch that dies in between is undone by <see cref="DeleteStagedAsync"/>, so either way the
/// tables end as after an uninterrupted load. Rows are bulk-copied by DuckDB (<c>read_csv</c>, or an Arrow scan of
/// the JSON records staging builds) and mapped by set-based SQL.
/// </summary>
internal sealed class BatchLoader(DbConnection connection, TimeProvider time)
{
    /// <summary>Loads staged CSV files.</summary>
    /// <param name="staging">Where the batch's staged files are; the batch's `loads` rows are staged there too.</param>
    public async Task<IReadOnlyList<FileLoad>> LoadCsvAsync(FeedMapping mapping, IReadOnlyList<StagedFile> batch, StagingArea staging, CancellationToken cancellationToken)
    {
        var (ids, unparsable) = await LandCsvAsync(mapping, batch, staging, cancellationToken);
        return await MapAsync(mapping, batch, ids, unparsable, cancellationToken);
    }

    /// <summary>
    /// Stages and loads JSON files: their records go to DuckDB as Arrow batches while staging reads them. Returns the
    /// files loaded, and those that could not be (for the caller to record).
    /// </summary>
    public async Task<(IReadOnlyList<FileLoad> Loaded, IReadOnlyList<(LandedFile File, FileLoad Outcome)> NotStaged)> LoadJsonAsync(
        FeedMapping mapping, IReadOnlyList<LandedFile> files, StagingArea staging, CancellationToken cancellationToken)
    {
        var (batch, ids, unparsable, notStaged) = await LandJsonAsync(mapping, files, staging, cancellationToken);
        return (batch.Count == 0 ? [] : await MapAsync(mapping, batch, ids, unparsable, cancellationToken), notStaged);
    }

    private async Task<IReadOnlyList<FileLoad>> MapAsync(FeedMapping mapping, IReadOnlyList<StagedFile> batch, List<long> ids, List<long> unparsable, CancellationToken cancellationToken)
    {
        // Checkpoint: the raw rows are committed under `loads` rows marked 'staged'. Dying from here until the
        // second COMMIT leaves them for the next load to delete (DeleteStagedAsync) before it loads the files again.
        LoadCheckpoints.Reached(LoadCheckpoints.AfterRaw);
        // The mapping is the load's peak: the garbage of writing 20,000 `loads` rows and DuckDB's freed read buffers
        // should not be under it (1M Telnyx records: 10-20 MB lower).
        MemoryRelease.CollectManaged();
        MemoryRelease.TrimNative();
        try
        {
            await Sql.ExecAsync(connection, "BEGIN TRANSACTION", cancellationToken);
            await Sql.ExecAsync(connection, LineShifts(batch, ids), cancellationToken);
            foreach (var step in mapping.UnifySteps(ids))
            {
                if (step.Guard is null || await Sql.LongAsync(connection, step.Guard, cancellationToken) > 0)
                    await Sql.ExecAsync(connection, step.Sql, cancellationToken);
            }

            if (await Sql.LongAsync(connection, NotMapped(mapping, ids), cancellationToken) > 0)
                await Sql.ExecAsync(connection, mapping.RejectsSql(ids), cancellationToken);
            await Sql.ExecAsync(connection, Counts(mapping, ids, unparsable), cancellationToken);
            var lastDay = batch.Max(b => b.File.Day);
            await Sql.ExecAsync(connection, $"""
                INSERT INTO ingest_state (source, feed, key, value, updated_at)
                VALUES ({Lit(mapping.Source)}, {Lit(mapping.Feed)}, 'loaded_through', '{lastDay:yyyy-MM-dd}', {Now()})
                ON CONFLICT (source, feed, key) DO UPDATE SET
                    value = greatest(ingest_state.value, excluded.value), updated_at = excluded.updated_at;
                """, cancellationToken);
            LoadCheckpoints.Reached(LoadCheckpoints.BeforeCommit);
            await Sql.ExecAsync(connection, "COMMIT", cancellationToken);
            // Checkpoint: once COMMIT returns the batch is durable (DuckDB's WAL); dying now loses nothing and the
            // next run skips these files by (source, sha256).
        }
        catch
        {
            await RollbackQuietlyAsync();
            await DeleteStagedAsync(CancellationToken.None);
            throw;
        }

        LoadCheckpoints.Reached(LoadCheckpoints.AfterCommit);
        await DropWorkTablesAsync(cancellationToken);
        return await ReportAsync(batch, ids, cancellationToken);
    }

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
        await Sql.ExecAsync(connection, "BEGIN TRANSACTION;\n" +
            string.Concat(raws.Select(t => $"DELETE FROM {SqlTemplates.Identifier(t)} WHERE load_id IN {staged};\n")) +
            $"DELETE FROM rejects WHERE load_id IN {staged};\nDELETE FROM loads WHERE status = 'staged';\nCOMMIT;", cancellationToken);
    }

    // Transaction 1: the `loads` rows ('staged'), the raw rows, and the rejects of records staging or DuckDB could not
    // read. Committed on its own: a mapping that reads rows appended by its own transaction runs twice as slowly.
    // A fixed number of statements, however many files: every INSERT of a transaction holds ~300 KB or more of
    // DuckDB's pool until COMMIT (its own row groups), so one per file ran a day of 2,000 Telnyx pages out of memory.
    private async Task<(List<long> Ids, List<long> Unparsable)> LandCsvAsync(FeedMapping mapping, IReadOnlyList<StagedFile> batch, StagingArea staging,
                                                                             CancellationToken cancellationToken)
    {
        await Sql.ExecAsync(connection, "BEGIN TRANSACTION", cancellationToken);
        try
        {
            var ids = await StageLoadsAsync(batch.Select(b => b.File).ToList(), staging, cancellationToken);
            var unparsable = new long[batch.Count];
            // One read per column order (PBX versions differ), in fetch order.
            foreach (var group in Enumerable.Range(0, batch.Count).GroupBy(i => string.Join('\n', batch[i].Csv!.Header), StringComparer.Ordinal))
            {
                var files = group.ToList();
                var groupIds = files.Select(i => ids[i]).ToList();
                // A failed read fails the load (bad lines are rejects, not errors), so the pool is only restored after success.
                LoadBudget.Read(connection);
                await Sql.ExecAsync(connection, RawInsert.Csv(mapping, groupIds, files.Select(i => batch[i].StagedPath!).ToList(), batch[files[0]].Csv!.Header), cancellationToken);
                LoadBudget.Map(connection);
                await Sql.ExecAsync(connection, RawInsert.CsvRejects(mapping, groupIds, files.Select(i => RelativeName(batch[i].File)).ToList()), cancellationToken);
                foreach (var (index, lines) in await Sql.LongPairsAsync(connection, RawInsert.CsvUnparsedLines, cancellationToken))
                    unparsable[files[(int)index]] = lines;
            }

            await Sql.ExecAsync(connection, "COMMIT", cancellationToken);
            return (ids, unparsable.ToList());
        }
        catch
        {
            await RollbackQuietlyAsync();
            throw;
        }
    }

    // Transaction 1 for JSON (see LandCsvAsync): the records are inserted while staging reads them, so which files load
    // is known only at the end; a file that cannot load has its `loads` row and any raw rows DuckDB already took deleted
    // again before COMMIT.
    private async Task<(List<StagedFile> Batch, List<long> Ids, List<long> Unparsable, IReadOnlyList<(LandedFile File, FileLoad Outcome)> NotStaged)> LandJsonAsync(
        FeedMapping mapping, IReadOnlyList<LandedFile> files, StagingArea staging, CancellationToken cancellationToken)
    {
        await Sql.ExecAsync(connection, "BEGIN TRANSACTION", cancellationToken);
        try
        {
            var ids = await StageLoadsAsync(files, staging, cancellationToken);
            var staged = await InsertStreamedAsync(mapping, files, ids, cancellationToken);
            // Checkpoint: staging is done and the raw rows are inserted, uncommitted; dying here keeps nothing of the batch.
            LoadCheckpoints.Reached(LoadCheckpoints.AfterStaging);
            if (staged.NotStaged.Count > 0)
            {
                var dropped = SqlTemplates.InLoads("load_id", staged.NotStaged.Select(n => ids[IndexOf(files, n.File)]).ToList());
                await Sql.ExecAsync(connection, $"DELETE FROM {mapping.RawTable} WHERE {dropped};\nDELETE FROM loads WHERE {dropped};", cancellationToken);
            }

            var batch = staged.Files.ToList();
            var batchIds = batch.Select(b => ids[b.FileIndex]).ToList();
            foreach (var rejects in SetAsideRejects(mapping, batch, batchIds))
                await Sql.ExecAsync(connection, rejects, cancellationToken);
            await Sql.ExecAsync(connection, "COMMIT", cancellationToken);
            return (batch, batchIds, batch.Select(b => (long)b.SetAside.Count).ToList(), staged.NotStaged);
        }
        catch
        {
            await RollbackQuietlyAsync();
            throw;
        }
    }

    // One INSERT reads the Arrow stream the staging workers fill. It runs on a thread of its own: it blocks that thread
    // for the whole read, and staging needs the thread pool's few threads (two on a two-core machine).
    private async Task<StagedBatch> InsertStreamedAsync(FeedMapping mapping, IReadOnlyList<LandedFile> files, List<long> ids, CancellationToken cancellationToken)
    {
        using var stream = new ArrowRecordStream(RawInsert.FileIndexColumn, RawInsert.OrdinalColumn, RawColumns.Of(mapping.RawTable));
        await Sql.ExecAsync(connection, $"DROP VIEW IF EXISTS {RawInsert.StreamView}", cancellationToken);
        ArrowScan.Register((DuckDB.NET.Data.DuckDBConnection)connection, RawInsert.StreamView, stream);
        LoadBudget.Read(connection);
        var staging = Task.Run(() => BatchStager.StreamJsonAsync(mapping, files, stream, cancellationToken), CancellationToken.None);
        var insert = RawInsert.Json(mapping, files.Select((_, i) => ((long)i, ids[i])).ToList());
        try
        {
            await Task.Factory.StartNew(() => Sql.ExecAsync(connection, insert, cancellationToken).GetAwaiter().GetResult(),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch
        {
            // Staging's own failure, if it had one, says more than DuckDB's report of the stream ending.
            stream.Abandon();
            try
            {
                await staging;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InvalidOperationException($"{mapping.Source}/{mapping.Feed}: staging failed: {ex.Message}", ex);
            }
            catch (OperationCanceledException)
            {
                // Stopped because the INSERT failed: the INSERT's error is the one to report.
            }

            throw;
        }

        await Sql.ExecAsync(connection, $"DROP VIEW {RawInsert.StreamView}", cancellationToken);
        LoadBudget.Map(connection);
        return await staging;
    }

    private static int IndexOf(IReadOnlyList<LandedFile> files, LandedFile file)
    {
        for (var i = 0; i < files.Count; i++)
        {
            if (ReferenceEquals(files[i], file))
                return i;
        }

        throw new ArgumentException("not a file of the batch", nameof(file));
    }

    // The batch's `loads` rows, 'staged', with new load ids in file order.
    private async Task<List<long>> StageLoadsAsync(IReadOnlyList<LandedFile> files, StagingArea staging, CancellationToken cancellationToken)
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

    // The records staging set aside, as rejects of their file: a few statements of many rows each (see LandRawAsync).
    private static IEnumerable<string> SetAsideRejects(FeedMapping mapping, IReadOnlyList<StagedFile> batch, List<long> ids) =>
        batch.SelectMany((staged, i) => staged.SetAside.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"({ids[i]}, {Lit(mapping.Source)}, {Lit(mapping.Feed)}, {Lit(RelativeName(staged.File))}, {r.Ordinal}, {Lit($"record {r.Ordinal}: {r.Reason}")}, {Lit(r.Raw)})")))
            .Chunk(1000)
            .Select(rows => "INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw) VALUES\n" + string.Join(",\n", rows) + ";");

    // Where a CSV record's physical line is not ordinal + 1 (blank lines, quoted newlines before it): the mapping's
    // rejects name the line of the landed file. Usually empty.
    private static string LineShifts(IReadOnlyList<StagedFile> batch, List<long> ids)
    {
        var rows = batch.SelectMany((staged, i) => (staged.Csv?.Shifts ?? []).Select(s => $"({ids[i]}, {s.Ordinal}, {s.Shift})")).ToList();
        var create = "CREATE OR REPLACE TEMP TABLE an_line_shifts (load_id BIGINT, ordinal BIGINT, shift BIGINT);";
        return rows.Count == 0 ? create : create + $"\nINSERT INTO an_line_shifts VALUES {string.Join(", ", rows)};";
    }

    /// <summary>Records a structurally wrong file as rejected whole: a `loads` row and one reject, none of its rows.</summary>
    public async Task<FileLoad> RejectWholeAsync(LandedFile file, string problem, CancellationToken cancellationToken)
    {
        var message = $"{file.Source}/{file.Feed}: {RelativeName(file)} {problem}; file rejected, nothing loaded";
        await Sql.ExecAsync(connection, "BEGIN TRANSACTION", cancellationToken);
        try
        {
            await Sql.ExecAsync(connection, $"""
                INSERT INTO loads (load_id, source, feed, day, file, sha256, bytes, started_at, finished_at, status)
                VALUES (nextval('load_id_seq'), {Lit(file.Source)}, {Lit(file.Feed)}, DATE '{file.Day:yyyy-MM-dd}', {Lit(RelativeName(file))},
                        {Lit(file.Sha256)}, {file.Bytes}, {Now()}, {Now()}, 'rejected');
                INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
                VALUES (currval('load_id_seq'), {Lit(file.Source)}, {Lit(file.Feed)}, {Lit(RelativeName(file))}, 0, {Lit(message)}, NULL);
                COMMIT;
                """, cancellationToken);
        }
        catch
        {
            await RollbackQuietlyAsync();
            throw;
        }

        return new FileLoad(file.Source, file.Feed, file.Day, RelativeName(file), "rejected", 0, 0, 0, message);
    }

    /// <summary>Landing-relative name, e.g. <c>televoips/cdrs/2026-11-20/cdrs_2026-11-20.csv</c>.</summary>
    public static string RelativeName(LandedFile file) =>
        string.Create(CultureInfo.InvariantCulture, $"{file.Source}/{file.Feed}/{file.Day:yyyy-MM-dd}/{Path.GetFileName(file.Path)}");

    // Raw rows of the batch that are not in calls or sms: rejects, superseded duplicates, internal TeleVoIPs calls.
    private static string NotMapped(FeedMapping mapping, List<long> ids) => $"""
        SELECT (SELECT count(*) FROM {mapping.RawTable} WHERE {SqlTemplates.InLoads("load_id", ids)})
             - (SELECT count(*) FROM calls WHERE {SqlTemplates.InLoads("load_id", ids)})
             - (SELECT count(*) FROM sms WHERE {SqlTemplates.InLoads("load_id", ids)})
        """;

    // rows_read = raw rows + lines DuckDB could not parse; rows_rejected = every reject; loaded = the rest. One
    // statement for the batch; only the files with unparsable lines (usually none) are listed.
    private string Counts(FeedMapping mapping, List<long> ids, List<long> unparsable)
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

    private async Task<IReadOnlyList<FileLoad>> ReportAsync(IReadOnlyList<StagedFile> batch, List<long> ids, CancellationToken cancellationToken)
    {
        var counts = (await Sql.RowsAsync(connection, $"SELECT load_id, rows_read, rows_rejected FROM loads WHERE {SqlTemplates.InLoads("load_id", ids)}",
                r => (Id: r.GetInt64(0), Read: r.GetInt64(1), Rejected: r.GetInt64(2)), cancellationToken))
            .ToDictionary(c => c.Id, c => (c.Read, c.Rejected));

        return batch.Select((staged, i) =>
        {
            var (read, rejected) = counts[ids[i]];
            var file = staged.File;
            return new FileLoad(file.Source, file.Feed, file.Day, RelativeName(file), "loaded", read, read - rejected, rejected, null);
        }).ToList();
    }

    // The mapping's temp tables hold a whole batch; free them before the next batch needs the memory.
    private async Task DropWorkTablesAsync(CancellationToken cancellationToken)
    {
        var drops = await Sql.RowsAsync(connection, "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'an\\_%' ESCAPE '\\'",
            r => $"DROP TABLE IF EXISTS temp.main.{SqlTemplates.Identifier(r.GetString(0))};", cancellationToken);

        if (drops.Count > 0)
            await Sql.ExecAsync(connection, string.Join("\n", drops), cancellationToken);
    }

    private async Task RollbackQuietlyAsync()
    {
        try
        {
            await Sql.ExecAsync(connection, "ROLLBACK", CancellationToken.None);
        }
        catch (DbException)
        {
            // No transaction left to roll back (DuckDB already aborted it): nothing of the batch is kept either way.
        }
    }

    private string Now() => $"TIMESTAMPTZ '{time.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'";

    private static string Lit(string value) => SqlTemplates.Literal(value);
}
