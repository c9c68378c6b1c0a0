using Npgsql;

namespace Analytics.Jobs.Scheduling;

/// <summary>Whether the job store answers, and where it is, for <c>/healthz</c>, start-up and outage lines.</summary>
internal sealed class StorageProbe(string? postgreSql)
{
    /// <summary>What the store is, without its credentials: "PostgreSQL 127.0.0.1:5432/analytics" or "in-memory".</summary>
    public string Description => postgreSql is null ? "in-memory (Hangfire.InMemory; jobs are lost when serve stops)" : $"PostgreSQL {Address}/{Database}";

    /// <summary>host:port of the store.</summary>
    public string Address
    {
        get
        {
            if (postgreSql is null)
                return "in-memory";
            var builder = new NpgsqlConnectionStringBuilder(postgreSql);
            return $"{builder.Host}:{builder.Port}";
        }
    }

    private string? Database => postgreSql is null ? null : new NpgsqlConnectionStringBuilder(postgreSql).Database;

    /// <summary>Null when the store answers; otherwise one line saying why not.</summary>
    public async Task<string?> FailureAsync(CancellationToken cancellationToken)
    {
        if (postgreSql is null)
            return null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var builder = new NpgsqlConnectionStringBuilder(postgreSql) { Pooling = false, Timeout = 5 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return $"job store unreachable ({Address}): {(ex.InnerException ?? ex).Message.ReplaceLineEndings(" ")}";
        }
    }
}
