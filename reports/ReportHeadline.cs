using Analytics.Reports.Aggregates;

namespace Analytics.Reports;

/// <summary>
/// The numbers a reader wants first, over every source and both directions. Money stays per currency
/// (ISO 4217 → major units, ordinal order); calls nobody priced are counted in <see cref="UnpricedCalls"/>.
/// </summary>
public sealed record ReportHeadline(
    long Calls,
    long InboundCalls,
    long OutboundCalls,
    long Answered,
    decimal Asr,
    long Aloc,
    decimal BilledMinutes,
    long UnpricedCalls,
    IReadOnlyDictionary<string, decimal> CallSpend,
    long Sms,
    long SmsParts,
    IReadOnlyDictionary<string, decimal> SmsSpend,
    IReadOnlyDictionary<string, decimal> TotalSpend)
{
    /// <summary>Sums the <c>ALL</c> rows of the summaries (one per direction and currency).</summary>
    public static ReportHeadline From(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var calls = data.CallsSummary.Where(r => r.Source == "ALL").ToList();
        var sms = data.SmsSummary.Where(r => r.Source == "ALL").ToList();
        var count = calls.Sum(r => r.Count);
        var answered = calls.Sum(r => r.Answered);
        var duration = calls.Sum(r => r.Duration);
        var callSpend = Spend(calls.Select(r => (r.Currency, r.Debit)));
        var smsSpend = Spend(sms.Select(r => (r.Currency, r.Debit)));
        var total = Spend(callSpend.Concat(smsSpend).Select(p => ((string?)p.Key, (decimal?)p.Value)));
        return new ReportHeadline(
            count,
            calls.Where(r => r.Direction == "IN").Sum(r => r.Count),
            calls.Where(r => r.Direction == "OUT").Sum(r => r.Count),
            answered,
            count == 0 ? 0 : Math.Round((decimal)answered / count, 4, MidpointRounding.AwayFromZero),
            answered == 0 ? 0 : (long)Math.Round((decimal)duration / answered, MidpointRounding.AwayFromZero),
            Math.Round(calls.Sum(r => r.BilledSeconds) / 60m, 2, MidpointRounding.AwayFromZero),
            calls.Sum(r => r.Unpriced),
            callSpend,
            sms.Sum(r => r.Count),
            sms.Sum(r => r.Parts),
            smsSpend,
            total);
    }

    private static SortedDictionary<string, decimal> Spend(IEnumerable<(string? Currency, decimal? Debit)> rows)
    {
        var spend = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (currency, debit) in rows)
        {
            if (currency is null || debit is null)
                continue;
            spend[currency] = spend.GetValueOrDefault(currency) + debit.Value;
        }

        return spend;
    }
}
