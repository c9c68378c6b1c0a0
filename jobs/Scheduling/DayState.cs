using System.Globalization;
using Hangfire;
using Hangfire.Storage;

namespace Analytics.Jobs.Scheduling;

/// <summary>
/// A day's durable state in the job store (a hash <c>analytics:day:yyyy-MM-dd</c>): planned, each source's final
/// outcome, report queued, reported, email queued, emailed. Every change happens under the day's distributed
/// lock, so two nodes finishing two sources at once cannot both think they were last, and the report and the
/// email are queued once. The state lives in the job store, so it survives a restart of every node.
/// </summary>
internal sealed class DayState(JobStorage storage, DateOnly day)
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Keep = TimeSpan.FromDays(60);

    public DateOnly Day => day;

    public string Key { get; } = $"analytics:day:{Text(day)}";

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs <paramref name="change"/> on the day's entries under the day's lock and stores what it returns. A
    /// node dying inside leaves the hash as before (the write is one transaction) and the lock expires.
    /// </summary>
    public T Update<T>(Func<IReadOnlyDictionary<string, string>, (IDictionary<string, string> Set, T Result)> change)
    {
        using var connection = storage.GetConnection();
        using var _ = connection.AcquireDistributedLock(Key + ":lock", LockTimeout);
        var entries = connection.GetAllEntriesFromHash(Key) ?? new Dictionary<string, string>();
        var (set, result) = change(entries);
        if (set.Count > 0)
        {
            using var transaction = connection.CreateWriteTransaction();
            transaction.SetRangeInHash(Key, set);
            if (transaction is JobStorageTransaction expiring)
                expiring.ExpireHash(Key, Keep);
            transaction.Commit();
        }

        return result;
    }

    public IReadOnlyDictionary<string, string> Read()
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash(Key) ?? new Dictionary<string, string>();
    }
}
