using System.Data.Common;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// A transaction of the load, for <c>await using</c>: disposed without <see cref="CommitAsync"/>, it rolls back, and a
/// rollback DuckDB refuses (it already aborted the transaction) is not an error, since nothing of it is kept either way.
/// </summary>
internal sealed class LoadTransaction : IAsyncDisposable
{
    private readonly DbTransaction _transaction;
    private bool _committed;

    private LoadTransaction(DbTransaction transaction) => _transaction = transaction;

    public static async Task<LoadTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        new(await connection.BeginTransactionAsync(cancellationToken));

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed)
                await _transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // No transaction left to roll back (DuckDB already aborted it): nothing of the batch is kept either way.
        }

        try
        {
            await _transaction.DisposeAsync();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The provider's own rollback on dispose, after one that failed above: same reason.
        }
    }
}
