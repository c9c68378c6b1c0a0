using System.Diagnostics;
using System.Globalization;
using Analytics.Landing;

namespace Analytics.Bench.Loads;

/// <summary>
/// <c>loads [rows] [--runs N]</c>: a TeleVoIPs CSV of N rows (default 1M) → raw + calls, against DuckDB's bare read_csv
/// of the same file into a table; N CALLR-style JSON records (40 result.json files) → raw + calls, against a bare
/// read_json of the same records as NDJSON (the target's baseline) and, for context, of the landed files themselves;
/// N Telnyx call-control records in pages of 50 (20,000 files for 1M: a busy day as the client lands it) → raw + calls,
/// against read_json of the same records as NDJSON. Every phase runs in a fresh process on a fresh warehouse file (so one
/// phase's memory never counts against the next), <c>--runs</c> times (default 5) with the phases interleaved; it prints
/// the median wall time, CPU time and peak RSS (and the largest peak RSS) of each phase, the ratios of the medians, and
/// the median of the run-by-run ratios.
/// </summary>
internal sealed class LoadsBenchmark : IBenchmark
{
    public string Name => "loads";

    public string Description => "landing → raw + calls: 1M-row TeleVoIPs CSV, 1M CALLR JSON records, 1M Telnyx records in pages, vs bare DuckDB reads";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = BenchData.Rows(args);
        var runsAt = Array.IndexOf(args, "--runs");
        var runs = runsAt >= 0 ? int.Parse(args[runsAt + 1], CultureInfo.InvariantCulture) : 5;
        var root = Path.Combine(Path.GetTempPath(), $"analytics-bench-loads-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            var (_, csv) = await BenchData.LandAllAsync(root, rows, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"data: {rows:N0} CSV rows ({new FileInfo(csv).Length / 1e6:F0} MB), {rows:N0} JSON records; {runs} runs per phase, interleaved, each in a fresh process; medians"));

            // Phases interleave (run 1 of every phase, then run 2, …): a machine that slows down or speeds up while the
            // benchmark runs moves every phase's median alike, not just the ones that happened to run then.
            var samples = LoadsPhase.Phases.ToDictionary(p => p, _ => new List<PhaseResult>(), StringComparer.Ordinal);
            for (var run = 0; run < runs; run++)
            {
                foreach (var phase in LoadsPhase.Phases)
                    samples[phase].Add(await RunPhaseAsync(phase, root, cancellationToken));
            }

            // --runs 0 only lands the data (with ANALYTICS_BENCH_KEEP=1, for `loads-phase` runs by hand).
            if (runs == 0)
                return;

            var results = samples.ToDictionary(s => s.Key, s => PhaseResult.Median(s.Value), StringComparer.Ordinal);
            foreach (var phase in LoadsPhase.Phases)
            {
                var median = results[phase];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{LoadsPhase.Label(phase),-40} {median.Seconds,7:F2} s  cpu {median.CpuSeconds,6:F2} s  {rows / median.Seconds,10:N0} rows/s  peak RSS {median.PeakRssMegabytes,5} MB (max {samples[phase].Max(s => s.PeakRssMegabytes),4})   (runs: {string.Join(", ", samples[phase].Select(s => s.Seconds.ToString("F2", CultureInfo.InvariantCulture)))} s)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CSV ratio {results["load-csv"].Seconds / results["bare-csv"].Seconds:F2}× (target ≤ 1.5×), peak RSS {results["load-csv"].PeakRssMegabytes} MB (max {samples["load-csv"].Max(s => s.PeakRssMegabytes)}); " +
                $"JSON ratio {results["load-json"].Seconds / results["bare-json"].Seconds:F2}× (target ≤ 2×; {results["load-json"].Seconds / results["bare-json-landed"].Seconds:F2}× against the landed files), peak RSS {results["load-json"].PeakRssMegabytes} MB (max {samples["load-json"].Max(s => s.PeakRssMegabytes)}; target ≤ 300 MB); " +
                $"Telnyx pages ratio {results["load-telnyx"].Seconds / results["bare-json-telnyx"].Seconds:F2}× (target ≤ 2×), peak RSS {results["load-telnyx"].PeakRssMegabytes} MB (max {samples["load-telnyx"].Max(s => s.PeakRssMegabytes)})"));
            // The same ratios taken run by run: a load and its baseline ran seconds apart, so a machine that changes
            // speed between runs (a shared VM) moves both alike. Printed beside the ratio of medians, not instead of it.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"paired (median of each run's load / baseline): CSV {PairedRatio(samples, "load-csv", "bare-csv"):F2}×, JSON {PairedRatio(samples, "load-json", "bare-json"):F2}×, Telnyx pages {PairedRatio(samples, "load-telnyx", "bare-json-telnyx"):F2}×"));
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

    private static double PairedRatio(Dictionary<string, List<PhaseResult>> samples, string load, string baseline)
    {
        var ratios = samples[load].Zip(samples[baseline], (l, b) => l.Seconds / b.Seconds).Order().ToList();
        return ratios[ratios.Count / 2];
    }

    private static async Task<PhaseResult> RunPhaseAsync(string phase, string root, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Under `dotnet x.dll` the host needs the dll again; the apphost (`dotnet run`) is the program itself.
        var entry = Environment.GetCommandLineArgs()[0];
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath!);
        if (string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase) && entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(entry);
        foreach (var arg in new[] { "loads-phase", phase, root })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"phase {phase} failed: {await error}");
        return PhaseResult.Parse((await output).Trim().Split('\n')[^1]);
    }
}

/// <summary>One phase's figures, as the child process prints them: seconds, CPU seconds, peak RSS in MB.</summary>
internal sealed record PhaseResult(double Seconds, double CpuSeconds, long PeakRssMegabytes)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Seconds:R} {CpuSeconds:R} {PeakRssMegabytes}");

    public static PhaseResult Parse(string line)
    {
        var f = line.Split(' ');
        return new PhaseResult(double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture));
    }

    public static PhaseResult Median(IReadOnlyList<PhaseResult> samples) => new(
        samples.Select(s => s.Seconds).Order().ElementAt(samples.Count / 2),
        samples.Select(s => s.CpuSeconds).Order().ElementAt(samples.Count / 2),
        samples.Select(s => s.PeakRssMegabytes).Order().ElementAt(samples.Count / 2));
}
