using System.Data;
using System.Data.Common;

namespace Analytics.Warehouse.DuckDb;

/// <summary>
/// A DuckDB transaction (BEGIN … COMMIT/ROLLBACK). Disposing without <see cref="Commit"/> rolls back, so
/// a crash or exception between the two leaves the database as it was before BEGIN.
/// </summary>
public sealed class DuckDbTransaction : DbTransaction
{
    private DuckDbConnection? _connection;

    internal DuckDbTransaction(DuckDbConnection connection, IsolationLevel isolationLevel)
    {
        IsolationLevel = isolationLevel == IsolationLevel.Unspecified ? IsolationLevel.Snapshot : isolationLevel;
        connection.ExecuteInternal("BEGIN TRANSACTION");
        _connection = connection;
    }

    public override IsolationLevel IsolationLevel { get; }

    protected override DbConnection? DbConnection => _connection;

    public override void Commit() => End("COMMIT");

    public override void Rollback() => End("ROLLBACK");

    protected override void Dispose(bool disposing)
    {
        if (disposing && _connection is not null)
        {
            try
            {
                End("ROLLBACK");
            }
            catch (DuckDbException)
            {
                // DuckDB already rolled back (e.g. after a failed statement or an interrupted query):
                // either way nothing of this transaction is committed.
            }
        }

        base.Dispose(disposing);
    }

    private void End(string sql)
    {
        var connection = _connection ?? throw new InvalidOperationException("the transaction has already been committed or rolled back");
        _connection = null;
        connection.Transaction = null;
        connection.ExecuteInternal(sql);
    }
}
