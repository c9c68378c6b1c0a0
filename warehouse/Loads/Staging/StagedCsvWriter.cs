using System.Runtime.CompilerServices;

namespace Analytics.Warehouse.Loads.Staging;

/// <summary>
/// Writes the header-less CSV that DuckDB's <c>read_csv</c> reads JSON records from: rows are built in memory and
/// written in large blocks; a landed file that turns out bad is cut off again with <see cref="RollbackTo"/>.
/// Strings are always quoted (quotes doubled), so DuckDB reads a quoted empty field as '' and an empty one as NULL.
/// </summary>
internal sealed class StagedCsvWriter(string path) : IAsyncDisposable
{
    private const int FlushBytes = 1 << 20;

    private readonly FileStream _file = new(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1, useAsync: true);
    private readonly StagingBuffer _buffer = new(FlushBytes + (1 << 16));

    public string Path { get; } = path;

    /// <summary>Bytes written so far, flushed or not.</summary>
    public long Position => _file.Position + _buffer.WrittenCount;

    /// <summary>
    /// Room for one row of at most <paramref name="maxBytes"/>, written in place and committed with <see cref="EndRow"/>:
    /// a record's 30 fields cost one bounds check instead of one per field and separator.
    /// </summary>
    public Span<byte> BeginRow(int maxBytes) => _buffer.GetSpan(maxBytes)[..maxBytes];

    public void EndRow(int written) => _buffer.Advance(written);

    /// <summary>The most bytes <see cref="WriteQuoted"/> writes for a value of <paramref name="length"/> bytes.</summary>
    public static int MaxQuoted(int length) => 2 + 2 * length;

    /// <summary>Writes <paramref name="value"/> quoted (quotes doubled) at the start of <paramref name="row"/>; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first file: no slow first tier
    public static int WriteQuoted(Span<byte> row, ReadOnlySpan<byte> value)
    {
        row[0] = (byte)'"';
        var at = 1;
        for (var quote = value.IndexOf((byte)'"'); quote >= 0; quote = value.IndexOf((byte)'"'))
        {
            value[..(quote + 1)].CopyTo(row[at..]);
            at += quote + 1;
            row[at++] = (byte)'"';
            value = value[(quote + 1)..];
        }

        value.CopyTo(row[at..]);
        at += value.Length;
        row[at++] = (byte)'"';
        return at;
    }

    /// <summary>Writes the buffered rows once there are enough of them (only ever called between rows).</summary>
    public async ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount >= FlushBytes)
            await FlushAsync(cancellationToken);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _file.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }

    /// <summary>Drops everything written after <paramref name="position"/> (a <see cref="Position"/> taken earlier).</summary>
    public void RollbackTo(long position)
    {
        if (position >= _file.Position)
        {
            _buffer.Truncate((int)(position - _file.Position));
            return;
        }

        _buffer.ResetWrittenCount();
        _file.SetLength(position);
        _file.Position = position;
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        await _file.DisposeAsync();
        _buffer.Dispose();
    }
}
