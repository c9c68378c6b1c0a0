namespace Analytics.Bench;

/// <summary>The registered benchmarks; one line each.</summary>
internal static class Benchmarks
{
    public static IEnumerable<IBenchmark> All()
    {
        yield return new Loads.LoadsBenchmark();
        yield return new Loads.StagingBenchmark();
        yield return new Loads.LoadsPhase();
        yield return new Loads.ArrowScanBenchmark();
        yield return new Loads.ArrowScanRun();
        yield return new IngestBenchmark();
        yield return new Sandbox.SandboxBenchmark();
        yield return new Reports.ReportsBenchmark();
    }
}
