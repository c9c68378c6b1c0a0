using Analytics.Reports.Aggregates;

namespace Analytics.Reports;

/// <summary>
/// The numbers a reader wants first, over every source and both directions. Money stays per currency
/// (ISO 4217 → major units, ordinal order); calls nobody priced are counted in <see cref="UnpricedCalls"/>.
/// <see cref="EstimatedSpend"/> is the part of <see cref="TotalSpend"/> we priced from the rate deck rather than a
/// provider billed (null in a headline.json written before it existed).
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
    IReadOnlyDictionary<string, decimal> TotalSpend,
    IReadOnlyDictionary<string, decimal>? EstimatedSpend = null)
{
    /// <summary>The part of <see cref="TotalSpend"/> the providers billed, per currency.</summary>
    public IReadOnlyDictionary<string, decimal> BilledSpend => new SortedDictionary<string, decimal>(
        TotalSpend.ToDictionary(s => s.Key, s => s.Value - (EstimatedSpend?.GetValueOrDefault(s.Key) ?? 0m), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>True when some spend is an estimate from the rate deck, not billed.</summary>
    public bool HasEstimatedSpend => EstimatedSpend?.Values.Any(v => v != 0m) == true;

    /// <summary>Unpriced calls' share of all calls (0–1, 4 decimals).</summary>
    public decimal UnpricedShare => Ratios.Asr(UnpricedCalls, Calls);

    /// <summary>True when nothing at all happened in the period.</summary>
    public bool IsEmpty => Calls == 0 && Sms == 0;

    /// <summary>Sums the <c>ALL</c> rows of the summaries (one per direction and currency).</summary>
    public static ReportHeadline From(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return From(data.CallsSummary, data.SmsSummary, "ALL");
    }

    /// <summary>The headline of one source (or <c>ALL</c>) from summary rows.</summary>
    public static ReportHeadline From(IReadOnlyList<CallsSummaryRow> callsSummary, IReadOnlyList<SmsSummaryRow> smsSummary, string source)
    {
        ArgumentNullException.ThrowIfNull(callsSummary);
        ArgumentNullException.ThrowIfNull(smsSummary);
        var calls = callsSummary.Where(r => r.Source == source).ToList();
        var sms = smsSummary.Where(r => r.Source == source).ToList();
        var count = calls.Sum(r => r.Count);
        var answered = calls.Sum(r => r.Answered);
        var callSpend = Spend(calls.Select(r => (r.Currency, r.Debit)));
        var smsSpend = Spend(sms.Select(r => (r.Currency, r.Debit)));
        var total = Spend(callSpend.Concat(smsSpend).Select(p => ((string?)p.Key, (decimal?)p.Value)));
        var estimated = Spend(calls.Select(r => (r.Currency, r.EstimatedDebit)).Concat(sms.Select(r => (r.Currency, r.EstimatedDebit))));
        return new ReportHeadline(
            count,
            calls.Where(r => r.Direction == "IN").Sum(r => r.Count),
            calls.Where(r => r.Direction == "OUT").Sum(r => r.Count),
            answered,
            Ratios.Asr(answered, count),
            Ratios.Aloc(calls.Sum(r => r.Duration), answered),
            Ratios.Minutes(calls.Sum(r => r.BilledSeconds)),
            calls.Sum(r => r.Unpriced),
            callSpend,
            sms.Sum(r => r.Count),
            sms.Sum(r => r.Parts),
            smsSpend,
            total,
            estimated);
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
