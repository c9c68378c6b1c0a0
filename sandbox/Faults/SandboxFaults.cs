namespace Analytics.Sandbox;

/// <summary>Counts requests per provider (every request to its paths, faulty or not, from the start).</summary>
public sealed class RequestCounters
{
    private readonly long[] _counts = new long[4];

    public long this[SandboxProvider provider] => Interlocked.Read(ref _counts[(int)provider]);

    public IReadOnlyDictionary<SandboxProvider, long> Snapshot() =>
        Enum.GetValues<SandboxProvider>().ToDictionary(p => p, p => this[p]);

    internal long Increment(SandboxProvider provider) => Interlocked.Increment(ref _counts[(int)provider]);
}

/// <summary>The switchable faults. Thread-safe; rules apply from the next request on.</summary>
public sealed class SandboxFaults
{
    private readonly object _gate = new();
    private readonly List<(FaultRule Rule, long Base)> _rules = [];
    private readonly RequestCounters _counters;

    internal SandboxFaults(RequestCounters counters) => _counters = counters;

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
            _rules.Add((rule, _counters[rule.Provider]));
    }

    /// <summary>Adds a rule for the given 1-based requests (relative to now).</summary>
    public void Add(SandboxProvider provider, FaultKind kind, params int[] requests) =>
        Add(new FaultRule(provider, kind) { Requests = requests.Length == 0 ? null : requests });

    public void Clear()
    {
        lock (_gate)
            _rules.Clear();
    }

    /// <summary>The first rule other than latency that covers request <paramref name="number"/> (absolute count) of the provider.</summary>
    internal FaultRule? Match(SandboxProvider provider, long number) =>
        Covering(provider, number).FirstOrDefault(r => r.Kind != FaultKind.Latency);

    /// <summary>The latency added to request <paramref name="number"/> of the provider: the sum of the latency rules covering it.</summary>
    internal TimeSpan Latency(SandboxProvider provider, long number) =>
        Covering(provider, number).Where(r => r.Kind == FaultKind.Latency).Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Delay);

    private List<FaultRule> Covering(SandboxProvider provider, long number)
    {
        var covering = new List<FaultRule>();
        lock (_gate)
        {
            foreach (var (rule, start) in _rules)
            {
                if (rule.Provider != provider)
                    continue;
                var relative = number - start;
                if (relative >= 1 && (rule.Requests is null || rule.Requests.Contains((int)relative)))
                    covering.Add(rule);
            }
        }
        return covering;
    }
}
