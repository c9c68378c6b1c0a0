using Analytics.Bench;

// dotnet run -c Release --project bench/Analytics.Bench -- <benchmark> [args]
// Each benchmark prints its own figures (rows/s, wall time, ratio against its baseline, peak RSS).
var benchmarks = Benchmarks.All().ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);
if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: Analytics.Bench <benchmark> [args]");
    foreach (var b in benchmarks.Values.OrderBy(b => b.Name, StringComparer.Ordinal))
        Console.Error.WriteLine($"  {b.Name,-24} {b.Description}");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
await benchmark.RunAsync(args[1..], cts.Token);
return 0;
