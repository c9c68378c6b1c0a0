using System.Globalization;
using System.Text.Json;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Json;
using Analytics.Reports.Trust;

namespace Analytics.Reports.Tables;

/// <summary>
/// Every table of a report, in the order the CSVs, analytics.json and the HTML page list them. Each column's
/// CSV header is documented on the record property it comes from.
/// </summary>
internal static class ReportTables
{
    public static readonly ReportTable<CallsSummaryRow> CallsSummary = new(
        "calls_summary", "Calls summary",
        [Text<CallsSummaryRow>("source", "Source", r => r.Source), Text<CallsSummaryRow>("direction", "Direction", r => r.Direction),
         .. CallColumns<CallsSummaryRow>(), Int<CallsSummaryRow>("unique_callers", "Unique callers", r => r.UniqueCallers),
         new("debit_billed", "Billed spend", CellKind.Amount, r => r.BilledDebit), new("debit_estimated", "Estimated spend", CellKind.Amount, r => r.EstimatedDebit)],
        d => d.CallsSummary, "Analytics.Calls.Summary", CallrJson.Grouping<CallsSummaryRow>((w, rows) => CallrJson.ByDirection(w, rows, r => r.Direction, CallrJson.SummaryCall)));

    public static readonly ReportTable<CallsHistoryRow> CallsHistory = new(
        "calls_history", "Calls history (all sources, newest first)",
        [Text<CallsHistoryRow>("period_start", "Period", r => r.PeriodStart), Text<CallsHistoryRow>("period_start_utc", "Starts (UTC)", r => r.PeriodStartUtc),
         Text<CallsHistoryRow>("source", "Source", r => r.Source), Text<CallsHistoryRow>("direction", "Direction", r => r.Direction),
         .. CallColumns<CallsHistoryRow>(), Int<CallsHistoryRow>("unique_callers", "Unique callers", r => r.UniqueCallers)],
        d => d.CallsHistory, "Analytics.Calls.History", CallrJson.Grouping<CallsHistoryRow>((w, rows) => CallrJson.ByDirectionArray(w, rows, r => r.Direction, CallrJson.HistoryCall)),
        HtmlRows: rows => rows.Where(r => r.Source == "ALL").OrderByDescending(r => r.Bucket),
        Complete: (period, rows) => HistoryGrid.Fill(period, rows,
            d => new CallsHistoryRow { Source = d.Source, Direction = d.Direction, Currency = d.Currency, Debit = d.Currency is null ? null : 0m, Credit = d.Currency is null ? null : 0m },
            (r, key, local, utc) => r with { Bucket = key, PeriodStart = local, PeriodStartUtc = utc }));

    public static readonly ReportTable<CallsByAppRow> CallsByApp = new(
        "calls_by_app", "Calls by app",
        [Text<CallsByAppRow>("source", "Source", r => r.Source), Text<CallsByAppRow>("app_id", "App id", r => r.AppId ?? ""),
         Text<CallsByAppRow>("app_name", "App", r => r.AppName ?? ""), .. CallColumns<CallsByAppRow>()],
        d => d.CallsByApp, "Analytics.Calls.App", CallrJson.Grouping<CallsByAppRow>((w, rows) => CallrJson.Array(w, rows, (j, r) => CallrJson.Call(j, r, () => j.WriteString("hash", r.AppId)))));

    public static readonly ReportTable<CallsByCountryRow> CallsByCountry = new(
        "calls_by_country", "Calls by country",
        [Text<CallsByCountryRow>("source", "Source", r => r.Source), Text<CallsByCountryRow>("country_code", "Country", r => r.CountryCode ?? ""),
         .. CallColumns<CallsByCountryRow>()],
        d => d.CallsByCountry, "Analytics.Calls.Country", CallrJson.Grouping<CallsByCountryRow>((w, rows) => CallrJson.Array(w, rows, (j, r) => CallrJson.Call(j, r, countryCode: r.CountryCode))));

    public static readonly ReportTable<CallsByDestinationRow> CallsByDestination = new(
        "calls_by_destination", "Calls by destination",
        [Text<CallsByDestinationRow>("source", "Source", r => r.Source), Text<CallsByDestinationRow>("destination", "Destination", r => r.Destination ?? ""),
         .. CallColumns<CallsByDestinationRow>()],
        d => d.CallsByDestination, "Analytics.Calls.Destination",
        CallrJson.Grouping<CallsByDestinationRow>((w, rows) => CallrJson.Array(w, rows, (j, r) => CallrJson.Call(j, r, billingLabel: r.Destination, hasBillingLabel: true))));

    public static readonly ReportTable<CallsByDidRow> CallsByDid = new(
        "calls_by_did", "Inbound calls by number called (DID)",
        [Text<CallsByDidRow>("source", "Source", r => r.Source), Text<CallsByDidRow>("did", "Number called", r => r.Did ?? ""), .. CallColumns<CallsByDidRow>()],
        d => d.CallsByDid, "Analytics.Calls.DID", CallrJson.Grouping<CallsByDidRow>((w, rows) => CallrJson.Array(w, rows, (j, r) => CallrJson.Call(j, r, () =>
        {
            j.WriteString("hash", r.Did);
            j.WriteString("intl", r.Did);
        }, billingLabel: null, hasBillingLabel: true))));

    public static readonly ReportTable<SmsSummaryRow> SmsSummary = new(
        "sms_summary", "SMS summary",
        [Text<SmsSummaryRow>("source", "Source", r => r.Source), Text<SmsSummaryRow>("direction", "Direction", r => r.Direction), .. SmsColumns<SmsSummaryRow>(),
         new("debit_billed", "Billed spend", CellKind.Amount, r => r.BilledDebit), new("debit_estimated", "Estimated spend", CellKind.Amount, r => r.EstimatedDebit)],
        d => d.SmsSummary, "Analytics.SMS.Summary", CallrJson.Grouping<SmsSummaryRow>((w, rows) => CallrJson.ByDirection(w, rows, r => r.Direction, (j, r) => CallrJson.SmsSummary(j, r))));

    public static readonly ReportTable<SmsHistoryRow> SmsHistory = new(
        "sms_history", "SMS history (all sources, newest first)",
        [Text<SmsHistoryRow>("period_start", "Period", r => r.PeriodStart), Text<SmsHistoryRow>("period_start_utc", "Starts (UTC)", r => r.PeriodStartUtc),
         Text<SmsHistoryRow>("source", "Source", r => r.Source), Text<SmsHistoryRow>("direction", "Direction", r => r.Direction), .. SmsColumns<SmsHistoryRow>()],
        d => d.SmsHistory, "Analytics.SMS.History", CallrJson.Grouping<SmsHistoryRow>((w, rows) => CallrJson.ByDirectionArray(w, rows, r => r.Direction, (j, r) => CallrJson.Sms(j, r, r.PeriodStartUtc))),
        HtmlRows: rows => rows.Where(r => r.Source == "ALL").OrderByDescending(r => r.Bucket),
        Complete: (period, rows) => HistoryGrid.Fill(period, rows,
            d => new SmsHistoryRow { Source = d.Source, Direction = d.Direction, Currency = d.Currency, Debit = d.Currency is null ? null : 0m, Credit = d.Currency is null ? null : 0m },
            (r, key, local, utc) => r with { Bucket = key, PeriodStart = local, PeriodStartUtc = utc }));

    /// <summary>Every summary metric against the previous period of the same length (and, daily, a week before).</summary>
    public static readonly ReportTable<ComparisonRow> Comparison = new(
        "comparison", "Compared with the previous period",
        [Text<ComparisonRow>("source", "Source", r => r.Source), new("metric", "Metric", CellKind.Text, r => r.Metric, r => Comparisons.Label(r.Metric)),
         Text<ComparisonRow>("currency", "Currency", r => r.Currency ?? ""),
         Compared("current", "This period", r => r.Current, change: false), Compared("previous", "Previous period", r => r.Previous, change: false),
         Compared("change", "Change", r => r.Change, change: true), new("change_pct", "Change %", CellKind.Change, r => r.ChangePercent),
         Compared("week_ago", "Week before", r => r.WeekAgo, change: false), Compared("change_week", "Change vs week", r => r.ChangeWeek, change: true),
         new("change_week_pct", "Change vs week %", CellKind.Change, r => r.ChangeWeekPercent)],
        d => d.Comparison, "comparison", (w, rows) => JsonArray(w, rows, ["source", "metric", "currency", "current", "previous", "change", "change_pct", "week_ago", "change_week", "change_week_pct"],
            r => [r.Source, r.Metric, r.Currency, r.Current, r.Previous, r.Change, r.ChangePercent, r.WeekAgo, r.ChangeWeek, r.ChangeWeekPercent]));

    /// <summary>Alerts raised on the period's last day.</summary>
    public static readonly ReportTable<Alert> Alerts = new(
        "alerts", "Alerts",
        [Text<Alert>("day", "Day", r => r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), Text<Alert>("source", "Source", r => r.Source),
         Text<Alert>("currency", "Currency", r => r.Currency ?? ""), new("rule", "Rule", CellKind.Text, r => r.Rule, r => AlertKinds.Label(r.Rule)),
         new("value", "Value", CellKind.Decimal2, r => r.Value, r => AlertKinds.Figure(r.Rule, r.Value)),
         new("baseline", "Compared with", CellKind.Decimal2, r => r.Baseline, r => AlertKinds.Baseline(r.Rule, r.Baseline)),
         Text<Alert>("message", "What happened", r => r.Message)],
        d => d.Alerts, "alerts", (w, rows) => JsonArray(w, rows, ["day", "source", "currency", "rule", "value", "baseline", "message"],
            r => [r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Source, r.Currency, r.Rule, r.Value, r.Baseline, r.Message]));

    // A comparison value is read by its metric: ASR as a percentage (its change in points), counts and seconds whole, money with cents.
    private static Column<ComparisonRow> Compared(string header, string label, Func<ComparisonRow, decimal?> value, bool change) =>
        new(header, label, CellKind.Number, r => value(r), r => value(r) is { } v ? ComparisonText(r.Metric, v, change) : "—");

    private static string ComparisonText(string metric, decimal value, bool change)
    {
        var sign = change && value > 0 ? "+" : "";
        return metric switch
        {
            Comparisons.Asr when change => sign + (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pts",
            Comparisons.Asr => Cell.Percent(value),
            Comparisons.Spend => sign + value.ToString("N2", CultureInfo.InvariantCulture),
            _ => sign + value.ToString("N0", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The tables in file order.</summary>
    public static readonly IReadOnlyList<IReportTable> All =
        [CallsSummary, CallsHistory, CallsByApp, CallsByCountry, CallsByDestination, CallsByDid, SmsSummary, SmsHistory, Comparison, Alerts];

    /// <summary>The order the HTML page shows them: summaries, comparison and alerts (also in the banner on top), then breakdowns, then history.</summary>
    public static readonly IReadOnlyList<IReportTable> HtmlOrder =
        [CallsSummary, SmsSummary, Comparison, Alerts, CallsByDestination, CallsByCountry, CallsByApp, CallsByDid, CallsHistory, SmsHistory];

    private static void JsonArray<T>(Utf8JsonWriter json, IReadOnlyList<T> rows, string[] names, Func<T, object?[]> values)
    {
        json.WriteStartArray();
        foreach (var row in rows)
        {
            json.WriteStartObject();
            foreach (var (name, value) in names.Zip(values(row)))
            {
                switch (value)
                {
                    case null:
                        json.WriteNull(name);
                        break;
                    case decimal d:
                        json.WriteNumber(name, d);
                        break;
                    default:
                        json.WriteString(name, value.ToString());
                        break;
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static Column<T> Text<T>(string header, string label, Func<T, string> value) => new(header, label, CellKind.Text, value);

    private static Column<T> Int<T>(string header, string label, Func<T, long> value) => new(header, label, CellKind.Integer, r => value(r));

    private static IEnumerable<Column<T>> CallColumns<T>() where T : CallMetrics =>
    [
        Text<T>("currency", "Currency", r => r.Currency ?? ""),
        Int<T>("count", "Calls", r => r.Count),
        Int<T>("answered", "Answered", r => r.Answered),
        new("asr", "ASR", CellKind.Ratio, r => r.Asr),
        Int<T>("duration", "Talk time (s)", r => r.Duration),
        Int<T>("aloc", "ALOC (s)", r => r.Aloc),
        Int<T>("billed_seconds", "Billed (s)", r => r.BilledSeconds),
        new("billed_minutes", "Billed (min)", CellKind.Decimal2, r => r.BilledMinutes),
        Int<T>("unpriced", "Unpriced", r => r.Unpriced),
        new("debit", "Spend", CellKind.Amount, r => r.Debit),
        new("credit", "Earned", CellKind.Amount, r => r.Credit),
    ];

    private static IEnumerable<Column<T>> SmsColumns<T>() where T : SmsMetrics =>
    [
        Text<T>("currency", "Currency", r => r.Currency ?? ""),
        Int<T>("count", "Messages", r => r.Count),
        Int<T>("parts", "Parts", r => r.Parts),
        Int<T>("unpriced", "Unpriced", r => r.Unpriced),
        new("debit", "Spend", CellKind.Amount, r => r.Debit),
        new("credit", "Earned", CellKind.Amount, r => r.Credit),
    ];
}
