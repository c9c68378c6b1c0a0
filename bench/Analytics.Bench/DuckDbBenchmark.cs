using System.Globalization;
using Analytics.Warehouse.DuckDb;

namespace Analytics.Bench;

/// <summary>
/// DuckDB provider throughput: (a) appender load, (b) the same rows loaded by DuckDB's read_csv, (c) reading
/// them back through DuckDbDataReader touching every column, with RSS sampled while streaming.
/// Targets: appender within 2× of read_csv; reading ≥ 5M rows/s; RSS flat while streaming.
/// Usage: duckdb [--rows N] (default 10,000,000).
/// </summary>
internal sealed class DuckDbBenchmark : IBenchmark
{
    private const string Columns = "id BIGINT, name VARCHAR, value DOUBLE, ts TIMESTAMP";

    public string Name => "duckdb";

    public string Description => "DuckDB provider: appender vs read_csv load, streaming read (rows/s, peak RSS)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length >= 2 && args[0] == "--rows" ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000L;
        var directory = Path.Combine(Path.GetTempPath(), $"analytics-bench-duckdb-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            using var connection = new DuckDbConnection(DuckDbConnectionString.For(Path.Combine(directory, "bench.duckdb"), readOnly: false));
            await connection.OpenAsync(cancellationToken);
            Execute(connection, $"CREATE TABLE appended ({Columns}); CREATE TABLE from_csv ({Columns});");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows: {rows:N0}   columns: {Columns}"));

            Measure.ResetPeakRss();
            var cpu = CpuSeconds();
            var appender = await Measure.TimeAsync("(a) appender load", rows, () => Task.Run(() => AppendRows(connection, rows), cancellationToken));
            cpu = PrintCpu(cpu);

            var csv = Path.Combine(directory, "rows.csv");
            Execute(connection, $"COPY appended TO '{csv}' (FORMAT csv, HEADER)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    CSV written first (not timed): {new FileInfo(csv).Length / 1024 / 1024:N0} MB"));

            Measure.ResetPeakRss();
            var readCsv = await Measure.TimeAsync("(b) INSERT … SELECT * FROM read_csv", rows, () =>
                Task.Run(() => Execute(connection, $"INSERT INTO from_csv SELECT * FROM read_csv('{csv}', header = true, columns = {{'id': 'BIGINT', 'name': 'VARCHAR', 'value': 'DOUBLE', 'ts': 'TIMESTAMP'}})"), cancellationToken));
            cpu = PrintCpu(cpu);

            Measure.ResetPeakRss();
            var samples = new List<long>();
            long checksum = 0;
            await Measure.TimeAsync("(c) DuckDbDataReader read, every column", rows, () => Task.Run(() => checksum = ReadRows(connection, "SELECT id, name, value, ts FROM appended", rows, samples), cancellationToken));
            cpu = PrintCpu(cpu);

            // The table scan above also fills DuckDB's buffer cache with the table's blocks; a generated
            // result of the same shape shows the reader's own footprint.
            var generated = new List<long>();
            await Measure.TimeAsync("(d) DuckDbDataReader read, generated rows", rows, () => Task.Run(() => ReadRows(connection,
                $"SELECT range AS id, 'name-' || lpad((range % 1024)::VARCHAR, 5, '0') AS name, range * 0.25 AS value, TIMESTAMP '2026-01-01' + to_seconds(range) AS ts FROM range({rows})",
                rows, generated), cancellationToken));
            PrintCpu(cpu);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"appender / read_csv wall-time ratio: {appender.TotalSeconds / readCsv.TotalSeconds:F2} (target ≤ 2.00)"));
            Console.WriteLine($"RSS while streaming the table, every {Math.Max(rows / 10, 1):N0} rows (MB): {string.Join(", ", samples)}");
            Console.WriteLine($"RSS while streaming generated rows (MB): {string.Join(", ", generated)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RSS spread while streaming: table {samples.Max() - samples.Min()} MB, generated {generated.Max() - generated.Min()} MB   (checksum {checksum})"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void AppendRows(DuckDbConnection connection, long rows)
    {
        // A small pool of ~10-character names: the benchmark measures the appender, not string formatting.
        var names = Enumerable.Range(0, 1024).Select(i => string.Create(CultureInfo.InvariantCulture, $"name-{i:D5}")).ToArray();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        using var appender = connection.CreateAppender("appended");
        for (long i = 0; i < rows; i++)
        {
            appender.Append(i).Append(names[i & 1023]).Append(i * 0.25).Append(start.AddTicks(i * TimeSpan.TicksPerSecond)).EndRow();
        }

        appender.Close();
    }

    private static double CpuSeconds() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>CPU time of the phase (all threads): the machine is shared, so wall time alone misleads.</summary>
    private static double PrintCpu(double since)
    {
        var now = CpuSeconds();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    process CPU time for the phase: {now - since:F2} s"));
        return now;
    }

    private static long ReadRows(DuckDbConnection connection, string sql, long rows, List<long> samples)
    {
        using var command = new DuckDbCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var every = Math.Max(rows / 10, 1);
        long count = 0;
        long checksum = 0;
        while (reader.Read())
        {
            checksum += reader.GetInt64(0) + reader.GetString(1).Length + (long)reader.GetDouble(2) + reader.GetDateTime(3).Second;
            if (++count % every == 0)
                samples.Add(Measure.RssMegabytes());
        }

        if (count != rows)
            throw new InvalidOperationException($"read {count} rows, expected {rows}");
        return checksum;
    }

    private static void Execute(DuckDbConnection connection, string sql)
    {
        using var command = new DuckDbCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
