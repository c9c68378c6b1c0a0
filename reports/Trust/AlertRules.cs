using System.Globalization;
using Analytics.Reports.Aggregates;

namespace Analytics.Reports.Trust;

/// <summary>
/// Evaluates the alert rules on a report's last day, per source and currency, against the 7 days before it
/// (daily history): a spend spike (against the average of those days that had traffic), an ASR drop (both only with at least MinCalls calls, so noise stays
/// quiet), and a source that sent nothing on a day it usually sends (traffic on 5 or more of the 7 days).
/// </summary>
internal static class AlertRules
{
    public const int TrailingDays = 7;

    public static IReadOnlyList<Alert> Evaluate(DateOnly day, IReadOnlyList<CallsHistoryRow> calls, IReadOnlyList<SmsHistoryRow> sms, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var label = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var trailing = Enumerable.Range(1, TrailingDays).Select(i => day.AddDays(-i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var perSource = calls.Where(r => r.Source != "ALL").ToList();
        var smsPerSource = sms.Where(r => r.Source != "ALL").ToList();
        var alerts = new List<Alert>();
        foreach (var group in perSource.GroupBy(r => (r.Source, r.Currency)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal))
        {
            var today = group.Where(r => r.PeriodStart == label).ToList();
            var before = group.Where(r => trailing.Contains(r.PeriodStart)).ToList();
            var (source, currency) = group.Key;
            long todayCalls = today.Sum(r => r.Count), beforeCalls = before.Sum(r => r.Count);
            // The baseline is the trailing days on which this source and currency had traffic: a day before the
            // warehouse held any data (or a source added last week) is unknown, not zero spend.
            var activeDays = before.Where(r => r.Count > 0).Select(r => r.PeriodStart)
                .Concat(smsPerSource.Where(r => r.Source == source && r.Currency == currency && r.Count > 0 && trailing.Contains(r.PeriodStart)).Select(r => r.PeriodStart))
                .Distinct(StringComparer.Ordinal).Count();
            if (currency is not null && todayCalls >= options.MinCalls && beforeCalls >= options.MinCalls && activeDays > 0)
            {
                var spend = today.Sum(r => r.Debit ?? 0) + SmsSpend(smsPerSource, source, currency, new HashSet<string>(StringComparer.Ordinal) { label });
                var average = (before.Sum(r => r.Debit ?? 0) + SmsSpend(smsPerSource, source, currency, trailing)) / activeDays;
                if (average > 0 && spend > average * (1 + (options.SpendSpikePercent / 100)))
                    alerts.Add(new Alert(day, source, currency, Alert.SpendSpike, Math.Round(spend, 2), Math.Round(average, 2), string.Create(CultureInfo.InvariantCulture,
                        $"{source}: {currency} spend {spend:N2} on {label} is {(spend / average) - 1:P0} above its 7-day average of {average:N2}")));
            }

            if (todayCalls >= options.MinCalls && beforeCalls >= options.MinCalls)
            {
                var asr = Ratios.Asr(today.Sum(r => r.Answered), todayCalls);
                var usual = Ratios.Asr(before.Sum(r => r.Answered), beforeCalls);
                if ((usual - asr) * 100 > options.AsrDropPoints)
                    alerts.Add(new Alert(day, source, currency, Alert.AsrDrop, asr, usual, string.Create(CultureInfo.InvariantCulture,
                        $"{source}{(currency is null ? "" : " (" + currency + ")")}: ASR {asr * 100:0.0} % on {label}, {(usual - asr) * 100:0.0} points below its 7-day {usual * 100:0.0} %")));
            }
        }

        var traffic = perSource.Select(r => (r.Source, r.PeriodStart, r.Count)).Concat(smsPerSource.Select(r => (r.Source, r.PeriodStart, r.Count))).ToList();
        foreach (var source in traffic.Select(t => t.Source).Distinct().Order(StringComparer.Ordinal))
        {
            var activeDays = traffic.Where(t => t.Source == source && t.Count > 0 && trailing.Contains(t.PeriodStart)).Select(t => t.PeriodStart).Distinct().Count();
            var today = traffic.Where(t => t.Source == source && t.PeriodStart == label).Sum(t => t.Count);
            if (activeDays >= 5 && today == 0)
                alerts.Add(new Alert(day, source, null, Alert.SilentSource, 0, activeDays, string.Create(CultureInfo.InvariantCulture,
                    $"{source}: no calls or SMS on {label}, though it sent traffic on {activeDays} of the 7 days before")));
        }

        return alerts;
    }

    private static decimal SmsSpend(List<SmsHistoryRow> sms, string source, string currency, HashSet<string> days) =>
        sms.Where(r => r.Source == source && r.Currency == currency && days.Contains(r.PeriodStart)).Sum(r => r.Debit ?? 0);
}
