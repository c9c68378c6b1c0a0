using Analytics.Reports.Aggregates;
using Analytics.Testing;

namespace Analytics.Reports.Tests.Aggregates;

/// <summary>The day cache's caller sets: unions against a hash set, their file, and the numbers' CSV.</summary>
public sealed class CallerSetsTests : IDisposable
{
    private readonly TempDirectory _directory = new("caller-sets");

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    [InlineData(31, 5)]
    [InlineData(64, 0)]
    public void A_union_counts_what_a_hash_set_of_every_caller_counts(int sets, int textsPerSet)
    {
        var random = new Random(sets * 100 + textsPerSet);
        var all = Enumerable.Range(0, sets).Select(_ =>
            (Keys: Enumerable.Range(0, random.Next(0, 3000)).Select(_ => random.NextInt64(-5, 40_000) * (random.Next(9) == 0 ? long.MaxValue / 50_000 : 1)).ToArray(),
             Texts: Enumerable.Range(0, textsPerSet).Select(_ => "anon" + random.Next(8)).ToArray())).ToList();
        var expected = all.SelectMany(s => s.Keys).Distinct().LongCount() + all.SelectMany(s => s.Texts).Distinct().LongCount();
        var callerSets = all.Select(s => CallerSet.FromUnsorted([.. s.Keys], [.. s.Texts])).ToList();

        var merger = new CallerMerger();
        Assert.Equal(expected, merger.Count(callerSets));
        var union = merger.Union(callerSets);
        Assert.Equal(expected, union.Count);
        Assert.Equal(all.SelectMany(s => s.Keys).Distinct().Order(), union.Keys);
        // The merger's buffers are reused: a second union over other sets is not disturbed by the first.
        Assert.Equal(callerSets[0].Count, merger.Count([callerSets[0], callerSets[0]]));
    }

    [Fact]
    public void Long_MinValue_and_repeats_at_the_edges_count_once()
    {
        var merger = new CallerMerger();
        var a = CallerSet.FromUnsorted([long.MinValue, long.MinValue, 0, long.MaxValue], []);
        var b = CallerSet.FromUnsorted([long.MinValue, 1, long.MaxValue], []);
        Assert.Equal(3, a.Count);
        Assert.Equal(4, merger.Count([a, b]));
        // Three sets go through the merge that writes (the first level), where long.MinValue must not pass for "nothing yet".
        var c = CallerSet.FromUnsorted([long.MinValue, 5], []);
        Assert.Equal([long.MinValue, 0, 1, 5, long.MaxValue], merger.Union([a, b, c]).Keys);
        Assert.Equal(5, merger.Count([a, b, c]));
        Assert.Equal(0, merger.Count([CallerSet.Empty, CallerSet.Empty]));
    }

    [Fact]
    public async Task A_days_callers_file_reads_back_as_written_and_a_damaged_one_is_refused()
    {
        var day = new DayCallers(new Dictionary<CallerGroup, CallerSet>
        {
            [new CallerGroup("callr", "EUR")] = CallerSet.FromUnsorted([33612345678, -7, 33612345678, 1], ["anonymous", "0612"]),
            [new CallerGroup("televoips", null)] = CallerSet.FromUnsorted([44700900123], []),
            [new CallerGroup("telnyx", "")] = CallerSet.Empty,
        });
        var path = _directory.File("day.callers");
        day.Write(path);
        var read = DayCallers.Read(path);
        Assert.Equal(day.Groups.Keys.OrderBy(g => g.Source, StringComparer.Ordinal), read.Groups.Keys.OrderBy(g => g.Source, StringComparer.Ordinal));
        foreach (var (group, set) in day.Groups)
        {
            Assert.Equal(set.Keys, read.Groups[group].Keys);
            Assert.Equal(set.Texts, read.Groups[group].Texts);
        }

        Assert.Null(read.Groups.Keys.Single(g => g.Source == "televoips").Currency);
        Assert.Equal("", read.Groups.Keys.Single(g => g.Source == "telnyx").Currency);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^3]);
        Assert.Throws<InvalidDataException>(() => DayCallers.Read(path));
        await File.WriteAllBytesAsync(path, [.. bytes, 0]);
        Assert.Throws<InvalidDataException>(() => DayCallers.Read(path));
        await File.WriteAllTextAsync(path, "not a callers file");
        Assert.Throws<InvalidDataException>(() => DayCallers.Read(path));
    }

    [Fact]
    public async Task The_numbers_csv_is_read_as_three_integers_a_line_and_anything_else_names_its_line()
    {
        var path = _directory.File("keys.csv");
        await File.WriteAllTextAsync(path, "20727,0,33612345678\n20727,1,-5\n20728,3,9223372036854775807\n");
        var lines = new List<(long, long, long)>();
        await CallerKeyCsv.ReadAsync(path, (d, g, k) => lines.Add((d, g, k)), CancellationToken.None);
        Assert.Equal([(20727L, 0L, 33612345678L), (20727L, 1L, -5L), (20728L, 3L, long.MaxValue)], lines);

        await File.WriteAllTextAsync(path, "20727,0,1\n20727,x,2\n");
        var bad = await Assert.ThrowsAsync<InvalidDataException>(() => CallerKeyCsv.ReadAsync(path, (_, _, _) => { }, CancellationToken.None));
        Assert.Contains("line 2", bad.Message, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, "20727,0,1\n20727,0\n");
        bad = await Assert.ThrowsAsync<InvalidDataException>(() => CallerKeyCsv.ReadAsync(path, (_, _, _) => { }, CancellationToken.None));
        Assert.Contains("line 2", bad.Message, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, "20727,0,1\n20727,0,2");
        bad = await Assert.ThrowsAsync<InvalidDataException>(() => CallerKeyCsv.ReadAsync(path, (_, _, _) => { }, CancellationToken.None));
        Assert.Contains("cut short", bad.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
