using System.Data.Common;
using Analytics.Landing;
using Analytics.Warehouse.Arrow;
using Analytics.Warehouse.Loads.Staging;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// The first commit of a JSON batch: staging reads the landed files into Arrow batches that one INSERT reads, through
/// DuckDB's Arrow scan, into the feed's raw table while staging runs.
/// </summary>
internal sealed class JsonRawLanding(DbConnection connection, LoadLedger ledger, Action<LoadCheckpoint>? checkpoint)
{
    // Transaction 1 for JSON (see CsvRawLanding): the records are inserted while staging reads them, so which files load
    // is known only at the end; a file that cannot load has its `loads` row and any raw rows DuckDB already took deleted
    // again before COMMIT.
    public async Task<(List<StagedFile> Batch, List<long> Ids, List<long> Unparsable, IReadOnlyList<(LandedFile File, FileLoad Outcome)> NotStaged)> LandAsync(
        FeedMapping mapping, IReadOnlyList<LandedFile> files, StagingArea staging, CancellationToken cancellationToken)
    {
        await using var transaction = await LoadTransaction.BeginAsync(connection, cancellationToken);
        var ids = await ledger.StageLoadsAsync(files, staging, cancellationToken);
        var staged = await InsertStreamedAsync(mapping, files, ids, cancellationToken);
        // Checkpoint: staging is done and the raw rows are inserted, uncommitted; dying here keeps nothing of the batch.
        checkpoint?.Invoke(LoadCheckpoint.AfterStaging);
        if (staged.NotStaged.Count > 0)
        {
            var dropped = SqlTemplates.InLoads("load_id", staged.NotStaged.Select(n => ids[IndexOf(files, n.File)]).ToList());
            await Sql.ExecAsync(connection, $"DELETE FROM {mapping.RawTable} WHERE {dropped};\nDELETE FROM loads WHERE {dropped};", cancellationToken);
        }

        var batch = staged.Files.ToList();
        var batchIds = batch.Select(b => ids[b.FileIndex]).ToList();
        foreach (var rejects in LoadLedger.SetAsideRejects(mapping, batch, batchIds))
            await Sql.ExecAsync(connection, rejects, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (batch, batchIds, batch.Select(b => (long)b.SetAside.Count).ToList(), staged.NotStaged);
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
}
