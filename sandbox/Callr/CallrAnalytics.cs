using System.Text.Json;
using Analytics.Sandbox.Data;
using Analytics.Sandbox.Totals;

namespace Analytics.Sandbox.Callr;

/// <summary>
/// CALLR <c>analytics/calls.summary(from, to)</c> → <c>Analytics.Calls.Summary</c> and <c>analytics/sms.summary(from, to)</c>
/// → <c>Analytics.SMS.Summary</c>, from the served records (calls by <c>start</c>, SMS by <c>date_creation</c>); amounts
/// are cents with 4 decimals, as the objects document.
/// </summary>
internal sealed class CallrAnalytics(SandboxData data)
{
    public const string CallsSummary = "analytics/calls.summary";
    public const string SmsSummary = "analytics/sms.summary";

    /// <summary>Writes the result object of <paramref name="method"/> for <paramref name="fromMs"/> ≤ time &lt; <paramref name="toMs"/>.</summary>
    public void WriteSummary(Utf8JsonWriter w, string method, long fromMs, long toMs, decimal skew)
    {
        var calls = method == CallsSummary;
        w.WriteStartObject();
        foreach (var inbound in new[] { true, false })
        {
            Feed feed = (calls, inbound) switch
            {
                (true, true) => Feed.CallrCdrIn,
                (true, false) => Feed.CallrCdrOut,
                (false, true) => Feed.CallrSmsIn,
                _ => Feed.CallrSmsOut,
            };
            // One account, one currency per feed: the groups of a direction add up.
            var groups = UsageTotals.Sum(data, [feed], fromMs, toMs).Values.ToList();
            long count = groups.Sum(g => g.Count), duration = groups.Sum(g => g.AnsweredSeconds), parts = groups.Sum(g => g.Parts);
            var answered = calls ? data.CallsIn(feed, data.Schedule.Ranges(feed, fromMs, toMs)).Count(c => c.Answered) : 0;
            var debit = UsageTotals.Skewed(groups.Sum(g => g.Cost), skew);
            w.WriteStartObject(inbound ? "IN" : "OUT");
            if (calls)
            {
                w.WriteNumber("aloc", answered == 0 ? 0 : (long)Math.Round((decimal)duration / answered, MidpointRounding.AwayFromZero));
                w.WriteNumber("count", count);
                w.WriteString("credit", "0.0000");
                w.WriteString("debit", Format.Money4(debit));
                w.WriteNumber("duration", duration);
                if (inbound)
                    w.WriteNumber("unique_callers", groups.SelectMany(g => g.Callers).Distinct(StringComparer.Ordinal).Count());
            }
            else
            {
                // [sandbox] the IN object's fields are not documented ("Inbound SMS"): the same as OUT's.
                w.WriteNumber("count", count);
                w.WriteString("credit", "0.0000");
                w.WriteString("debit", Format.Money4(debit));
                w.WriteNumber("parts", parts);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
