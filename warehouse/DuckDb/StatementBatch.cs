using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// The statements of one command text (duckdb_extract_statements), prepared and executed one at a time so
/// a multi-statement script runs in order and its last statement can stream.
/// </summary>
internal sealed unsafe class StatementBatch : IDisposable
{
    private readonly ConnectionHandle _connection;
    private readonly ExtractedStatementsHandle _extracted;

    public StatementBatch(ConnectionHandle connection, string sql)
    {
        _connection = connection;
        Count = (int)NativeMethods.ExtractStatements(connection.Raw, sql, out var extracted);
        _extracted = new ExtractedStatementsHandle(extracted);
        if (Count == 0)
        {
            var error = NativeMethods.Utf8(NativeMethods.ExtractStatementsError(extracted));
            _extracted.Dispose();
            throw new DuckDbException(error ?? "the command text contains no SQL statement");
        }
    }

    public int Count { get; }

    public PreparedStatementHandle Prepare(int index)
    {
        var state = NativeMethods.PrepareExtracted(_connection.Raw, _extracted.Raw, (ulong)index, out var raw);
        var prepared = new PreparedStatementHandle(raw);
        if (state == 0)
            return prepared;
        var error = NativeMethods.Utf8(NativeMethods.PrepareError(raw)) ?? "could not prepare the statement";
        prepared.Dispose();
        throw new DuckDbException(error);
    }

    /// <summary>Executes <paramref name="prepared"/>; a failure disposes the result and throws DuckDB's error.</summary>
    public static ResultHandle Execute(PreparedStatementHandle prepared, bool streaming)
    {
        var result = new ResultHandle();
        var state = streaming
            ? NativeMethods.ExecutePreparedStreaming(prepared.Raw, result.Pointer)
            : NativeMethods.ExecutePrepared(prepared.Raw, result.Pointer);
        if (state == 0)
            return result;
        var message = NativeMethods.Utf8(NativeMethods.ResultError(result.Pointer)) ?? "the statement failed";
        var type = (DuckDbErrorType)NativeMethods.ResultErrorType(result.Pointer);
        result.Dispose();
        throw new DuckDbException(message, type);
    }

    public void Dispose() => _extracted.Dispose();
}
