using System.Collections;
using System.Data;
using System.Data.Common;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// Streams a result chunk by chunk (duckdb_fetch_chunk): at most one data chunk (2048 rows) is held at a
/// time, so memory stays flat however large the result. Typed getters read vector memory in place.
/// GetValue maps HUGEINT (what DuckDB's sum() of integers returns) to <see cref="System.Numerics.BigInteger"/>,
/// which is not IConvertible: cast in SQL (<c>sum(x)::BIGINT</c>) for Dapper's <c>ExecuteScalar&lt;long&gt;</c> and
/// positional records (Dapper matches constructor parameter types exactly), or use <see cref="GetInt64"/>;
/// Dapper maps it to settable <c>long</c> properties through BigInteger's explicit conversion.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1010", Justification = "DbDataReader's enumeration contract is the non-generic IEnumerable of IDataRecord.")]
public sealed partial class DuckDbDataReader : DbDataReader
{
    private readonly DuckDbConnection _connection;
    private readonly PreparedStatementHandle _statement;
    private readonly ResultHandle _result;
    private readonly CommandBehavior _behavior;
    private readonly string[] _names;
    private readonly ColumnType[] _types;
    private readonly VectorView[] _vectors;
    private DataChunkHandle? _chunk;
    private int _chunkSize;
    private int _row = -1;
    private bool _started;
    private bool _closed;

    internal unsafe DuckDbDataReader(DuckDbConnection connection, PreparedStatementHandle statement, ResultHandle result, CommandBehavior behavior)
    {
        _connection = connection;
        _statement = statement;
        _result = result;
        _behavior = behavior;

        var returnType = NativeMethods.ResultReturnType(*result.Pointer);
        if (returnType != DuckDbResultType.QueryResult)
        {
            // DML streams a single "Count" row; report it as RecordsAffected and expose no columns.
            RecordsAffected = returnType == DuckDbResultType.ChangedRows ? ReadChangedRows() : -1;
            _names = [];
            _types = [];
            _vectors = [];
            _started = true;
            return;
        }

        RecordsAffected = -1;
        var count = (int)NativeMethods.ColumnCount(result.Pointer);
        _names = new string[count];
        _types = new ColumnType[count];
        _vectors = new VectorView[count];
        for (var i = 0; i < count; i++)
        {
            _names[i] = NativeMethods.Utf8(NativeMethods.ColumnName(result.Pointer, (ulong)i)) ?? string.Empty;
            var logical = NativeMethods.ColumnLogicalType(result.Pointer, (ulong)i);
            try
            {
                _types[i] = ColumnType.From(logical);
            }
            finally
            {
                NativeMethods.DestroyLogicalType(ref logical);
            }
        }

        // Fetch the first chunk now so HasRows is known and execution errors surface from ExecuteReader.
        _started = FetchChunk();
    }

    public override int FieldCount => _names.Length;

    public override int RecordsAffected { get; }

    public override bool HasRows => _chunkSize > 0;

    public override bool IsClosed => _closed;

    public override int Depth => 0;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read()
    {
        if (_closed)
            throw new InvalidOperationException("the reader is closed");
        if (_chunk is null)
            return false;
        if (_started)
        {
            // The first chunk was fetched by the constructor; its first row is the first Read.
            _started = false;
            _row = 0;
            return _chunkSize > 0;
        }

        if (++_row < _chunkSize)
            return true;
        if (!FetchChunk())
        {
            _row = -1;
            return false;
        }

        _row = 0;
        return true;
    }

    public override Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_chunk is not null && !_started && _row + 1 < _chunkSize)
        {
            _row++;
            return Task.FromResult(true);
        }

        // Fetching the next chunk may run the query further: make it interruptible.
        using var registration = cancellationToken.Register(static c => ((DuckDbConnection)c!).Interrupt(), _connection);
        try
        {
            return Task.FromResult(Read());
        }
        catch (DuckDbException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"the query was cancelled: {ex.Message}", ex, cancellationToken);
        }
    }

    public override bool NextResult() => false;

    public override void Close()
    {
        if (_closed)
            return;
        _closed = true;
        _chunk?.Dispose();
        _chunk = null;
        _result.Dispose();
        _statement.Dispose();
        if (ReferenceEquals(_connection.ActiveReader, this))
            _connection.ActiveReader = null;
        if (_behavior.HasFlag(CommandBehavior.CloseConnection))
            _connection.Close();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Close();
        base.Dispose(disposing);
    }

    public override string GetName(int ordinal) => _names[ordinal];

    public override int GetOrdinal(string name)
    {
        var index = Array.IndexOf(_names, name);
        if (index < 0)
            index = Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new ArgumentException($"the result has no column named '{name}'");
    }

    public override string GetDataTypeName(int ordinal) => _types[ordinal].SqlName;

    public override Type GetFieldType(int ordinal) => _types[ordinal].ClrType;

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    private bool FetchChunk()
    {
        _chunk?.Dispose();
        _chunk = null;
        _chunkSize = 0;
        while (true)
        {
            var raw = FetchRaw();
            if (raw == 0)
                return false;
            var chunk = new DataChunkHandle(raw);
            var size = (int)NativeMethods.DataChunkGetSize(raw);
            if (size == 0)
            {
                chunk.Dispose();
                continue;
            }

            _chunk = chunk;
            _chunkSize = size;
            for (var i = 0; i < _vectors.Length; i++)
                _vectors[i] = new VectorView(NativeMethods.DataChunkGetVector(raw, (ulong)i), _types[i]);
            return true;
        }
    }

    private unsafe nint FetchRaw()
    {
        var raw = NativeMethods.FetchChunk(*_result.Pointer);
        if (raw == 0 && NativeMethods.ResultError(_result.Pointer) is var error && error != 0)
        {
            // A streaming query that fails mid-way reports it here rather than at execution.
            throw new DuckDbException(NativeMethods.Utf8(error)!, (DuckDbErrorType)NativeMethods.ResultErrorType(_result.Pointer));
        }

        return raw;
    }

    private unsafe int ReadChangedRows()
    {
        var raw = FetchRaw();
        if (raw == 0)
            return 0;
        using var chunk = new DataChunkHandle(raw);
        if (NativeMethods.DataChunkGetSize(raw) == 0)
            return 0;
        var changed = *(long*)NativeMethods.VectorGetData(NativeMethods.DataChunkGetVector(raw, 0));
        return (int)Math.Min(changed, int.MaxValue);
    }
}
