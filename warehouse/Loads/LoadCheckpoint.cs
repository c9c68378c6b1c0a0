namespace Analytics.Warehouse.Loads;

/// <summary>
/// Named points inside a load where a crash matters. The loader tells the hook it was given
/// (<see cref="LandingLoader"/>'s <c>checkpoint</c>) at each; in production there is none. Crash tests inject one that
/// stops there, so they can kill the process (for real) at exactly that point, or hold the lock while others wait.
/// </summary>
public enum LoadCheckpoint
{
    /// <summary>
    /// After a batch's files are staged: CSV files staged on disk, before the first transaction; JSON records inserted as
    /// raw rows, before the first transaction commits.
    /// </summary>
    AfterStaging,

    /// <summary>After the first transaction committed the batch's raw rows ('staged' loads rows), before the mapping's.</summary>
    AfterRaw,

    /// <summary>Inside the second transaction, after calls/sms and rejects are written, before COMMIT.</summary>
    BeforeCommit,

    /// <summary>After COMMIT, before the next batch starts.</summary>
    AfterCommit,
}
