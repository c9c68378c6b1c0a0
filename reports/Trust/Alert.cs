namespace Analytics.Reports.Trust;

/// <summary>One alert raised on a report's last day: which rule, for which source (and currency), and a sentence a person reads.</summary>
public sealed record Alert(DateOnly Day, string Source, string? Currency, string Rule, decimal Value, decimal Baseline, string Message)
{
    public const string SpendSpike = "spend_spike", AsrDrop = "asr_drop", SilentSource = "silent_source";
}

/// <summary>Alert thresholds. Configuration section <c>Alerts</c>.</summary>
public sealed record AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>Spend of a source and currency more than this % above its trailing 7-day average raises an alert. Default 50.</summary>
    public decimal SpendSpikePercent { get; init; } = 50;

    /// <summary>ASR more than this many points below the trailing 7 days' raises an alert. Default 10.</summary>
    public decimal AsrDropPoints { get; init; } = 10;

    /// <summary>Fewer calls than this on the day (or in the trailing days) is noise: no spike or ASR alert. Default 100.</summary>
    public long MinCalls { get; init; } = 100;
}
