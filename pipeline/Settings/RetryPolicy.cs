namespace Analytics.Pipeline.Settings;

/// <summary>Bounded exponential backoff for transient step failures: base, 2×base, 4×base… capped.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy From(JobsOptions options) =>
        new(Math.Max(1, options.RetryAttempts), options.RetryDelay, options.RetryMaxDelay);

    /// <summary>Whether a step that failed on <paramref name="attempt"/> (1-based) gets another.</summary>
    public bool CanRetry(int attempt) => attempt < MaxAttempts;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ticks = BaseDelay.Ticks * factor;
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
