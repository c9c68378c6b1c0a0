using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Analytics.Reports.Aggregates;

/// <summary>
/// Unions of <see cref="CallerSet"/>s: the numbers merged in pairs, level by level, between two buffers this merger
/// keeps and reuses (each caller copied about log2(sets) times, and no fresh memory touched per level, which cost more
/// than the merging itself); the few text callers sorted together. One merger per report run, used by one thread.
/// </summary>
internal sealed class CallerMerger
{
    private long[] _from = [];
    private long[] _to = [];

    /// <summary>How many callers are in any of <paramref name="sets"/>.</summary>
    public long Count(IReadOnlyList<CallerSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 1)
            return sets[0].Count;
        // The last two runs are counted as they merge, not written: no buffer as large as the union is needed.
        var (first, second) = MergeToTwo(sets);
        return CountMerged(first, second) + Texts(sets).LongLength;
    }

    /// <summary>The callers in any of <paramref name="sets"/>, as a set of their own.</summary>
    public CallerSet Union(IReadOnlyList<CallerSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 1)
            return sets[0];
        var (first, second) = MergeToTwo(sets);
        if (second.IsEmpty)
            return new CallerSet(first.ToArray(), Texts(sets));
        var union = GC.AllocateUninitializedArray<long>(first.Length + second.Length);
        var length = Merge(first.Span, second.Span, union);
        return new CallerSet(length == union.Length ? union : union[..length], Texts(sets));
    }

    private static string[] Texts(IReadOnlyList<CallerSet> sets)
    {
        if (!sets.Any(s => s.Texts.Length > 0))
            return [];
        string[] texts = [.. sets.SelectMany(s => s.Texts)];
        Array.Sort(texts, StringComparer.Ordinal);
        return CallerSet.DistinctTexts(texts);
    }

    /// <summary>
    /// The numbers merged down to at most two runs (the second empty if one), in the sets' own arrays or this merger's
    /// buffers: valid until the next call.
    /// </summary>
    private (ReadOnlyMemory<long> First, ReadOnlyMemory<long> Second) MergeToTwo(IReadOnlyList<CallerSet> sets)
    {
        var numbered = sets.Where(s => s.Keys.Length > 0).ToList();
        if (numbered.Count <= 2)
            return (numbered.Count > 0 ? numbered[0].Keys : default, numbered.Count > 1 ? numbered[1].Keys : default);
        var total = numbered.Sum(s => s.Keys.Length);
        if (_from.Length < total)
        {
            _from = GC.AllocateUninitializedArray<long>(total);
            _to = GC.AllocateUninitializedArray<long>(total);
        }

        var runs = new List<(int Start, int Length)>(numbered.Count);
        var at = 0;
        foreach (var set in numbered)
        {
            set.Keys.CopyTo(_from, at);
            runs.Add((at, set.Keys.Length));
            at += set.Keys.Length;
        }

        while (runs.Count > 2)
        {
            var next = new List<(int Start, int Length)>((runs.Count + 1) / 2);
            var written = 0;
            for (var r = 0; r < runs.Count; r += 2)
            {
                var length = r + 1 < runs.Count
                    ? Merge(_from.AsSpan(runs[r].Start, runs[r].Length), _from.AsSpan(runs[r + 1].Start, runs[r + 1].Length), _to.AsSpan(written))
                    : Copy(_from.AsSpan(runs[r].Start, runs[r].Length), _to.AsSpan(written));
                next.Add((written, length));
                written += length;
            }

            (_from, _to) = (_to, _from);
            runs = next;
        }

        return (_from.AsMemory(runs[0].Start, runs[0].Length), _from.AsMemory(runs[1].Start, runs[1].Length));
    }

    /// <summary>How many distinct numbers <paramref name="a"/> and <paramref name="b"/> hold together (each sorted without repeats).</summary>
    private static long CountMerged(ReadOnlyMemory<long> a, ReadOnlyMemory<long> b)
    {
        var x = a.Span;
        var y = b.Span;
        long common = 0;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var p = x[i];
            var q = y[j];
            common += p == q ? 1 : 0;
            i += p <= q ? 1 : 0;
            j += q <= p ? 1 : 0;
        }

        return x.Length + y.Length - common;
    }

    private static int Copy(ReadOnlySpan<long> run, Span<long> into)
    {
        run.CopyTo(into);
        return run.Length;
    }

    /// <summary>
    /// Writes the sorted union of <paramref name="a"/> and <paramref name="b"/> (each sorted without repeats) into
    /// <paramref name="into"/> and returns its length. Branch-free in the loop: the smaller head is written every step
    /// and kept only when it differs from the last one kept (callers interleave at random, so branches on the comparison
    /// would mostly be mispredicted).
    /// </summary>
    private static int Merge(ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> into)
    {
        if (into.Length < a.Length + b.Length)
            throw new ArgumentException("the merge needs room for both runs", nameof(into));
        int i = 0, j = 0, n = 0;
        var last = Math.Min(a[0], b[0]) == long.MinValue ? long.MaxValue : long.MinValue;
        // Unchecked reads and writes: i < a.Length, j < b.Length, and n <= i + j < into.Length.
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rm = ref MemoryMarshal.GetReference(into);
        while (i < a.Length && j < b.Length)
        {
            var x = Unsafe.Add(ref ra, i);
            var y = Unsafe.Add(ref rb, j);
            var m = x < y ? x : y;
            Unsafe.Add(ref rm, n) = m;
            n += m != last ? 1 : 0;
            last = m;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }

        for (; i < a.Length; i++)
        {
            into[n] = a[i];
            n += a[i] != last ? 1 : 0;
            last = a[i];
        }

        for (; j < b.Length; j++)
        {
            into[n] = b[j];
            n += b[j] != last ? 1 : 0;
            last = b[j];
        }

        return n;
    }
}
