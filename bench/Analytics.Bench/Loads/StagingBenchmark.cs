using System.Diagnostics;
using System.Globalization;
using Analytics.Warehouse.Arrow;
using Analytics.Landing;
using Analytics.Warehouse.Loads.Staging;
using Analytics.Warehouse.Mapping;

namespace Analytics.Bench.Loads;

/// <summary>
/// <c>staging [rows] [--batch-only]</c>: the loader's one pass over landed bytes on its own, for the loads benchmark's
/// CSV and JSON files: plain read, read with the manifest's SHA-256 check, each stager on top file by file, and the
/// loader's parallel staging of the JSON files as one batch (first in a cold process with <c>--batch-only</c>).
/// </summary>
internal sealed class StagingBenchmark : IBenchmark
{
    public string Name => "staging";

    public string Description => "the staging pass alone (read, SHA-256 check, CSV and JSON stagers, parallel batch) in MB/s";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = BenchData.Rows(args);
        var root = Path.Combine(Path.GetTempPath(), $"analytics-bench-staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            var (landing, _) = await BenchData.LandAllAsync(root, rows, cancellationToken);
            var csv = landing.CompleteDays("televoips").SelectMany(d => d.Files).ToList();
            var json = landing.CompleteDays("callr").SelectMany(d => d.Files).ToList();
            var output = Path.Combine(root, "staged");
            var columns = RawColumns.Of("raw_callr_cdr_out");

            if (!args.Contains("--batch-only"))
            {
                foreach (var (label, files) in new[] { ("CSV", csv), ("JSON", json) })
                {
                    await FileByFileAsync($"{label}: read", files, f => File.OpenRead(f.Path), (_, _) => Task.CompletedTask, cancellationToken);
                    await FileByFileAsync($"{label}: read + SHA-256", files, LandingZone.OpenVerified, (_, _) => Task.CompletedTask, cancellationToken);
                }

                await FileByFileAsync("CSV: read + SHA-256 + stage", csv, LandingZone.OpenVerified, async (input, ct) =>
                {
                    await using var staged = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
                    await CsvStager.StageAsync(input, staged, ct);
                }, cancellationToken);
                using var buffers = new BatchBufferPool(columns.Count);
                await FileByFileAsync("JSON: read + SHA-256 + stage", json, LandingZone.OpenVerified, async (input, ct) =>
                {
                    using var staged = new StagedRowsWriter(new TextBatchBuilder(buffers), null);
                    await JsonStager.StageAsync(input, "result", new RecordColumns(columns), 0, staged, ct);
                }, cancellationToken);
            }

            for (var run = 0; run < 3; run++)
                await BatchAsync(json, Path.Combine(root, $"batch-{run}"), cancellationToken);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task FileByFileAsync(string label, IReadOnlyList<LandedFile> files, Func<LandedFile, Stream> open,
                                              Func<Stream, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            await using var input = open(file);
            await work(input, cancellationToken);
            await input.CopyToAsync(Stream.Null, cancellationToken);
        }

        Print(label, files.Sum(f => f.Bytes), watch.Elapsed, null);
    }

    // What the loader does with a batch: every file staged, several at a time.
    private static async Task BatchAsync(List<LandedFile> json, string area, CancellationToken cancellationToken)
    {
        var mapping = FeedMappings.For("callr", "cdr_out", new MappingSettings())!;
        using var stream = new ArrowRecordStream("an_f", "an_o", RawColumns.Of(mapping.RawTable));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        // An instant reader: every batch released as soon as it is handed over.
        var drain = Task.Factory.StartNew(() => ArrowDrain.ReadToEnd(stream), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var batch = await BatchStager.StreamJsonAsync(mapping, json, stream, cancellationToken);
        await drain;
        if (batch.NotStaged.Count > 0)
            throw new InvalidOperationException(batch.NotStaged[0].Outcome.Message);
        Print($"JSON: batch of {json.Count}, parallel", json.Sum(f => f.Bytes), watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private static unsafe class ArrowDrain
    {
        public static void ReadToEnd(ArrowRecordStream stream)
        {
            var native = stream.Native;
            while (true)
            {
                ArrowArray array;
                if (native->GetNext(native, &array) != 0)
                    throw new InvalidOperationException("the stream failed");
                if (array.Release == null)
                    return;
                array.Release(&array);
            }
        }
    }

    private static void Print(string label, long bytes, TimeSpan elapsed, TimeSpan? cpu) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-32} {elapsed.TotalSeconds,7:F2} s  {bytes / 1e6 / elapsed.TotalSeconds,8:F0} MB/s{(cpu is { } c ? $"  cpu {c.TotalSeconds:F2} s" : "")}"));
}
