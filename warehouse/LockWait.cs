namespace Analytics.Warehouse;

/// <summary>How long an open waits for another process's lock on the warehouse, and whom to tell that it waits.</summary>
/// <param name="Bound">The longest wait; <see cref="TimeSpan.Zero"/> fails at once. Never infinite.</param>
/// <param name="Waiting">Called once, when the first attempt finds the file locked, with the holder.</param>
public sealed record LockWait(TimeSpan Bound, Action<WarehouseLockHolder>? Waiting = null)
{
    /// <summary>Time between attempts.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The clock the bound is measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Fails at once.</summary>
    public static LockWait None { get; } = new(TimeSpan.Zero);
}
