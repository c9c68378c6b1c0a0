using System.Collections.Concurrent;
using System.Globalization;

namespace Analytics.Sandbox.TeleVoips;

/// <summary>Exports in progress: id → day and how many 202s have been answered. Lives as long as the host.</summary>
internal sealed class ExportStore
{
    private readonly ConcurrentDictionary<string, Export> _exports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<DateOnly, Export> _byDay = new();
    private int _next;

    /// <summary>The day's one export, created by the first request for the day (<paramref name="created"/>): polls never restart it.</summary>
    public Export ForDay(DateOnly day, out bool created)
    {
        var made = false;
        var export = _byDay.GetOrAdd(day, d =>
        {
            var n = Interlocked.Increment(ref _next);
            made = true;
            return new Export(string.Concat("exp-", n.ToString("D6", CultureInfo.InvariantCulture)), d);
        });
        _exports.TryAdd(export.Id, export);
        created = made;
        return export;
    }

    public Export? Find(string id) => _exports.TryGetValue(id, out var e) ? e : null;
}

internal sealed class Export(string id, DateOnly day)
{
    private int _polls;

    public string Id { get; } = id;

    public DateOnly Day { get; } = day;

    /// <summary>Counts one more 202 answer, returning how many there were before this poll.</summary>
    public int Poll() => Interlocked.Increment(ref _polls) - 1;

    public int Polls => Volatile.Read(ref _polls);
}
