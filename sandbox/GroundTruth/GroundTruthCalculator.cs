using Analytics.Sandbox.Data;
using Analytics.Sandbox.TeleVoips;

namespace Analytics.Sandbox.GroundTruthing;

/// <summary>Streams every record of every feed once and sums it exactly as the wire shows it.</summary>
internal static class GroundTruthCalculator
{
    public static GroundTruth Compute(SandboxData data)
    {
        var totals = new SortedDictionary<(string Source, DateOnly Day, string Kind, string Direction), Totals>();
        foreach (var feed in Feeds.All)
        {
            var source = Feeds.Source(feed);
            // CALLR serves cents; the ground truth is in major units.
            var divisor = source == "callr" ? 100m : 1m;
            if (Feeds.IsSms(feed))
            {
                foreach (var sms in data.SmsIn(feed, data.WholeDays(feed)))
                {
                    var t = Get(totals, (source, sms.Day, "sms", sms.Inbound ? "IN" : "OUT"));
                    t.Count++;
                    t.Parts += sms.Parts;
                    t.Add(sms.Currency, sms.Spend / divisor);
                }
            }
            else
            {
                foreach (var call in data.CallsIn(feed, data.WholeDays(feed)))
                {
                    var day = call.Day;
                    if (feed == Feed.TeleVoipsCalls)
                    {
                        // TeleVoIPs files hold local dates: only the calls of served files count, under their UTC day
                        // (every generated call, now that the local day before or after the UTC days is served too).
                        if (!TeleVoipsDays.Served(data.Schedule, data.Options.TeleVoipsTimeZone, DateOnly.FromDateTime(CdrCsvWriter.LocalTime(call.StartMs, data.Options.TeleVoipsTimeZone))))
                            continue;
                    }
                    var t = Get(totals, (source, day, "calls", call.Inbound ? "IN" : "OUT"));
                    t.Count++;
                    if (call.Answered)
                    {
                        t.Answered++;
                        t.AnsweredSeconds += call.TalkSeconds;
                    }
                    // A forwarded Telgorithm call is one call: its day and direction are its inbound leg's, its
                    // debit both legs' fees.
                    t.Add(call.Currency, call.Spend / divisor);
                }
            }
        }
        var days = totals.Select(kv => new GroundTruthDay(kv.Key.Source, kv.Key.Day, kv.Key.Kind, kv.Key.Direction,
            kv.Value.Count, kv.Value.Answered, kv.Value.AnsweredSeconds, kv.Value.Parts, kv.Value.Debit)).ToList();
        return new GroundTruth(data.Options, data.Schedule.FirstDay, data.Schedule.LastDay, days);
    }

    private static Totals Get(SortedDictionary<(string, DateOnly, string, string), Totals> totals, (string, DateOnly, string, string) key)
    {
        if (!totals.TryGetValue(key, out var t))
            totals[key] = t = new Totals();
        return t;
    }

    private sealed class Totals
    {
        public long Count;
        public long Answered;
        public long AnsweredSeconds;
        public long Parts;
        public SortedDictionary<string, decimal> Debit { get; } = new(StringComparer.Ordinal);

        // Every currency that occurs gets an entry, even at 0 (an inbound-only day still names its currency).
        public void Add(string currency, decimal amount) =>
            Debit[currency] = Debit.GetValueOrDefault(currency) + amount;
    }
}
