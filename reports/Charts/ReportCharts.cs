using System.Globalization;
using Analytics.Reports.Aggregates;

namespace Analytics.Reports.Charts;

/// <summary>
/// Builds the chart models of a report from its aggregates (no drawing here), in finance's order: spend per
/// day by source first, then traffic, quality, rankings and SMS.
/// </summary>
internal static class ReportCharts
{
    /// <summary>Days of context a short report's day charts (spend, calls, ASR, ALOC, SMS) show.</summary>
    public const int TrendDays = 14;

    /// <param name="trend">Daily history ending on the period's last day, for a report shorter than <see cref="TrendDays"/>; null to chart the period itself.</param>
    public static IReadOnlyList<Chart> All(ReportData data, TrendData? trend)
    {
        ArgumentNullException.ThrowIfNull(data);
        var charts = new List<Chart>();
        charts.AddRange(Spend(data, trend));
        // A day-by-day line of one or two points says nothing: a short daily report charts the trailing days too.
        charts.AddRange(Others(data, data.Period.Granularity == Granularity.Day ? trend : null));
        return charts;
    }

    private static List<Chart> Spend(ReportData data, TrendData? trend)
    {
        var calls = trend?.Calls ?? data.CallsHistory;
        var sms = trend?.Sms ?? data.SmsHistory;
        var granularity = trend is null ? data.Period.Granularity : Granularity.Day;
        var buckets = Buckets(calls);
        var labels = Labels(granularity, buckets);
        var per = Per(granularity);
        var context = trend is null ? "" : $", last {buckets.Count} days";
        var currencies = calls.Select(r => r.Currency).Concat(sms.Select(r => r.Currency)).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (currencies.Count == 0)
            return [new Chart("spend_by_source", $"Spend per {per} by source", ChartKind.StackedBars, labels, [], "spend", "calls and SMS" + context)];
        return currencies.Select(currency =>
        {
            var rows = calls.Where(r => r.Source != "ALL" && r.Currency == currency).Select(r => (r.PeriodStart, r.Source, r.Debit))
                .Concat(sms.Where(r => r.Source != "ALL" && r.Currency == currency).Select(r => (r.PeriodStart, r.Source, r.Debit))).ToList();
            // "calls and SMS" and the window go on the title's second line: "calls + SMS" broke across lines at some widths.
            return new Chart($"spend_by_source_{currency.ToLowerInvariant()}", $"Spend per {per} by source ({currency})",
                ChartKind.StackedBars, labels, BySource(rows, buckets), currency, "calls and SMS" + context);
        }).ToList();
    }

    private static List<Chart> Others(ReportData data, TrendData? trend)
    {
        var callsHistory = trend?.Calls ?? data.CallsHistory;
        var smsHistory = trend?.Sms ?? data.SmsHistory;
        var buckets = Buckets(callsHistory);
        var labels = Labels(data.Period.Granularity, buckets);
        var per = Per(data.Period.Granularity);
        string? context = trend is null ? null : $"last {buckets.Count} days";
        var all = callsHistory.Where(r => r.Source == "ALL").ToList();
        var smsAll = smsHistory.Where(r => r.Source == "ALL").ToList();
        // A bucket with no call and no SMS at all is one the warehouse has no data for (before the first load, or a
        // missing day): its counts are unknown and left out of the lines, not drawn as 0, which would read "no calls".
        var known = all.Where(r => r.Count > 0).Select(r => r.PeriodStart).Concat(smsAll.Where(r => r.Count > 0).Select(r => r.PeriodStart)).ToHashSet(StringComparer.Ordinal);
        ChartSeries CallSeries(string direction, Func<long, long, long, double> measure) => new(direction, [.. buckets.Select(b =>
        {
            var rows = all.Where(r => r.PeriodStart == b && r.Direction == direction).ToList();
            return known.Contains(b) ? measure(rows.Sum(r => r.Count), rows.Sum(r => r.Answered), rows.Sum(r => r.Duration)) : double.NaN;
        })]);
        ChartSeries SmsParts(string direction) => new(direction, [.. buckets.Select(b => known.Contains(b)
            ? (double)smsAll.Where(r => r.PeriodStart == b && r.Direction == direction).Sum(r => r.Parts)
            : double.NaN)]);

        var charts = new List<Chart>
        {
            new("call_volume", $"Calls per {per}, inbound and outbound", ChartKind.Lines, labels,
                [CallSeries("IN", (count, _, _) => count), CallSeries("OUT", (count, _, _) => count)], "calls", context),
        };
        charts.AddRange(Top("top_destinations", "destinations", data.CallsByDestination.Select(r => (r.Source, r.Currency, Key: r.Destination, r.Debit)), noteUnknown: true));
        charts.AddRange(Top("top_countries", "countries", data.CallsByCountry.Select(r => (r.Source, r.Currency, Key: r.CountryCode, r.Debit)), noteUnknown: false));
        charts.Add(new("asr", $"Answer-seizure ratio (ASR) per {per}", ChartKind.Lines, labels,
            [CallSeries("IN", (count, answered, _) => count == 0 ? double.NaN : (double)Ratios.Asr(answered, count) * 100),
             CallSeries("OUT", (count, answered, _) => count == 0 ? double.NaN : (double)Ratios.Asr(answered, count) * 100)], "ASR (%)", context));
        charts.Add(new("aloc", $"Average answered call length (ALOC) per {per}", ChartKind.Lines, labels,
            [CallSeries("IN", (_, answered, duration) => answered == 0 ? double.NaN : Ratios.Aloc(duration, answered)),
             CallSeries("OUT", (_, answered, duration) => answered == 0 ? double.NaN : Ratios.Aloc(duration, answered))], "seconds", context));
        foreach (var currency in smsHistory.Select(r => r.Currency).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            var rows = smsHistory.Where(r => r.Source != "ALL" && r.Currency == currency).Select(r => (r.PeriodStart, r.Source, r.Debit)).ToList();
            charts.Add(new($"sms_spend_{currency.ToLowerInvariant()}", $"SMS spend per {per} by source ({currency})", ChartKind.StackedBars, labels, BySource(rows, buckets), currency, context));
        }

        charts.Add(new("sms_parts", $"SMS parts per {per}, inbound and outbound", ChartKind.Lines, labels, [SmsParts("IN"), SmsParts("OUT")], "parts", context));
        return charts;
    }

    private static List<ChartSeries> BySource(List<(string PeriodStart, string Source, decimal? Debit)> rows, List<string> buckets) =>
        [.. rows.Select(r => r.Source).Distinct().Order(StringComparer.Ordinal)
            .Select(source => new ChartSeries(source, [.. buckets.Select(b => (double)rows.Where(r => r.Source == source && r.PeriodStart == b).Sum(r => r.Debit ?? 0m))]))];

    /// <summary>
    /// Top 10 by spend per currency. When more than a third of a currency's spend has no key (only CALLR sends a
    /// destination), the chart leaves the unknown bar out and says how much it is, instead of one big "(unknown)" bar.
    /// </summary>
    private static IEnumerable<Chart> Top(string name, string what, IEnumerable<(string Source, string? Currency, string? Key, decimal? Debit)> rows, bool noteUnknown)
    {
        var priced = rows.Where(r => r.Source == "ALL" && r.Currency is not null && r.Debit > 0).ToList();
        var currencies = priced.Select(r => r.Currency!).Distinct().Order(StringComparer.Ordinal).ToList();
        if (currencies.Count == 0)
            return [new Chart(name, $"Top 10 {what} by spend", ChartKind.HorizontalBars, [], [], "spend")];
        return currencies.Select(currency =>
        {
            var inCurrency = priced.Where(r => r.Currency == currency).ToList();
            var total = inCurrency.Sum(r => r.Debit!.Value);
            var unknown = inCurrency.Where(r => string.IsNullOrEmpty(r.Key)).Sum(r => r.Debit!.Value);
            var share = total == 0 ? 0 : unknown / total;
            var hideUnknown = noteUnknown && share > 1m / 3;
            var top = inCurrency.Where(r => !hideUnknown || !string.IsNullOrEmpty(r.Key))
                .OrderByDescending(r => r.Debit).ThenBy(r => r.Key, StringComparer.Ordinal).Take(10).ToList();
            var note = hideUnknown
                ? string.Create(CultureInfo.InvariantCulture, $"{share * 100:0} % of {currency} spend ({unknown:N2}) has no {what[..^1]} and is not shown")
                : null;
            return new Chart($"{name}_{currency.ToLowerInvariant()}", $"Top 10 {what} by spend ({currency})", ChartKind.HorizontalBars,
                [.. top.Select(r => string.IsNullOrEmpty(r.Key) ? "(unknown)" : r.Key)], [new ChartSeries("spend", [.. top.Select(r => (double)r.Debit!.Value)])], currency, note,
                EmptyText: hideUnknown ? $"No {what[..^1]} known" : "No data");
        });
    }

    private static List<string> Buckets(IReadOnlyList<IHistoryRow> rows) => [.. rows.Select(r => r.PeriodStart).Distinct()];

    private static string Per(Granularity granularity) => granularity.ToString().ToLowerInvariant();

    /// <summary>Short axis labels: "20 Nov", "20 Nov 14h", "Nov 2026".</summary>
    private static List<string> Labels(Granularity granularity, List<string> buckets) => [.. buckets.Select(b => granularity switch
    {
        Granularity.Hour => DateTime.ParseExact(b, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).ToString("HH'h'", CultureInfo.InvariantCulture),
        Granularity.Month => DateTime.ParseExact(b, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMM yyyy", CultureInfo.InvariantCulture),
        _ => DateTime.ParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d MMM", CultureInfo.InvariantCulture),
    })];
}

/// <summary>Daily history of the days before and through a short report, for its spend chart and alerts.</summary>
public sealed record TrendData(ReportPeriod Days, IReadOnlyList<CallsHistoryRow> Calls, IReadOnlyList<SmsHistoryRow> Sms);
