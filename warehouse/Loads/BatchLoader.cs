using System.Data.Common;
using System.Globalization;
using Analytics.Warehouse.Landing;
using Analytics.Warehouse.Loads.Staging;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// Loads a batch of staged landing files of one source/feed in two commits: first their raw rows under <c>loads</c>
/// rows marked 'staged', then the calls/sms upserts, rejects, counts and the <c>ingest_state</c> watermark, which
/// turn them 'loaded'. A batch that dies in between is undone by <see cref="DeleteStagedAsync"/>, so either way the
/// tables end as after an uninterrupted load. Rows are bulk-copied by DuckDB's <c>read_csv</c> and mapped by
/// set-based SQL.
/// </summary>
internal sealed class BatchLoader(DbConnection connection, TimeProvider time)
{
    public async Task<IReadOnlyList<FileLoad>> LoadAsync(FeedMapping mapping, IReadOnlyList<StagedFile> batch, CancellationToken cancellationToken)
    {
        var (ids, unparsable) = await LandRawAsync(mapping, batch, cancellationToken);
        // Checkpoint: the raw rows are committed under `loads` rows marked 'staged'. Dying from here until the
        // second COMMIT leaves them for the next load to delete (DeleteStagedAsync) before it loads the files again.
        LoadCheckpoints.Reached(LoadCheckpoints.AfterRaw);
        try
        {
            await Sql.ExecAsync(connection, "BEGIN TRANSACTION", cancellationToken);
            await Sql.ExecAsync(connection, LineShifts(batch, ids), cancellationToken);
            await Sql.ExecAsync(connection, mapping.UnifySql(ids), cancellationToken);
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
        var raws = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary AND table_name LIKE 'raw\\_%' ESCAPE '\\'";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                raws.Add(reader.GetString(0));
        }

        const string staged = "(SELECT load_id FROM loads WHERE status = 'staged')";
        await Sql.ExecAsync(connection, "BEGIN TRANSACTION;\n" +
            string.Concat(raws.Select(t => $"DELETE FROM {SqlTemplates.Identifier(t)} WHERE load_id IN {staged};\n")) +
            $"DELETE FROM rejects WHERE load_id IN {staged};\nDELETE FROM loads WHERE status = 'staged';\nCOMMIT;", cancellationToken);
    }

    // Transaction 1: the `loads` rows ('staged'), the raw rows, and the rejects of records staging or DuckDB could not
    // read. Committed on its own: a mapping that reads rows appended by its own transaction runs twice as slowly.
    private async Task<(List<long> Ids, List<long> Unparsable)> LandRawAsync(FeedMapping mapping, IReadOnlyList<StagedFile> batch, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        var unparsable = new List<long>();
        await Sql.ExecAsync(connection, "BEGIN TRANSACTION", cancellationToken);
        try
        {
            foreach (var staged in batch)
            {
                var file = staged.File;
                var id = await Sql.LongAsync(connection, "SELECT nextval('load_id_seq')", cancellationToken);
                ids.Add(id);
                await Sql.ExecAsync(connection, $"""
                    INSERT INTO loads (load_id, source, feed, day, file, sha256, bytes, started_at, status)
                    VALUES ({id}, {Lit(file.Source)}, {Lit(file.Feed)}, DATE '{file.Day:yyyy-MM-dd}', {Lit(RelativeName(file))},
                            {Lit(file.Sha256)}, {file.Bytes}, {Now()}, 'staged');
                    """, cancellationToken);
                if (mapping.Shape == PayloadShape.Csv)
                {
                    // A failed read fails the load (bad lines are rejects, not errors), so the pool is only restored after success.
                    await Sql.ExecAsync(connection, $"SET memory_limit = '{LandingLoader.CsvReadMemoryLimit}'", cancellationToken);
                    await Sql.ExecAsync(connection, RawInsert.Csv(mapping, id, staged.StagedPath, staged.Csv!.Header), cancellationToken);
                    await Sql.ExecAsync(connection, $"SET memory_limit = '{LandingLoader.MemoryLimit}'", cancellationToken);
                    await Sql.ExecAsync(connection, RawInsert.CsvRejects(mapping, id, RelativeName(file)), cancellationToken);
                    unparsable.Add(await Sql.LongAsync(connection, $"SELECT count(DISTINCT line) FROM {RawInsert.CsvRejectsTable}", cancellationToken));
                }
                else
                {
                    unparsable.Add(staged.SetAside.Count);
                }
            }

            if (mapping.Shape != PayloadShape.Csv)
            {
                var idByIndex = new long[batch.Max(b => b.FileIndex) + 1];
                for (var i = 0; i < batch.Count; i++)
                    idByIndex[batch[i].FileIndex] = ids[i];
                await Sql.ExecAsync(connection, RawInsert.Json(mapping, idByIndex, batch.Select(b => b.StagedPath).Distinct().ToList()), cancellationToken);
                if (batch.Any(b => b.SetAside.Count > 0))
                    await Sql.ExecAsync(connection, SetAsideRejects(mapping, batch, ids), cancellationToken);
            }

            await Sql.ExecAsync(connection, "COMMIT", cancellationToken);
        }
        catch
        {
            await RollbackQuietlyAsync();
            throw;
        }

        return (ids, unparsable);
    }

    // The records staging set aside, as rejects of their file.
    private static string SetAsideRejects(FeedMapping mapping, IReadOnlyList<StagedFile> batch, List<long> ids) =>
        string.Concat(batch.SelectMany((staged, i) => staged.SetAside.Select(r => $"""
            INSERT INTO rejects (load_id, source, feed, file, ordinal, reason, raw)
            VALUES ({ids[i]}, {Lit(mapping.Source)}, {Lit(mapping.Feed)}, {Lit(RelativeName(staged.File))}, {r.Ordinal},
                    {Lit($"record {r.Ordinal}: {r.Reason}")}, {Lit(r.Raw)});

            """)));

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
        SELECT (SELECT count(*) FROM {mapping.RawTable} WHERE load_id IN ({SqlTemplates.Ids(ids)}))
             - (SELECT count(*) FROM calls WHERE load_id IN ({SqlTemplates.Ids(ids)}))
             - (SELECT count(*) FROM sms WHERE load_id IN ({SqlTemplates.Ids(ids)}))
        """;

    // rows_read = raw rows + lines DuckDB could not parse; rows_rejected = every reject; loaded = the rest.
    private string Counts(FeedMapping mapping, List<long> ids, List<long> unparsable) => string.Concat(ids.Select((id, i) => $"""
        UPDATE loads SET
            rows_read = (SELECT count(*) FROM {mapping.RawTable} WHERE load_id = {id}) + {unparsable[i]},
            rows_rejected = (SELECT count(*) FROM rejects WHERE load_id = {id}),
            finished_at = {Now()},
            status = 'loaded'
        WHERE load_id = {id};
        UPDATE loads SET rows_loaded = rows_read - rows_rejected WHERE load_id = {id};

        """));

    private async Task<IReadOnlyList<FileLoad>> ReportAsync(IReadOnlyList<StagedFile> batch, List<long> ids, CancellationToken cancellationToken)
    {
        var result = new List<FileLoad>();
        for (var i = 0; i < batch.Count; i++)
        {
            var file = batch[i].File;
            var read = await Sql.LongAsync(connection, $"SELECT rows_read FROM loads WHERE load_id = {ids[i]}", cancellationToken);
            var rejected = await Sql.LongAsync(connection, $"SELECT rows_rejected FROM loads WHERE load_id = {ids[i]}", cancellationToken);
            result.Add(new FileLoad(file.Source, file.Feed, file.Day, RelativeName(file), "loaded", read, read - rejected, rejected, null));
        }

        return result;
    }

    // The mapping's temp tables hold a whole batch; free them before the next batch needs the memory.
    private async Task DropWorkTablesAsync(CancellationToken cancellationToken)
    {
        var drops = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'an\\_%' ESCAPE '\\'";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                drops.Add($"DROP TABLE IF EXISTS temp.main.{SqlTemplates.Identifier(reader.GetString(0))};");
        }

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
