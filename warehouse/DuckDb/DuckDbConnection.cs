using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Analytics.Warehouse.DuckDb.Native;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// A connection to a DuckDB database file (or <c>:memory:</c>). Usable from any thread, one operation at
/// a time. Connections to the same file share one native database instance.
/// </summary>
public sealed class DuckDbConnection : DbConnection
{
    private string _connectionString = string.Empty;
    private SharedDatabase? _database;
    private ConnectionHandle? _handle;

    public DuckDbConnection()
    {
    }

    public DuckDbConnection(string connectionString) => _connectionString = connectionString;

    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (_handle is not null)
                throw new InvalidOperationException("the connection string cannot change while the connection is open");
            _connectionString = value ?? string.Empty;
        }
    }

    public override string Database => string.Empty;

    public override string DataSource => _database?.Path ?? TryParse()?.DataSource ?? string.Empty;

    public override string ServerVersion => "1.5";

    public override ConnectionState State => _handle is null ? ConnectionState.Closed : ConnectionState.Open;

    /// <summary>True when the connection was opened with <c>Access Mode=ReadOnly</c>.</summary>
    public bool IsReadOnly { get; private set; }

    /// <summary>The open transaction, if any; commands join it implicitly, as DuckDB has one per connection.</summary>
    internal DuckDbTransaction? Transaction { get; set; }

    /// <summary>The reader currently streaming on this connection; a new command closes it first.</summary>
    internal DuckDbDataReader? ActiveReader { get; set; }

    internal ConnectionHandle Handle => _handle ?? throw new InvalidOperationException("the connection is not open");

    public override void Open()
    {
        if (_handle is not null)
            throw new InvalidOperationException("the connection is already open");
        var settings = DuckDbConnectionString.Parse(_connectionString);
        var database = DatabaseCache.Acquire(settings.DataSource, settings.ReadOnly);
        try
        {
            if (NativeMethods.Connect(database.Handle.Raw, out var connection) != 0)
                throw new DuckDbException($"could not connect to {settings.DataSource}", DuckDbErrorType.Connection);
            _handle = new ConnectionHandle(connection);
            _database = database;
            IsReadOnly = settings.ReadOnly;
        }
        catch
        {
            DatabaseCache.Release(database);
            throw;
        }
    }

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Open();
        return Task.CompletedTask;
    }

    public override void Close()
    {
        if (_handle is null)
            return;
        ActiveReader?.Close();

        // A reader opened with CommandBehavior.CloseConnection has just closed this connection itself.
        if (_handle is null)
            return;
        if (Transaction is { } transaction)
            transaction.Dispose();
        _handle.Dispose();
        _handle = null;
        var database = _database!;
        _database = null;
        DatabaseCache.Release(database);
    }

    public override void ChangeDatabase(string databaseName) =>
        throw new NotSupportedException("DuckDB connections cannot change database; ATTACH and USE it instead");

    /// <summary>Interrupts whatever is running on this connection (duckdb_interrupt); safe from any thread.</summary>
    public void Interrupt()
    {
        var handle = _handle;
        if (handle is null)
            return;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            NativeMethods.Interrupt(handle.Raw);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: nothing left to interrupt.
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    /// <summary>Starts a bulk appender for <paramref name="table"/> (in <paramref name="schema"/>, default main).</summary>
    public DuckDbAppender CreateAppender(string table, string? schema = null) => new(this, schema, table);

    public new DuckDbCommand CreateCommand() => new() { Connection = this };

    public new DuckDbTransaction BeginTransaction() => (DuckDbTransaction)BeginDbTransaction(IsolationLevel.Unspecified);

    protected override DbCommand CreateDbCommand() => CreateCommand();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (isolationLevel is not (IsolationLevel.Unspecified or IsolationLevel.Snapshot or IsolationLevel.Serializable))
            throw new NotSupportedException($"DuckDB transactions are snapshot isolated; {isolationLevel} is not available");
        if (Transaction is not null)
            throw new InvalidOperationException("a transaction is already open on this connection; DuckDB has no nested transactions");
        var transaction = new DuckDbTransaction(this, isolationLevel);
        Transaction = transaction;
        return transaction;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Close();
        base.Dispose(disposing);
    }

    /// <summary>Runs a statement without parameters or results (used by transactions and bootstrapping).</summary>
    internal void ExecuteInternal(string sql)
    {
        using var command = CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Registers <paramref name="stream"/> as the temporary view <paramref name="viewName"/> of this connection. DuckDB
    /// reads it once, in the first statement that scans the view; the stream must outlive that statement, and the view
    /// is the caller's to drop.
    /// </summary>
    internal unsafe void ScanArrow(string viewName, Arrow.ArrowRecordStream stream)
    {
        if (NativeMethods.ArrowScan(Handle.Raw, viewName, (nint)stream.Native) != 0)
            throw new DuckDbException($"DuckDB did not take the Arrow stream for view {viewName}", DuckDbErrorType.Catalog);
    }

    private DuckDbConnectionString? TryParse()
    {
        try
        {
            return string.IsNullOrEmpty(_connectionString) ? null : DuckDbConnectionString.Parse(_connectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
