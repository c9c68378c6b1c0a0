using Npgsql;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// Serialises loads across every node: DuckDB takes one writer. Over PostgreSQL it is a session advisory lock,
/// which PostgreSQL releases the moment the holder's connection drops, so a node killed mid-load never blocks
/// the next load; without PostgreSQL there is one node, and a local semaphore.
/// </summary>
internal interface ILoadLock
{
    Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken);
}

internal sealed class LocalLoadLock : ILoadLock, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}

internal sealed class PostgresLoadLock(string connectionString) : ILoadLock
{
    /// <summary>Any constant no other code uses for an advisory lock ("DUCK").</summary>
    private const long Key = 0x4455434B;

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            // Held until unlocked after the load, or until this process dies and PostgreSQL drops its session.
            return new Release(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Release(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its lock with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
