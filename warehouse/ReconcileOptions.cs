namespace Analytics.Warehouse;

/// <summary>How the warehouse is checked against the providers' own totals. Configuration section <c>Reconcile</c>.</summary>
public sealed record ReconcileOptions
{
    public const string Section = "Reconcile";

    /// <summary>
    /// How far, in percent of the provider's figure, the warehouse's billed or answered seconds and money may be off and
    /// still be <c>ok</c>. Default 0.5 (%); 0 asks for exact figures. Expected 0 ≤ value &lt; 100. Counts (calls, messages,
    /// message parts) never get it: a provider's count for a closed day must equal the warehouse's.
    /// </summary>
    public decimal Tolerance { get; init; } = 0.5m;
}
