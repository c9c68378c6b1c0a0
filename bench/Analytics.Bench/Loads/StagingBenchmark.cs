using System.Diagnostics;
using System.Globalization;
using Analytics.Warehouse.Landing;
using Analytics.Warehouse.Loads.Staging;
using Analytics.Warehouse.Mapping;

namespace Analytics.Bench.Loads;

/// <summary>
/// <c>staging [rows]</c>: the loader's one pass over landed bytes on its own, for the loads benchmark's CSV and JSON
/// files: plain read, read with the manifest's SHA-256 check, and the CSV and JSON stagers on top, in MB/s.
/// </summary>
internal sealed class StagingBenchmark : IBenchmark
{
    public string Name => "staging";

    public string Description => "the staging pass alone (read, SHA-256 check, CSV stager, JSON stager) in MB/s";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var root = Path.Combine(Path.GetTempPath(), $"analytics-bench-staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            var landing = new LandingZone(new LandingOptions { Path = Path.Combine(root, "landing") });
            await BenchData.LandTeleVoipsAsync(landing, rows, cancellationToken);
            await BenchData.LandCallrAsync(landing, rows, Path.Combine(root, "records.ndjson"), cancellationToken);
            var csv = landing.CompleteDays("televoips").SelectMany(d => d.Files).ToList();
            var json = landing.CompleteDays("callr").SelectMany(d => d.Files).ToList();
            var output = Path.Combine(root, "staged");

            foreach (var (label, files) in new[] { ("CSV", csv), ("JSON", json) })
            {
                await TimeAsync($"{label}: read", files, f => Task.FromResult<Stream>(File.OpenRead(f.Path)), (_, _) => Task.CompletedTask);
                await TimeAsync($"{label}: read + SHA-256", files, f => Task.FromResult(LandingZone.OpenVerified(f)), (_, _) => Task.CompletedTask);
            }

            await TimeAsync("CSV: read + SHA-256 + stage", csv, f => Task.FromResult(LandingZone.OpenVerified(f)), async (input, ct) =>
            {
                await using var staged = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
                await CsvStager.StageAsync(input, staged, ct);
            });
            var columns = RawColumns.Of("raw_callr_cdr_out");
            await TimeAsync("JSON: read + SHA-256 + stage", json, f => Task.FromResult(LandingZone.OpenVerified(f)), async (input, ct) =>
            {
                File.Delete(output);
                await using var staged = new StagedCsvWriter(output);
                await JsonStager.StageAsync(input, "result", columns, 0, staged, ct);
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        async Task TimeAsync(string label, IReadOnlyList<LandedFile> files, Func<LandedFile, Task<Stream>> open, Func<Stream, CancellationToken, Task> work)
        {
            var watch = Stopwatch.StartNew();
            long bytes = 0;
            foreach (var file in files)
            {
                await using var input = await open(file);
                await work(input, cancellationToken);
                await input.CopyToAsync(Stream.Null, cancellationToken);
                bytes += file.Bytes;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-32} {watch.Elapsed.TotalSeconds,7:F2} s  {bytes / 1e6 / watch.Elapsed.TotalSeconds,8:F0} MB/s"));
        }
    }
}
