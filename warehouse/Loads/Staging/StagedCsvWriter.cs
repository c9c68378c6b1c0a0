using System.Buffers.Text;
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

    public void Integer(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.GetSpan(20), out var written);
        _buffer.Advance(written);
    }

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    /// <summary>A value written as it is: numbers and literals, which hold no comma, quote or newline.</summary>
    public void Raw(ReadOnlySpan<byte> value) => _buffer.Write(value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first file: no slow first tier
    public void Quoted(ReadOnlySpan<byte> value)
    {
        Byte((byte)'"');
        for (var quote = value.IndexOf((byte)'"'); quote >= 0; quote = value.IndexOf((byte)'"'))
        {
            _buffer.Write(value[..(quote + 1)]);
            Byte((byte)'"');
            value = value[(quote + 1)..];
        }

        _buffer.Write(value);
        Byte((byte)'"');
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
