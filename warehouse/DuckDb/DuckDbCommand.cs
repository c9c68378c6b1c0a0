using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// A SQL command: one or more statements, run in order, with the results of the last one returned.
/// Parameters bind as <c>$name</c> (named) or <c>?</c>/<c>$1</c> (positional). Cancelling an async call
/// interrupts the running query (duckdb_interrupt).
/// </summary>
public sealed class DuckDbCommand : DbCommand
{
    private readonly DuckDbParameterCollection _parameters = [];
    private string _commandText = string.Empty;
    private DuckDbConnection? _connection;

    public DuckDbCommand()
    {
    }

    public DuckDbCommand(string commandText, DuckDbConnection? connection = null)
    {
        _commandText = commandText;
        _connection = connection;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set => _commandText = value ?? string.Empty;
    }

    public override int CommandTimeout { get; set; }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
                throw new NotSupportedException("DuckDB commands are SQL text");
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    public new DuckDbConnection? Connection
    {
        get => _connection;
        set => _connection = value;
    }

    public new DuckDbParameterCollection Parameters => _parameters;

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => _connection = (DuckDbConnection?)value;
    }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    /// <summary>DuckDB has one transaction per connection; commands always run in it.</summary>
    protected override DbTransaction? DbTransaction
    {
        get => _connection?.Transaction;
        set
        {
        }
    }

    public override void Cancel() => _connection?.Interrupt();

    public override void Prepare()
    {
        // Statements are prepared at execution; DuckDB caches nothing across executions worth keeping here.
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Shadows the instance member DbCommand.CreateParameter.")]
    public new DuckDbParameter CreateParameter() => new();

    protected override DbParameter CreateDbParameter() => CreateParameter();

    public override int ExecuteNonQuery()
    {
        var connection = OpenConnection();
        using var batch = new StatementBatch(connection.Handle, _commandText);
        long changed = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            using var prepared = batch.Prepare(i);
            ParameterBinder.Bind(prepared, _parameters.Items);
            using var result = StatementBatch.Execute(prepared, streaming: false);
            unsafe
            {
                if (NativeMethods.ResultReturnType(*result.Pointer) == DuckDbResultType.ChangedRows)
                    changed += (long)NativeMethods.RowsChanged(result.Pointer);
            }
        }

        return (int)Math.Min(changed, int.MaxValue);
    }

    public override object? ExecuteScalar()
    {
        using var reader = ExecuteDbDataReader(CommandBehavior.SingleRow);
        return reader.FieldCount > 0 && reader.Read() ? reader.GetValue(0) : null;
    }

    public new DuckDbDataReader ExecuteReader() => (DuckDbDataReader)ExecuteDbDataReader(CommandBehavior.Default);

    public new DuckDbDataReader ExecuteReader(CommandBehavior behavior) => (DuckDbDataReader)ExecuteDbDataReader(behavior);

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        Interruptible(ExecuteNonQuery, cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        Interruptible(ExecuteScalar, cancellationToken);

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        Interruptible(() => ExecuteDbDataReader(behavior), cancellationToken);

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var connection = OpenConnection();
        using var batch = new StatementBatch(connection.Handle, _commandText);
        for (var i = 0; i < batch.Count - 1; i++)
        {
            using var prepared = batch.Prepare(i);
            ParameterBinder.Bind(prepared, _parameters.Items);
            StatementBatch.Execute(prepared, streaming: false).Dispose();
        }

        var last = batch.Prepare(batch.Count - 1);
        try
        {
            ParameterBinder.Bind(last, _parameters.Items);
            var result = StatementBatch.Execute(last, streaming: true);
            var reader = new DuckDbDataReader(connection, last, result, behavior);
            connection.ActiveReader = reader;
            return reader;
        }
        catch
        {
            last.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the token wired to duckdb_interrupt; an interrupted query
    /// surfaces as <see cref="OperationCanceledException"/> rather than DuckDB's "Interrupted!" error.
    /// </summary>
    internal async Task<T> Interruptible<T>(Func<T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = _connection;
        await using var registration = cancellationToken.Register(static c => ((DuckDbConnection?)c)?.Interrupt(), connection);
        try
        {
            return work();
        }
        catch (DuckDbException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"the query was cancelled: {ex.Message}", ex, cancellationToken);
        }
    }

    private DuckDbConnection OpenConnection()
    {
        var connection = _connection ?? throw new InvalidOperationException("the command has no connection");
        if (connection.State != ConnectionState.Open)
            throw new InvalidOperationException("the connection is not open");
        connection.ActiveReader?.Close();
        return connection;
    }
}
