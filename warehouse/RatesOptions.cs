namespace Analytics.Warehouse;

/// <summary>The rate deck that prices TeleVoIPs calls. Configuration section <c>Rates</c>.</summary>
public sealed record RatesOptions
{
    public const string Section = "Rates";

    /// <summary>CSV of <c>prefix,rate_per_minute,currency,increment_s</c>; absent means TeleVoIPs calls stay unpriced (NULL).</summary>
    public string? Path { get; init; }
}
