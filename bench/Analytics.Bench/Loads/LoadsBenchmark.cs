using System.Globalization;
using Analytics.Warehouse;
using Analytics.Warehouse.Landing;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;

namespace Analytics.Bench.Loads;

/// <summary>
/// <c>loads [rows]</c>: a TeleVoIPs CSV of N rows (default 1M) → raw + calls, against DuckDB's bare read_csv of the
/// same file into a table; N CALLR-style JSON records (10 result.json files) → calls, against a bare read_json of
/// the same records as NDJSON. Each path on a fresh warehouse file; prints times, ratios and peak RSS.
/// </summary>
internal sealed class LoadsBenchmark : IBenchmark
{
    public string Name => "loads";

    public string Description => "landing → raw + calls: 1M-row TeleVoIPs CSV and 1M JSON records vs bare DuckDB reads";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var root = Path.Combine(Path.GetTempPath(), $"analytics-bench-loads-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            var landing = new LandingZone(new LandingOptions { Path = Path.Combine(root, "landing") });
            var csv = await BenchData.LandTeleVoipsAsync(landing, rows, cancellationToken);
            var ndjson = await BenchData.LandCallrAsync(landing, rows, Path.Combine(root, "records.ndjson"), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"data: {rows:N0} CSV rows ({new FileInfo(csv).Length / 1e6:F0} MB), {rows:N0} JSON records"));

            Measure.ResetPeakRss();
            var bareCsv = await Measure.TimeAsync("bare read_csv → table", rows, () => BareAsync(Path.Combine(root, "bare-csv.duckdb"),
                $"CREATE TABLE bare AS SELECT * FROM read_csv('{csv}', header = true, all_varchar = true, quote = '\"', escape = '\"')", cancellationToken));
            Measure.ResetPeakRss();
            var loadCsv = await Measure.TimeAsync("televoips CSV → raw + calls", rows, () => LoadAsync(landing, root, "televoips", "csv.duckdb", cancellationToken));
            var csvPeak = Measure.PeakRssMegabytes();

            Measure.ResetPeakRss();
            var bareJson = await Measure.TimeAsync("bare read_json (NDJSON) → table", rows, () => BareAsync(Path.Combine(root, "bare-json.duckdb"),
                $"CREATE TABLE bare AS SELECT * FROM read_json('{ndjson}', format = 'newline_delimited')", cancellationToken));
            Measure.ResetPeakRss();
            var loadJson = await Measure.TimeAsync("callr JSON → raw + calls", rows, () => LoadAsync(landing, root, "callr", "json.duckdb", cancellationToken));
            var jsonPeak = Measure.PeakRssMegabytes();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CSV ratio {loadCsv / bareCsv:F2}× (target ≤ 1.5×), peak RSS {csvPeak} MB; JSON ratio {loadJson / bareJson:F2}× (target ≤ 2×), peak RSS {jsonPeak} MB (target ≤ 300 MB)"));
        }
        finally
        {
            // ANALYTICS_BENCH_KEEP=1 leaves the landing files and warehouses for a look with `analytics query`.
            if (Environment.GetEnvironmentVariable("ANALYTICS_BENCH_KEEP") == "1")
                Console.WriteLine($"kept: {root}");
            else
                Directory.Delete(root, recursive: true);
        }
    }

    private static async Task BareAsync(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = WarehouseDatabase.OpenReadWrite(database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task LoadAsync(LandingZone landing, string root, string source, string database, CancellationToken cancellationToken)
    {
        // Only this source's files: the other source lands in its own day folders and is loaded by its own run.
        var only = new LandingZone(new LandingOptions { Path = Path.Combine(root, "only-" + source) });
        Directory.CreateDirectory(only.Root);
        Directory.CreateSymbolicLink(Path.Combine(only.Root, source), Path.Combine(landing.Root, source));
        var report = await new LandingLoader(only, new MappingSettings())
            .LoadAllAsync(() => WarehouseDatabase.OpenReadWrite(Path.Combine(root, database)), cancellationToken);
        if (report.HasFailures)
            throw new InvalidOperationException(string.Join("; ", report.Files.Select(f => f.Message)));
    }
}
