using Analytics.Reports.Aggregates;

namespace Analytics.Reports.Trust;

/// <summary>
/// One metric of one source (or ALL) against the previous period of the same length and, for a one-day report,
/// the same weekday a week before. Changes are absolute and relative (null when the earlier value is 0). An earlier
/// value is null, unknown, when the warehouse has no call and no SMS at all for that period (nothing loaded yet), and
/// so are its changes: a report's first day reads "—", not "+4,084 vs 0". ASR and ALOC of a source without calls
/// in a period are unknown too, in this period as in the earlier ones.
/// </summary>
public sealed record ComparisonRow(
    string Source,
    string Metric,
    string? Currency,
    decimal? Current,
    decimal? Previous,
    decimal? WeekAgo)
{
    public decimal? Change => Current is { } c && Previous is { } p ? c - p : null;

    public decimal? ChangePercent => Current is { } c && Previous is { } p ? Relative(c, p) : null;

    public decimal? ChangeWeek => Current is { } c && WeekAgo is { } w ? c - w : null;

    public decimal? ChangeWeekPercent => Current is { } c && WeekAgo is { } w ? Relative(c, w) : null;

    private static decimal? Relative(decimal current, decimal earlier) =>
        earlier == 0 ? null : Math.Round((current - earlier) / earlier, 4, MidpointRounding.AwayFromZero);
}

/// <summary>Builds the comparison rows from the summaries of the period, the previous one and (daily) a week before.</summary>
internal static class Comparisons
{
    public const string Calls = "calls", Asr = "asr", Aloc = "aloc", Unpriced = "unpriced_calls", Sms = "sms", Spend = "spend";

    /// <summary>What a person reads for a metric's key (<c>unpriced_calls</c> → "Unpriced calls"); CSV and JSON keep the key.</summary>
    public static string Label(string metric) => metric switch
    {
        Calls => "Calls",
        Asr => "ASR",
        Aloc => "ALOC (s)",
        Unpriced => "Unpriced calls",
        Sms => "SMS",
        Spend => "Spend",
        _ => metric.Replace('_', ' '),
    };

    public static IReadOnlyList<ComparisonRow> Build(
        (IReadOnlyList<CallsSummaryRow> Calls, IReadOnlyList<SmsSummaryRow> Sms) current,
        (IReadOnlyList<CallsSummaryRow> Calls, IReadOnlyList<SmsSummaryRow> Sms) previous,
        (IReadOnlyList<CallsSummaryRow> Calls, IReadOnlyList<SmsSummaryRow> Sms)? weekAgo)
    {
        var sources = current.Calls.Select(r => r.Source).Concat(current.Sms.Select(r => r.Source))
            .Concat(previous.Calls.Select(r => r.Source)).Concat(previous.Sms.Select(r => r.Source))
            .Distinct().OrderBy(s => s != "ALL").ThenBy(s => s, StringComparer.Ordinal).ToList();
        if (!sources.Contains("ALL"))
            sources.Insert(0, "ALL");
        var rows = new List<ComparisonRow>();
        foreach (var source in sources)
        {
            var now = ReportHeadline.From(current.Calls, current.Sms, source);
            // An earlier period with no call and no SMS at all is one the warehouse has no data for: unknown, not zero.
            var before = Known(previous) ? ReportHeadline.From(previous.Calls, previous.Sms, source) : null;
            var week = weekAgo is { } w && Known(w) ? ReportHeadline.From(w.Calls, w.Sms, source) : null;
            decimal? Earlier(ReportHeadline? h, Func<ReportHeadline, decimal> value, Func<ReportHeadline, bool>? defined) =>
                h is null || (defined is not null && !defined(h)) ? null : value(h);
            void Add(string metric, Func<ReportHeadline, decimal> value, Func<ReportHeadline, bool>? defined = null) =>
                rows.Add(new ComparisonRow(source, metric, null, Earlier(now, value, defined), Earlier(before, value, defined), Earlier(week, value, defined)));
            Add(Calls, h => h.Calls);
            // ASR and ALOC of no calls are undefined, not 0.
            Add(Asr, h => h.Asr, defined: h => h.Calls > 0);
            Add(Aloc, h => h.Aloc, defined: h => h.Answered > 0);
            Add(Unpriced, h => h.UnpricedCalls);
            Add(Sms, h => h.Sms);
            foreach (var currency in now.TotalSpend.Keys.Union(before?.TotalSpend.Keys ?? []).Order(StringComparer.Ordinal))
                rows.Add(new ComparisonRow(source, Spend, currency, now.TotalSpend.GetValueOrDefault(currency), before?.TotalSpend.GetValueOrDefault(currency),
                    week?.TotalSpend.GetValueOrDefault(currency)));
        }

        return rows;
    }

    private static bool Known((IReadOnlyList<CallsSummaryRow> Calls, IReadOnlyList<SmsSummaryRow> Sms) summaries) =>
        summaries.Calls.Any(r => r.Count > 0) || summaries.Sms.Any(r => r.Count > 0);
}
