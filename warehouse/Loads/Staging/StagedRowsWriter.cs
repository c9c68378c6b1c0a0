using Analytics.Warehouse.Arrow;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// One staging worker's rows on their way to DuckDB: JSON records are built into <see cref="Rows"/> and handed to the
/// batch's <see cref="ArrowRecordStream"/> whenever <see cref="PublishBytes"/> of text is waiting, so a worker holds a few
/// MB whatever the size of the file it reads. A file that turns out bad is taken back with <see cref="DropFile"/>:
/// from the builder if its rows are all still there, otherwise the loader deletes what DuckDB already took (by the
/// file's load id) before its transaction commits.
/// </summary>
internal sealed class StagedRowsWriter(TextBatchBuilder rows, ArrowRecordStream? stream) : IDisposable
{
    /// <summary>
    /// Text bytes per batch handed over: one or two DuckDB vectors of typical records. Every batch waiting, being
    /// built or being read holds this much or more (1M Telnyx records with 4 MB batches: 90 MB more RSS while inserting).
    /// </summary>
    public const long PublishBytes = 1024 * 1024;

    private int _fileStart;

    public TextBatchBuilder Rows => rows;

    public void StartFile() => _fileStart = rows.Rows;

    /// <summary>Hands the rows over once there are enough (only between records).</summary>
    public void PublishIfFull(CancellationToken cancellationToken)
    {
        if (rows.Bytes < PublishBytes || stream is null)
            return;
        Publish(cancellationToken);
    }

    /// <summary>Hands every row still here over (the worker's last file is done).</summary>
    public void Publish(CancellationToken cancellationToken)
    {
        if (stream is null)
            throw new InvalidOperationException("these rows have no stream to go to");
        stream.Add(rows, cancellationToken);
        _fileStart = 0;
    }

    /// <summary>Drops the current file's rows still in the builder.</summary>
    public void DropFile() => rows.Truncate(_fileStart);

    public void Dispose() => rows.Dispose();
}
