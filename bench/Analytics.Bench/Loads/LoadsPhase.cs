using System.Diagnostics;
using Analytics.Warehouse;
using Analytics.Landing;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;

namespace Analytics.Bench.Loads;

/// <summary>
/// <c>loads-phase &lt;phase&gt; &lt;root&gt;</c>: one phase of the loads benchmark on the data its parent wrote, in this
/// fresh process and on a fresh warehouse file; prints "seconds cpu-seconds peak-rss-mb" as its last line.
/// </summary>
internal sealed class LoadsPhase : IBenchmark
{
    public static readonly IReadOnlyList<string> Phases = ["bare-csv", "load-csv", "bare-json", "bare-json-landed", "load-json", "bare-json-telnyx", "load-telnyx"];

    public string Name => "loads-phase";

    public string Description => "(used by loads) one phase in a fresh process";

    public static string Label(string phase) => phase switch
    {
        "bare-csv" => "bare read_csv → table",
        "load-csv" => "televoips CSV → raw + calls",
        "bare-json" => "bare read_json (NDJSON) → table",
        "bare-json-landed" => "bare read_json (landed files) → table",
        "bare-json-telnyx" => "bare read_json (Telnyx NDJSON) → table",
        "load-telnyx" => "telnyx JSON pages → raw + calls",
        _ => "callr JSON → raw + calls",
    };

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (phase, root) = (args[0], args[1]);
        var database = Path.Combine(root, $"{phase}-{Guid.NewGuid():N}.duckdb");
        var landing = Path.Combine(root, "landing");
        Measure.ResetPeakRss();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        switch (phase)
        {
            case "bare-csv":
                var csv = Directory.EnumerateFiles(Path.Combine(landing, "televoips"), "*.csv", SearchOption.AllDirectories).Single();
                await BareAsync(database, $"CREATE TABLE bare AS SELECT * FROM read_csv('{csv}', header = true, all_varchar = true, quote = '\"', escape = '\"')", cancellationToken);
                break;
            case "bare-json":
                await BareAsync(database, $"CREATE TABLE bare AS SELECT * FROM read_json('{Path.Combine(root, "records.ndjson")}', format = 'newline_delimited')", cancellationToken);
                break;
            case "bare-json-landed":
                // The same 40 files the loader reads, as landed (JSON-RPC envelopes): context for the NDJSON baseline.
                var pages = Path.Combine(landing, "callr", "cdr_out", "*", "result.json");
                await BareAsync(database, $"CREATE TABLE bare AS SELECT unnest(result, recursive := true) FROM read_json('{pages}', maximum_object_size = 100000000)", cancellationToken);
                break;
            case "bare-json-telnyx":
                await BareAsync(database, $"CREATE TABLE bare AS SELECT * FROM read_json('{Path.Combine(root, "telnyx.ndjson")}', format = 'newline_delimited')", cancellationToken);
                break;
            default:
                await LoadAsync(root, landing, phase switch { "load-csv" => "televoips", "load-telnyx" => "telnyx", _ => "callr" }, database, cancellationToken);
                break;
        }

        watch.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        File.Delete(database);
        Console.WriteLine(new PhaseResult(watch.Elapsed.TotalSeconds, used.TotalSeconds, Measure.PeakRssMegabytes()));
    }

    private static async Task BareAsync(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = WarehouseDatabase.OpenReadWrite(database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task LoadAsync(string root, string landing, string source, string database, CancellationToken cancellationToken)
    {
        // Only this source's files, through a landing zone of their own (a symlink to the source's folder).
        var only = new LandingZone(new LandingOptions { Path = Path.Combine(root, $"only-{source}-{Guid.NewGuid():N}") });
        Directory.CreateDirectory(only.Root);
        Directory.CreateSymbolicLink(Path.Combine(only.Root, source), Path.Combine(landing, source));
        try
        {
            var report = await new LandingLoader(only, new MappingSettings())
                .LoadAllAsync(() => WarehouseDatabase.OpenReadWrite(database), cancellationToken);
            if (report.HasFailures)
                throw new InvalidOperationException(string.Join("; ", report.Files.Select(f => f.Message)));
        }
        finally
        {
            Directory.Delete(only.Root, recursive: true);
        }
    }
}
