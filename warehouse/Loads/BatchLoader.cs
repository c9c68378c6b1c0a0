using System.Data.Common;
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
internal sealed class BatchLoader(DbConnection connection, TimeProvider time, Action<LoadCheckpoint>? checkpoint)
{
    private readonly LoadLedger _ledger = new(connection, time);

    /// <summary>Loads staged CSV files.</summary>
    /// <param name="staging">Where the batch's staged files are; the batch's `loads` rows are staged there too.</param>
    public async Task<IReadOnlyList<FileLoad>> LoadCsvAsync(FeedMapping mapping, IReadOnlyList<StagedFile> batch, StagingArea staging, CancellationToken cancellationToken)
    {
        var (ids, unparsable) = await new CsvRawLanding(connection, _ledger).LandAsync(mapping, batch, staging, cancellationToken);
        return await Mapping().MapAsync(mapping, batch, ids, unparsable, cancellationToken);
    }

    /// <summary>
    /// Stages and loads JSON files: their records go to DuckDB as Arrow batches while staging reads them. Returns the
    /// files loaded, and those that could not be (for the caller to record).
    /// </summary>
    public async Task<(IReadOnlyList<FileLoad> Loaded, IReadOnlyList<(LandedFile File, FileLoad Outcome)> NotStaged)> LoadJsonAsync(
        FeedMapping mapping, IReadOnlyList<LandedFile> files, StagingArea staging, CancellationToken cancellationToken)
    {
        var (batch, ids, unparsable, notStaged) = await new JsonRawLanding(connection, _ledger, checkpoint).LandAsync(mapping, files, staging, cancellationToken);
        return (batch.Count == 0 ? [] : await Mapping().MapAsync(mapping, batch, ids, unparsable, cancellationToken), notStaged);
    }

    /// <inheritdoc cref="LoadLedger.DeleteStagedAsync"/>
    public Task DeleteStagedAsync(CancellationToken cancellationToken) => _ledger.DeleteStagedAsync(cancellationToken);

    /// <inheritdoc cref="LoadLedger.RejectWholeAsync"/>
    public Task<FileLoad> RejectWholeAsync(LandedFile file, string problem, CancellationToken cancellationToken) =>
        _ledger.RejectWholeAsync(file, problem, cancellationToken);

    private MappingPass Mapping() => new(connection, _ledger, checkpoint);
}
