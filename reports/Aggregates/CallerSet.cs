namespace Analytics.Reports.Aggregates;

/// <summary>
/// Distinct callers, exactly: those written "+" and digits as their number (<see cref="Keys"/>, see caller_key in
/// measures.sql), any other as its text (<see cref="Texts"/>). Both sorted and without repeats, so a union is a merge
/// (<see cref="CallerMerger"/>): unique callers over many days cost a few passes over each day's set, not a hash of
/// every call.
/// </summary>
internal sealed class CallerSet
{
    public static readonly CallerSet Empty = new([], []);

    public CallerSet(long[] keys, string[] texts)
    {
        Keys = keys;
        Texts = texts;
    }

    public long[] Keys { get; }

    public string[] Texts { get; }

    public long Count => Keys.LongLength + Texts.LongLength;

    /// <summary>A set from callers in any order, with repeats (the arrays are sorted in place).</summary>
    public static CallerSet FromUnsorted(long[] keys, string[] texts)
    {
        Array.Sort(keys);
        Array.Sort(texts, StringComparer.Ordinal);
        return new CallerSet(Distinct(keys, keys.Length), DistinctTexts(texts));
    }

    internal static long[] Distinct(long[] sorted, int length)
    {
        if (length == 0)
            return [];
        var n = 1;
        for (var i = 1; i < length; i++)
        {
            if (sorted[i] != sorted[n - 1])
                sorted[n++] = sorted[i];
        }

        return n == sorted.Length ? sorted : sorted[..n];
    }

    internal static string[] DistinctTexts(string[] sorted)
    {
        if (sorted.Length == 0)
            return [];
        var kept = new List<string>(sorted.Length) { sorted[0] };
        for (var i = 1; i < sorted.Length; i++)
        {
            if (!string.Equals(sorted[i], kept[^1], StringComparison.Ordinal))
                kept.Add(sorted[i]);
        }

        return [.. kept];
    }
}
