using System.Globalization;
using Analytics.Warehouse;
using System.Data.Common;
using Dapper;

namespace Analytics.Pipeline.History;

/// <summary>
/// Run history in the warehouse's <c>job_runs</c> table, for the single in-memory scheduler (no
/// <c>Jobs:PostgreSql</c>). DuckDB takes one writer process per file, so the write connection is opened
/// for each record only and closed at once; a file locked by another process (a load, an analyst's
/// session) is retried with backoff for a few seconds, then the record is given up with an error the
/// caller logs. Clustered nodes record in PostgreSQL instead: with several nodes loading, a short
/// bounded wait would too often end in lost history.
/// </summary>
internal sealed class DuckDbRunHistory(string path, TimeProvider time, int attempts = 8) : IRunHistory
{
    private const string Columns =
        "run_id, job, source, CAST(day AS VARCHAR) AS day, epoch(started_at) AS started, epoch(finished_at) AS finished, outcome, rows, error, node";

    public Task<long> StartAsync(RunStart run, CancellationToken cancellationToken) =>
        WithConnectionAsync(readOnly: false, c => c.ExecuteScalar<long>(
            "INSERT INTO job_runs (run_id, job, source, day, started_at, outcome, node) " +
            "VALUES (nextval('job_run_id_seq'), $job, $source, CAST($day AS DATE), to_timestamp(CAST($started AS DOUBLE)), 'running', $node) RETURNING run_id",
            new { job = run.Job, source = run.Source, day = Day(run.Day), started = Seconds(run.StartedAt), node = run.Node }), cancellationToken);

    public Task FinishAsync(long runId, RunEnd end, CancellationToken cancellationToken) =>
        WithConnectionAsync(readOnly: false, c => c.Execute(
            "UPDATE job_runs SET outcome = $outcome, finished_at = to_timestamp(CAST($finished AS DOUBLE)), rows = $rows, error = $error WHERE run_id = $id",
            new { id = runId, outcome = end.Outcome, finished = Seconds(end.FinishedAt), rows = end.Rows, error = end.Error }), cancellationToken);

    public Task<bool> HasSucceededAsync(string job, DateOnly day, CancellationToken cancellationToken) =>
        WithConnectionAsync(readOnly: false, c => c.ExecuteScalar<long>(
            "SELECT count(*) FROM job_runs WHERE job = $job AND day = CAST($day AS DATE) AND outcome = 'succeeded'",
            new { job, day = Day(day) }) > 0, cancellationToken);

    // One connection for all of them: opening the warehouse applies its schema, too slow to do twice per row.
    public Task RecordAsync(IReadOnlyList<(RunStart Start, RunEnd End)> runs, CancellationToken cancellationToken) =>
        WithConnectionAsync(readOnly: false, c =>
        {
            foreach (var (start, end) in runs)
            {
                c.Execute(
                    "INSERT INTO job_runs (run_id, job, source, day, started_at, finished_at, outcome, rows, error, node) " +
                    "VALUES (nextval('job_run_id_seq'), $job, $source, CAST($day AS DATE), to_timestamp(CAST($started AS DOUBLE)), " +
                    "to_timestamp(CAST($finished AS DOUBLE)), $outcome, $rows, $error, $node)",
                    new
                    {
                        job = start.Job, source = start.Source, day = Day(start.Day), started = Seconds(start.StartedAt), finished = Seconds(end.FinishedAt),
                        outcome = end.Outcome, rows = end.Rows, error = end.Error, node = start.Node,
                    });
            }

            return runs.Count;
        }, cancellationToken);

    public async Task<IReadOnlyList<JobRun>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return [];
        return await WithConnectionAsync(readOnly: true, c => c.Query<Row>(
            $"SELECT {Columns} FROM job_runs ORDER BY run_id DESC LIMIT $limit", new { limit })
            .Select(r => r.ToRun()).ToArray(), cancellationToken);
    }

    // Opened per call and closed before returning: never hold the file between records.
    private async Task<T> WithConnectionAsync<T>(bool readOnly, Func<DbConnection, T> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = readOnly ? WarehouseDatabase.OpenReadOnly(path) : WarehouseDatabase.OpenReadWrite(path);
                return action(connection);
            }
            catch (WarehouseLockedException) when (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25 * Math.Pow(2, attempt - 1)), time, cancellationToken);
            }
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    private sealed record Row(long run_id, string job, string? source, string? day, double started, double? finished, string outcome, long? rows, string? error, string? node)
    {
        public JobRun ToRun() => new(
            run_id, job, source, day is null ? null : DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            FromSeconds(started), finished is { } f ? FromSeconds(f) : null, outcome, rows, error, node);

        private static DateTimeOffset FromSeconds(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
    }
}
