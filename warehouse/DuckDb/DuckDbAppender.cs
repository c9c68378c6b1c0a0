using System.Globalization;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// Bulk load into one table. Values are written straight into a native data chunk (2048 rows) which is
/// handed to DuckDB whole (duckdb_append_data_chunk), so appending costs no native call per value except
/// for strings longer than 12 bytes. Rows become visible on <see cref="Flush"/>/<see cref="Close"/>, and
/// within the connection's transaction if one is open: if the process dies before that, nothing appended
/// since the last flush is in the table.
/// </summary>
public sealed partial class DuckDbAppender : IDisposable
{
    private readonly AppenderHandle _appender;
    private readonly DataChunkHandle _chunk;
    private readonly ColumnType[] _types;
    private readonly AppendTarget[] _targets;
    private readonly int _capacity;
    private readonly string _table;
    private int _row;
    private int _column;
    private bool _closed;
    private bool _faulted;

    internal unsafe DuckDbAppender(DuckDbConnection connection, string? schema, string table)
    {
        _table = schema is null ? table : $"{schema}.{table}";
        connection.ActiveReader?.Close();
        var state = NativeMethods.AppenderCreate(connection.Handle.Raw, schema, table, out var raw);
        _appender = new AppenderHandle(raw);
        if (state != 0)
        {
            var message = NativeMethods.Utf8(NativeMethods.AppenderError(raw)) ?? $"could not create an appender for {_table}";
            _appender.Dispose();
            throw new DuckDbException(message);
        }

        var count = (int)NativeMethods.AppenderColumnCount(raw);
        _types = new ColumnType[count];
        _targets = new AppendTarget[count];
        var logical = new nint[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                logical[i] = NativeMethods.AppenderColumnType(raw, (ulong)i);
                _types[i] = ColumnType.From(logical[i]);
            }

            fixed (nint* types = logical)
                _chunk = new DataChunkHandle(NativeMethods.CreateDataChunk(types, (ulong)count));
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                if (logical[i] != 0)
                    NativeMethods.DestroyLogicalType(ref logical[i]);
            }
        }

        _capacity = (int)NativeMethods.VectorSize();
        BindTargets();
    }

    /// <summary>The number of columns each row must have.</summary>
    public int ColumnCount => _types.Length;

    /// <summary>Ends the current row; every column must have had a value.</summary>
    public DuckDbAppender EndRow()
    {
        EnsureOpen();
        if (_column != _types.Length)
        {
            throw Fault(new DuckDbException(string.Create(CultureInfo.InvariantCulture,
                $"appender for {_table}: the row has {_column} value(s) but the table has {_types.Length} column(s)"), DuckDbErrorType.InvalidInput));
        }

        _column = 0;
        if (++_row == _capacity)
            AppendChunk();
        return this;
    }

    /// <summary>Appends one whole row.</summary>
    public DuckDbAppender AppendRow(params ReadOnlySpan<object?> values)
    {
        foreach (var value in values)
            AppendValue(value);
        return EndRow();
    }

    /// <summary>Hands every complete row to DuckDB; constraint violations surface here.</summary>
    public void Flush()
    {
        EnsureOpen();
        if (_column != 0)
            throw Fault(new DuckDbException($"appender for {_table}: cannot flush in the middle of a row", DuckDbErrorType.InvalidInput));
        if (_row > 0)
            AppendChunk();
        Check(NativeMethods.AppenderFlush(_appender.Raw));
    }

    /// <summary>Flushes and closes; the appender cannot be used afterwards.</summary>
    public void Close()
    {
        if (_closed)
            return;
        try
        {
            Flush();
            Check(NativeMethods.AppenderClose(_appender.Raw));
        }
        finally
        {
            _closed = true;
        }
    }

    /// <summary>Closes (flushing complete rows) unless an append already failed, then frees native memory.</summary>
    public void Dispose()
    {
        try
        {
            if (!_closed && !_faulted)
                Close();
        }
        finally
        {
            _closed = true;
            _chunk.Dispose();
            _appender.Dispose();
        }
    }

    private void AppendChunk()
    {
        NativeMethods.DataChunkSetSize(_chunk.Raw, (ulong)_row);
        var state = NativeMethods.AppendDataChunk(_appender.Raw, _chunk.Raw);
        NativeMethods.DataChunkReset(_chunk.Raw);
        _row = 0;
        BindTargets();
        Check(state);
    }

    /// <summary>Vector buffers are replaced when the chunk is reset, so their addresses are re-read.</summary>
    private void BindTargets()
    {
        for (var i = 0; i < _types.Length; i++)
            _targets[i] = new AppendTarget(NativeMethods.DataChunkGetVector(_chunk.Raw, (ulong)i), _types[i]);
    }

    private void Check(int state)
    {
        if (state == 0)
            return;
        var message = NativeMethods.Utf8(NativeMethods.AppenderError(_appender.Raw)) ?? $"appending to {_table} failed";
        throw Fault(new DuckDbException(message));
    }

    private void EnsureOpen()
    {
        if (_closed)
            throw new DuckDbException($"appender for {_table} is closed", DuckDbErrorType.InvalidInput);
    }

    private DuckDbException Fault(DuckDbException exception)
    {
        _faulted = true;
        return exception;
    }
}
