namespace Analytics.Bench;

/// <summary>The registered benchmarks; one line each.</summary>
internal static class Benchmarks
{
    public static IEnumerable<IBenchmark> All()
    {
        yield return new Sandbox.SandboxBenchmark();
    }
}
