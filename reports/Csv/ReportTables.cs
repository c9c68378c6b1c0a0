using Analytics.Reports.Aggregates;

namespace Analytics.Reports.Csv;

/// <summary>
/// The columns of every report table, shared by the CSV files and the HTML tables so they never drift.
/// Each header is documented on the record property it comes from.
/// </summary>
internal static class ReportTables
{
    public static readonly IReadOnlyList<Column<CallsSummaryRow>> CallsSummary =
        [Col<CallsSummaryRow>("source", r => r.Source), Col<CallsSummaryRow>("direction", r => r.Direction), .. CallColumns<CallsSummaryRow>(),
         Col<CallsSummaryRow>("unique_callers", r => Cell.Integer(r.UniqueCallers))];

    public static readonly IReadOnlyList<Column<CallsHistoryRow>> CallsHistory =
        [Col<CallsHistoryRow>("period_start", r => r.PeriodStart), Col<CallsHistoryRow>("period_start_utc", r => r.PeriodStartUtc),
         Col<CallsHistoryRow>("source", r => r.Source), Col<CallsHistoryRow>("direction", r => r.Direction), .. CallColumns<CallsHistoryRow>(),
         Col<CallsHistoryRow>("unique_callers", r => Cell.Integer(r.UniqueCallers))];

    public static readonly IReadOnlyList<Column<CallsByAppRow>> CallsByApp =
        [Col<CallsByAppRow>("source", r => r.Source), Col<CallsByAppRow>("app_id", r => r.AppId ?? ""),
         Col<CallsByAppRow>("app_name", r => r.AppName ?? ""), .. CallColumns<CallsByAppRow>()];

    public static readonly IReadOnlyList<Column<CallsByCountryRow>> CallsByCountry =
        [Col<CallsByCountryRow>("source", r => r.Source), Col<CallsByCountryRow>("country_code", r => r.CountryCode ?? ""), .. CallColumns<CallsByCountryRow>()];

    public static readonly IReadOnlyList<Column<CallsByDestinationRow>> CallsByDestination =
        [Col<CallsByDestinationRow>("source", r => r.Source), Col<CallsByDestinationRow>("destination", r => r.Destination ?? ""), .. CallColumns<CallsByDestinationRow>()];

    public static readonly IReadOnlyList<Column<CallsByDidRow>> CallsByDid =
        [Col<CallsByDidRow>("source", r => r.Source), Col<CallsByDidRow>("did", r => r.Did ?? ""), .. CallColumns<CallsByDidRow>()];

    public static readonly IReadOnlyList<Column<SmsSummaryRow>> SmsSummary =
        [Col<SmsSummaryRow>("source", r => r.Source), Col<SmsSummaryRow>("direction", r => r.Direction), .. SmsColumns<SmsSummaryRow>()];

    public static readonly IReadOnlyList<Column<SmsHistoryRow>> SmsHistory =
        [Col<SmsHistoryRow>("period_start", r => r.PeriodStart), Col<SmsHistoryRow>("period_start_utc", r => r.PeriodStartUtc),
         Col<SmsHistoryRow>("source", r => r.Source), Col<SmsHistoryRow>("direction", r => r.Direction), .. SmsColumns<SmsHistoryRow>()];

    private static Column<T> Col<T>(string header, Func<T, string> value) => new(header, value);

    private static IEnumerable<Column<T>> CallColumns<T>() where T : CallMetrics =>
    [
        Col<T>("currency", r => r.Currency ?? ""),
        Col<T>("count", r => Cell.Integer(r.Count)),
        Col<T>("answered", r => Cell.Integer(r.Answered)),
        Col<T>("asr", r => Cell.Ratio(r.Asr)),
        Col<T>("duration", r => Cell.Integer(r.Duration)),
        Col<T>("aloc", r => Cell.Integer(r.Aloc)),
        Col<T>("billed_seconds", r => Cell.Integer(r.BilledSeconds)),
        Col<T>("billed_minutes", r => r.BilledMinutes.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)),
        Col<T>("unpriced", r => Cell.Integer(r.Unpriced)),
        Col<T>("debit", r => Cell.Amount(r.Debit)),
        Col<T>("credit", r => Cell.Amount(r.Credit)),
    ];

    private static IEnumerable<Column<T>> SmsColumns<T>() where T : SmsMetrics =>
    [
        Col<T>("currency", r => r.Currency ?? ""),
        Col<T>("count", r => Cell.Integer(r.Count)),
        Col<T>("parts", r => Cell.Integer(r.Parts)),
        Col<T>("unpriced", r => Cell.Integer(r.Unpriced)),
        Col<T>("debit", r => Cell.Amount(r.Debit)),
        Col<T>("credit", r => Cell.Amount(r.Credit)),
    ];
}
