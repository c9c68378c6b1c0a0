namespace Analytics.Testing;

/// <summary>A <see cref="TimeProvider"/> stopped at one instant (the testing package is not in the registry here).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
