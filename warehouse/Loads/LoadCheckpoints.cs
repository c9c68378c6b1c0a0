namespace Analytics.Warehouse.Loads;

/// <summary>
/// Named points inside a load where crash tests stop the process. When the environment variable
/// <c>ANALYTICS_TEST_KILL_AT</c> names a checkpoint, the loader prints <c>checkpoint &lt;name&gt;</c> and waits
/// forever there, so the test can kill the process (for real, <c>Process.Kill</c>) at exactly that point.
/// Unset in production: each check is one environment lookup per batch.
/// </summary>
internal static class LoadCheckpoints
{
    public const string Variable = "ANALYTICS_TEST_KILL_AT";

    /// <summary>
    /// After a batch's files are staged: CSV files staged on disk, before the first transaction; JSON records inserted as
    /// raw rows, before the first transaction commits.
    /// </summary>
    public const string AfterStaging = "after-staging";

    /// <summary>After the first transaction committed the batch's raw rows ('staged' loads rows), before the mapping's.</summary>
    public const string AfterRaw = "after-raw";

    /// <summary>Inside the second transaction, after calls/sms and rejects are written, before COMMIT.</summary>
    public const string BeforeCommit = "before-commit";

    /// <summary>After COMMIT, before the next batch starts.</summary>
    public const string AfterCommit = "after-commit";

    public static void Reached(string name)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable(Variable), name, StringComparison.Ordinal))
            return;
        Console.Out.WriteLine($"checkpoint {name}");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
