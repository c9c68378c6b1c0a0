using System.Data.Common;
using Analytics.Warehouse.Loads.Staging;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// The second commit of a batch: the feed's mapping turns its committed raw rows into calls/sms upserts and rejects,
/// and the ledger's counts and watermark turn its `loads` rows 'loaded'.
/// </summary>
internal sealed class MappingPass(DbConnection connection, LoadLedger ledger, Action<LoadCheckpoint>? checkpoint)
{
    public async Task<IReadOnlyList<FileLoad>> MapAsync(FeedMapping mapping, IReadOnlyList<StagedFile> batch, List<long> ids, List<long> unparsable, CancellationToken cancellationToken)
    {
        // Checkpoint: the raw rows are committed under `loads` rows marked 'staged'. Dying from here until the
        // second COMMIT leaves them for the next load to delete (DeleteStagedAsync) before it loads the files again.
        checkpoint?.Invoke(LoadCheckpoint.AfterRaw);
        // The mapping is the load's peak: the garbage of writing 20,000 `loads` rows and DuckDB's freed read buffers
        // should not be under it (1M Telnyx records: 10-20 MB lower).
        MemoryRelease.CollectManaged();
        MemoryRelease.TrimNative();
        try
        {
            await using var transaction = await LoadTransaction.BeginAsync(connection, cancellationToken);
            await Sql.ExecAsync(connection, LineShifts(batch, ids), cancellationToken);
            foreach (var step in mapping.UnifySteps(ids))
            {
                if (step.Guard is null || await Sql.LongAsync(connection, step.Guard, cancellationToken) > 0)
                    await Sql.ExecAsync(connection, step.Sql, cancellationToken);
            }

            if (await Sql.LongAsync(connection, LoadLedger.NotMapped(mapping, ids), cancellationToken) > 0)
                await Sql.ExecAsync(connection, mapping.RejectsSql(ids), cancellationToken);
            await Sql.ExecAsync(connection, ledger.Counts(mapping, ids, unparsable), cancellationToken);
            var lastDay = batch.Max(b => b.File.Day);
            await Sql.ExecAsync(connection, ledger.Watermark(mapping, lastDay), cancellationToken);
            checkpoint?.Invoke(LoadCheckpoint.BeforeCommit);
            await transaction.CommitAsync(cancellationToken);
            // Checkpoint: once COMMIT returns the batch is durable (DuckDB's WAL); dying now loses nothing and the
            // next run skips these files by (source, sha256).
        }
        catch
        {
            // The transaction is rolled back (disposed) by now; the raw rows of the first commit go too.
            await ledger.DeleteStagedAsync(CancellationToken.None);
            throw;
        }

        checkpoint?.Invoke(LoadCheckpoint.AfterCommit);
        await DropWorkTablesAsync(cancellationToken);
        return await ledger.ReportAsync(batch, ids, cancellationToken);
    }

    // Where a CSV record's physical line is not ordinal + 1 (blank lines, quoted newlines before it): the mapping's
    // rejects name the line of the landed file. Usually empty.
    private static string LineShifts(IReadOnlyList<StagedFile> batch, List<long> ids)
    {
        var rows = batch.SelectMany((staged, i) => (staged.Csv?.Shifts ?? []).Select(s => $"({ids[i]}, {s.Ordinal}, {s.Shift})")).ToList();
        var create = "CREATE OR REPLACE TEMP TABLE an_line_shifts (load_id BIGINT, ordinal BIGINT, shift BIGINT);";
        return rows.Count == 0 ? create : create + $"\nINSERT INTO an_line_shifts VALUES {string.Join(", ", rows)};";
    }

    // The mapping's temp tables hold a whole batch; free them before the next batch needs the memory.
    private async Task DropWorkTablesAsync(CancellationToken cancellationToken)
    {
        var drops = await Sql.RowsAsync(connection, "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'an\\_%' ESCAPE '\\'",
            r => $"DROP TABLE IF EXISTS temp.main.{SqlTemplates.Identifier(r.GetString(0))};", cancellationToken);

        if (drops.Count > 0)
            await Sql.ExecAsync(connection, string.Join("\n", drops), cancellationToken);
    }
}
