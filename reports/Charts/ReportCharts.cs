using System.Globalization;
using Analytics.Reports.Aggregates;

namespace Analytics.Reports.Charts;

/// <summary>Builds the chart models of a report from its aggregates (no drawing here).</summary>
internal static class ReportCharts
{
    /// <summary>Finance's spend charts (one per currency, never mixing currencies) come first.</summary>
    public static IReadOnlyList<Chart> Spend(ReportData data)
    {
        var buckets = Buckets(data);
        var per = Per(data.Period.Granularity);
        var currencies = data.CallsHistory.Select(r => r.Currency).Concat(data.SmsHistory.Select(r => r.Currency))
            .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (currencies.Count == 0)
            return [new Chart("spend_by_source", $"Spend per {per} by source (calls + SMS)", ChartKind.StackedBars, Labels(data, buckets), [], "spend")];
        return [.. currencies.Select(currency =>
        {
            var calls = data.CallsHistory.Where(r => r.Source != "ALL" && r.Currency == currency).Select(r => (r.PeriodStart, r.Source, r.Debit));
            var sms = data.SmsHistory.Where(r => r.Source != "ALL" && r.Currency == currency).Select(r => (r.PeriodStart, r.Source, r.Debit));
            var rows = calls.Concat(sms).ToList();
            var series = rows.Select(r => r.Source).Distinct().Order(StringComparer.Ordinal)
                .Select(source => new ChartSeries(source, [.. buckets.Select(b => (double)rows
                    .Where(r => r.Source == source && r.PeriodStart == b).Sum(r => r.Debit ?? 0m))]))
                .ToList();
            return new Chart($"spend_by_source_{currency.ToLowerInvariant()}", $"Spend per {per} by source, calls + SMS ({currency})",
                ChartKind.StackedBars, Labels(data, buckets), series, currency);
        })];
    }

    /// <summary>Traffic, quality, rankings and SMS charts.</summary>
    public static IReadOnlyList<Chart> Others(ReportData data)
    {
        var buckets = Buckets(data);
        var labels = Labels(data, buckets);
        var per = Per(data.Period.Granularity);
        var all = data.CallsHistory.Where(r => r.Source == "ALL").ToList();
        ChartSeries CallSeries(string direction, Func<long, long, long, double> measure) => new(direction, [.. buckets.Select(b =>
        {
            var rows = all.Where(r => r.PeriodStart == b && r.Direction == direction).ToList();
            return measure(rows.Sum(r => r.Count), rows.Sum(r => r.Answered), rows.Sum(r => r.Duration));
        })]);
        var smsAll = data.SmsHistory.Where(r => r.Source == "ALL").ToList();
        ChartSeries SmsParts(string direction) => new(direction, [.. buckets.Select(b =>
            (double)smsAll.Where(r => r.PeriodStart == b && r.Direction == direction).Sum(r => r.Parts))]);

        var charts = new List<Chart>
        {
            new("call_volume", $"Calls per {per}, inbound and outbound", ChartKind.Lines, labels,
                [CallSeries("IN", (count, _, _) => count), CallSeries("OUT", (count, _, _) => count)], "calls"),
            new("asr", $"Answer-seizure ratio per {per}", ChartKind.Lines, labels,
                [CallSeries("IN", Asr), CallSeries("OUT", Asr)], "ASR (%)"),
            new("aloc", $"Average length of answered calls per {per}", ChartKind.Lines, labels,
                [CallSeries("IN", Aloc), CallSeries("OUT", Aloc)], "ALOC (seconds)"),
        };
        charts.AddRange(Top("top_destinations", "destinations", data.CallsByDestination.Select(r => (r.Source, r.Currency, Key: r.Destination ?? "(unknown)", r.Debit))));
        charts.AddRange(Top("top_countries", "countries", data.CallsByCountry.Select(r => (r.Source, r.Currency, Key: r.CountryCode ?? "(unknown)", r.Debit))));
        charts.Add(new("sms_parts", $"SMS parts per {per}", ChartKind.Lines, labels, [SmsParts("IN"), SmsParts("OUT")], "parts"));
        var smsCurrencies = data.SmsHistory.Select(r => r.Currency).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var currency in smsCurrencies)
        {
            var rows = data.SmsHistory.Where(r => r.Source != "ALL" && r.Currency == currency).ToList();
            var series = rows.Select(r => r.Source).Distinct().Order(StringComparer.Ordinal)
                .Select(s => new ChartSeries(s, [.. buckets.Select(b => (double)rows.Where(r => r.Source == s && r.PeriodStart == b).Sum(r => r.Debit ?? 0m))]))
                .ToList();
            charts.Add(new($"sms_spend_{currency.ToLowerInvariant()}", $"SMS spend per {per} by source ({currency})", ChartKind.StackedBars, labels, series, currency));
        }

        return charts;
    }

    private static double Asr(long count, long answered, long duration) => count == 0 ? double.NaN : 100.0 * answered / count;

    private static double Aloc(long count, long answered, long duration) => answered == 0 ? double.NaN : Math.Round((double)duration / answered);

    private static IEnumerable<Chart> Top(string name, string what, IEnumerable<(string Source, string? Currency, string Key, decimal? Debit)> rows)
    {
        var priced = rows.Where(r => r.Source == "ALL" && r.Currency is not null && r.Debit > 0).ToList();
        var currencies = priced.Select(r => r.Currency!).Distinct().Order(StringComparer.Ordinal).ToList();
        if (currencies.Count == 0)
            return [new Chart(name, $"Top 10 {what} by spend", ChartKind.HorizontalBars, [], [], "spend")];
        return currencies.Select(currency =>
        {
            var top = priced.Where(r => r.Currency == currency).OrderByDescending(r => r.Debit).ThenBy(r => r.Key, StringComparer.Ordinal).Take(10).ToList();
            return new Chart($"{name}_{currency.ToLowerInvariant()}", $"Top 10 {what} by spend ({currency})", ChartKind.HorizontalBars,
                [.. top.Select(r => r.Key)], [new ChartSeries("spend", [.. top.Select(r => (double)r.Debit!.Value)])], currency);
        });
    }

    private static List<string> Buckets(ReportData data) => [.. data.CallsHistory.Select(r => r.PeriodStart).Distinct()];

    private static string Per(Granularity granularity) => granularity.ToString().ToLowerInvariant();

    /// <summary>Short axis labels: "20 Nov", "20 Nov 14h", "Nov 2026".</summary>
    private static List<string> Labels(ReportData data, List<string> buckets) => [.. buckets.Select(b => data.Period.Granularity switch
    {
        Granularity.Hour => DateTime.ParseExact(b, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).ToString("d MMM HH'h'", CultureInfo.InvariantCulture),
        Granularity.Month => DateTime.ParseExact(b, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMM yyyy", CultureInfo.InvariantCulture),
        _ => DateTime.ParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d MMM", CultureInfo.InvariantCulture),
    })];
}
