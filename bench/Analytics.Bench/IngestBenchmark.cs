using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Landing;
using Analytics.Sandbox;

namespace Analytics.Bench;

/// <summary>
/// One day of Telnyx detail records (all four record types) pulled from the in-process sandbox over loopback HTTP,
/// with a per-request latency the sandbox adds (a real API is 150–300 ms away; loopback is not). Every page is
/// validated, hashed, fsynced and renamed, one manifest line each. Runs each concurrency in turn, interleaved over
/// <c>--runs</c>, and prints wall time against the bound <c>pages × latency ÷ concurrency</c>, the ratio, and the
/// process's peak RSS (reset before each run; the sandbox shares the process).
/// Args: <c>[--volume 10] [--latency-ms 50] [--concurrency 8,1] [--runs 1]</c>.
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";

    public string Description => "Telnyx day pull from the sandbox through injected per-request latency: wall time vs pages × latency ÷ concurrency";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var volume = Arg(args, "--volume", 10.0);
        var latency = TimeSpan.FromMilliseconds(Arg(args, "--latency-ms", 50.0));
        var runs = (int)Arg(args, "--runs", 1.0);
        var concurrencies = (Value(args, "--concurrency") ?? "8,1").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, Days = 1, VolumeMultiplier = volume }, cancellationToken);
        sandbox.Faults.Add(new FaultRule(SandboxProvider.Telnyx, FaultKind.Latency) { Delay = latency });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: telnyx, one day at volume {volume}, {latency.TotalMilliseconds:0} ms per request"));
        // The first pull of a process pays for JIT and the thread pool's growth (measured here: 5.0 s instead of 2.4 s).
        await RunOnceAsync(sandbox, concurrencies[0], latency, print: false, cancellationToken);
        var throughput = new List<(int Concurrency, double PagesPerSecond)>();
        for (var run = 0; run < runs; run++)
        {
            foreach (var concurrency in concurrencies)
                throughput.Add((concurrency, await RunOnceAsync(sandbox, concurrency, latency, print: true, cancellationToken)));
        }

        foreach (var group in throughput.GroupBy(t => t.Concurrency))
        {
            var median = group.Select(t => t.PagesPerSecond).Order().ElementAt(group.Count() / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  concurrency {group.Key}: median {median:N0} pages/s; a 1M-record day (20,000 pages) at this latency: {20_000 / median:N0} s (bound {20_000 * latency.TotalSeconds / group.Key:N0} s)"));
        }
    }

    private static async Task<double> RunOnceAsync(SandboxHost sandbox, int concurrency, TimeSpan latency, bool print, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), $"analytics-bench-ingest-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            var sources = new SourcesOptions
            {
                Telnyx = new TelnyxOptions { BaseUrl = sandbox.TelnyxBaseUrl.ToString(), ApiKey = SandboxKeys.TelnyxApiKey, Concurrency = concurrency },
            };
            var runner = new IngestRunner(sources, new LandingOptions { Path = Path.Combine(root, "landing") });
            GC.Collect();
            Measure.ResetPeakRss();
            var requestsBefore = sandbox.Requests[SandboxProvider.Telnyx];
            var watch = Stopwatch.StartNew();
            var summaries = await runner.RunAsync(["telnyx"], new IngestRequest(sandbox.LastDay, sandbox.LastDay), null, null, cancellationToken);
            watch.Stop();
            var requests = sandbox.Requests[SandboxProvider.Telnyx] - requestsBefore;
            long records = summaries.Sum(s => s.Records), pages = summaries.Sum(s => s.Pages);
            var seconds = watch.Elapsed.TotalSeconds;
            var bound = pages * latency.TotalSeconds / concurrency;
            if (print)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  concurrency {concurrency,2}: {records,9:N0} records {pages,6:N0} pages ({requests} requests) {seconds,7:F2} s  bound {bound,6:F2} s  ratio {seconds / bound,5:F2}  peak RSS {Measure.PeakRssMegabytes()} MB"));
            return pages / seconds;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static double Arg(string[] args, string name, double fallback) =>
        Value(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
