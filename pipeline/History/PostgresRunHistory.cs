using Npgsql;

namespace Analytics.Pipeline.History;

/// <summary>
/// Run history in the job store's PostgreSQL (<c>analytics_job_runs</c>, the columns of the warehouse's
/// <c>job_runs</c>). Used whenever <c>Jobs:PostgreSql</c> is set: every node of a cluster writes here
/// concurrently, which DuckDB's single-writer file cannot take while another node is loading.
/// </summary>
internal sealed class PostgresRunHistory(string connectionString) : IRunHistory
{
    // Two nodes starting at once both run CREATE TABLE IF NOT EXISTS; PostgreSQL can then fail the loser
    // on its catalog's unique index, so creation is serialised on an advisory lock.
    private const string Ddl = """
        SELECT pg_advisory_xact_lock(7310452);
        CREATE TABLE IF NOT EXISTS analytics_job_runs (
            run_id      BIGSERIAL PRIMARY KEY,
            job         TEXT NOT NULL,
            source      TEXT,
            day         DATE,
            started_at  TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ,
            outcome     TEXT NOT NULL,
            rows        BIGINT,
            error       TEXT,
            node        TEXT
        );
        CREATE INDEX IF NOT EXISTS analytics_job_runs_job_day ON analytics_job_runs (job, day);
        """;

    private volatile bool _created;

    public async Task<long> StartAsync(RunStart run, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO analytics_job_runs (job, source, day, started_at, outcome, node) VALUES ($1, $2, $3, $4, 'running', $5) RETURNING run_id",
            connection);
        command.Parameters.AddWithValue(run.Job);
        command.Parameters.AddWithValue((object?)run.Source ?? DBNull.Value);
        command.Parameters.AddWithValue(run.Day);
        command.Parameters.AddWithValue(run.StartedAt.UtcDateTime);
        command.Parameters.AddWithValue(run.Node);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task FinishAsync(long runId, RunEnd end, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE analytics_job_runs SET outcome = $2, finished_at = $3, rows = $4, error = $5 WHERE run_id = $1", connection);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(end.Outcome);
        command.Parameters.AddWithValue(end.FinishedAt.UtcDateTime);
        command.Parameters.AddWithValue((object?)end.Rows ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)end.Error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> HasSucceededAsync(string job, DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM analytics_job_runs WHERE job = $1 AND day = $2 AND outcome = 'succeeded')", connection);
        command.Parameters.AddWithValue(job);
        command.Parameters.AddWithValue(day);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<JobRun>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT run_id, job, source, day, started_at, finished_at, outcome, rows, error, node FROM analytics_job_runs ORDER BY run_id DESC LIMIT $1",
            connection);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<JobRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new JobRun(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return runs;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!_created)
                await EnsureTableAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Idempotent and serialised in the database, so racing callers (threads or nodes) are harmless.
    private async Task EnsureTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _created = true;
    }
}
