using System.Data.Common;
using Analytics.Warehouse.Loads.Staging;
using Analytics.Warehouse.Mapping;

namespace Analytics.Warehouse.Loads;

/// <summary>The first commit of a CSV batch: DuckDB's read_csv of the staged files into the feed's raw table.</summary>
internal sealed class CsvRawLanding(DbConnection connection, LoadLedger ledger)
{
    // Transaction 1: the `loads` rows ('staged'), the raw rows, and the rejects of records staging or DuckDB could not
    // read. Committed on its own: a mapping that reads rows appended by its own transaction runs twice as slowly.
    // A fixed number of statements, however many files: every INSERT of a transaction holds ~300 KB or more of
    // DuckDB's pool until COMMIT (its own row groups), so one per file ran a day of 2,000 Telnyx pages out of memory.
    public async Task<(List<long> Ids, List<long> Unparsable)> LandAsync(FeedMapping mapping, IReadOnlyList<StagedFile> batch, StagingArea staging,
                                                                             CancellationToken cancellationToken)
    {
        await using var transaction = await LoadTransaction.BeginAsync(connection, cancellationToken);
        var ids = await ledger.StageLoadsAsync(batch.Select(b => b.File).ToList(), staging, cancellationToken);
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
            await Sql.ExecAsync(connection, RawInsert.CsvRejects(mapping, groupIds, files.Select(i => LoadLedger.RelativeName(batch[i].File)).ToList()), cancellationToken);
            foreach (var (index, lines) in await Sql.LongPairsAsync(connection, RawInsert.CsvUnparsedLines, cancellationToken))
                unparsable[files[(int)index]] = lines;
        }

        await transaction.CommitAsync(cancellationToken);
        return (ids, unparsable.ToList());
    }
}
