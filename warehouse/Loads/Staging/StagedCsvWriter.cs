using System.Buffers.Text;

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
    private byte[] _buffer = new byte[FlushBytes + (1 << 16)];
    private int _length;

    public string Path { get; } = path;

    /// <summary>Bytes written so far, flushed or not.</summary>
    public long Position => _file.Position + _length;

    public void Integer(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    /// <summary>A value written as it is: numbers and literals, which hold no comma, quote or newline.</summary>
    public void Raw(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void Quoted(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length + 2);
        _buffer[_length++] = (byte)'"';
        while (true)
        {
            var quote = value.IndexOf((byte)'"');
            if (quote < 0)
                break;
            Ensure(value.Length + 3);
            value[..(quote + 1)].CopyTo(_buffer.AsSpan(_length));
            _length += quote + 1;
            _buffer[_length++] = (byte)'"';
            value = value[(quote + 1)..];
        }

        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>Writes the buffered rows once there are enough of them (only ever called between rows).</summary>
    public async ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
    {
        if (_length >= FlushBytes)
            await FlushAsync(cancellationToken);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _file.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }

    /// <summary>Drops everything written after <paramref name="position"/> (a <see cref="Position"/> taken earlier).</summary>
    public void RollbackTo(long position)
    {
        if (position >= _file.Position)
        {
            _length = (int)(position - _file.Position);
            return;
        }

        _length = 0;
        _file.SetLength(position);
        _file.Position = position;
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        await _file.DisposeAsync();
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }
}
