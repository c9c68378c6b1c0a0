namespace Analytics.Reports.Aggregates;

/// <summary>Every aggregate of one report run, as DuckDB computed them. The writers only format these.</summary>
public sealed record ReportData(
    ReportPeriod Period,
    IReadOnlyList<CallsSummaryRow> CallsSummary,
    IReadOnlyList<CallsHistoryRow> CallsHistory,
    IReadOnlyList<CallsByAppRow> CallsByApp,
    IReadOnlyList<CallsByCountryRow> CallsByCountry,
    IReadOnlyList<CallsByDestinationRow> CallsByDestination,
    IReadOnlyList<CallsByDidRow> CallsByDid,
    IReadOnlyList<SmsSummaryRow> SmsSummary,
    IReadOnlyList<SmsHistoryRow> SmsHistory);
