using Analytics.Sandbox.Data;

namespace Analytics.Sandbox.Totals;

/// <summary>
/// What a provider's own usage report says for a window: the served records of some feeds summed per direction and
/// currency, by the same generator that serves them (so, unfaulted, it is the ground truth). Amounts as served (CALLR: cents).
/// </summary>
internal sealed class UsageGroup
{
    public long Count;
    public long AnsweredSeconds;
    public long BilledSeconds;
    public long Parts;
    public long Delivered;
    public decimal Cost;
    public decimal CarrierFee;
    public HashSet<string> Callers { get; } = new(StringComparer.Ordinal);
}

internal static class UsageTotals
{
    /// <summary>Records with <paramref name="fromMs"/> ≤ time &lt; <paramref name="toMs"/>, keyed by (inbound, currency), ordered.</summary>
    public static SortedDictionary<(bool Inbound, string Currency), UsageGroup> Sum(SandboxData data, IEnumerable<Feed> feeds, long fromMs, long toMs)
    {
        var groups = new SortedDictionary<(bool, string), UsageGroup>();
        foreach (var feed in feeds)
        {
            var ranges = data.Schedule.Ranges(feed, fromMs, toMs);
            if (Feeds.IsSms(feed))
            {
                foreach (var sms in data.SmsIn(feed, ranges))
                {
                    var g = Get(groups, (sms.Inbound, sms.Currency));
                    g.Count++;
                    g.Parts += sms.Parts;
                    g.Cost += sms.Cost;
                    g.CarrierFee += sms.CarrierFee;
                    if (sms.Status == SmsStatus.Delivered)
                        g.Delivered++;
                }
            }
            else
            {
                foreach (var call in data.CallsIn(feed, ranges))
                {
                    var g = Get(groups, (call.Inbound, call.Currency));
                    g.Count++;
                    g.AnsweredSeconds += call.TalkSeconds;
                    g.BilledSeconds += call.BilledSeconds;
                    g.Cost += call.Cost;
                    if (call.Inbound)
                        g.Callers.Add(call.Remote);
                }
            }
        }
        return groups;
    }

    /// <summary>An amount as a faulted report states it: off by <paramref name="skew"/> (a fraction; 0 = exact).</summary>
    public static decimal Skewed(decimal amount, decimal skew) => skew == 0m ? amount : decimal.Round(amount * (1m + skew), 4);

    private static UsageGroup Get(SortedDictionary<(bool, string), UsageGroup> groups, (bool, string) key)
    {
        if (!groups.TryGetValue(key, out var g))
            groups[key] = g = new UsageGroup();
        return g;
    }
}
