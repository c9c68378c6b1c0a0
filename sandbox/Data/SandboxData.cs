namespace Analytics.Sandbox.Data;

/// <summary>Everything the endpoints and the ground truth generate records from.</summary>
internal sealed class SandboxData
{
    public SandboxData(SandboxOptions options)
    {
        Options = options;
        var today = DateOnly.FromDateTime(options.TimeProvider.GetUtcNow().UtcDateTime);
        Schedule = new Schedule(options.Seed, options.VolumeMultiplier, today.AddDays(-options.Days), options.Days);
        Deck = new RateDeck();
        Calls = new CallGenerator(Schedule, Deck);
        Sms = new SmsGenerator(Schedule, options.CallrCurrency);
    }

    public SandboxOptions Options { get; }

    public Schedule Schedule { get; }

    public RateDeck Deck { get; }

    public CallGenerator Calls { get; }

    public SmsGenerator Sms { get; }

    /// <summary>Calls of the ranges, generated one at a time (nothing is kept).</summary>
    public IEnumerable<CallFact> CallsIn(Feed feed, IEnumerable<DayRange> ranges, long skip = 0, long take = long.MaxValue)
    {
        foreach (var (day, i) in Indices(ranges, skip, take))
            yield return Calls.Generate(feed, day, i, Schedule.Count(feed, day));
    }

    public IEnumerable<SmsFact> SmsIn(Feed feed, IEnumerable<DayRange> ranges, long skip = 0, long take = long.MaxValue)
    {
        foreach (var (day, i) in Indices(ranges, skip, take))
            yield return Sms.Generate(feed, day, i, Schedule.Count(feed, day));
    }

    public IEnumerable<DayRange> WholeDays(Feed feed) =>
        Schedule.AllDays().Select(d => new DayRange(d, 0, Schedule.Count(feed, d)));

    private static IEnumerable<(DateOnly Day, long Index)> Indices(IEnumerable<DayRange> ranges, long skip, long take)
    {
        foreach (var r in ranges)
        {
            if (take <= 0)
                yield break;
            if (skip >= r.Length)
            {
                skip -= r.Length;
                continue;
            }
            var first = r.Start + skip;
            var end = take >= r.End - first ? r.End : first + take;
            for (var i = first; i < end; i++)
            {
                take--;
                yield return (r.Day, i);
            }
            skip = 0;
        }
    }
}
