using Analytics.Reports.Charts;
using Analytics.Reports.Trust;

namespace Analytics.Reports.Aggregates;

/// <summary>Every aggregate of one report run, as DuckDB computed them, plus what the report says about them. The writers only format these.</summary>
public sealed record ReportData(
    ReportPeriod Period,
    IReadOnlyList<CallsSummaryRow> CallsSummary,
    IReadOnlyList<CallsHistoryRow> CallsHistory,
    IReadOnlyList<CallsByAppRow> CallsByApp,
    IReadOnlyList<CallsByCountryRow> CallsByCountry,
    IReadOnlyList<CallsByDestinationRow> CallsByDestination,
    IReadOnlyList<CallsByDidRow> CallsByDid,
    IReadOnlyList<SmsSummaryRow> SmsSummary,
    IReadOnlyList<SmsHistoryRow> SmsHistory)
{
    /// <summary>Each source's coverage of the period (included, failed, missing days, not configured).</summary>
    public IReadOnlyList<SourceCoverage> Coverage { get; init; } = [];

    /// <summary>The summaries against the previous period (and, daily, the same weekday a week before).</summary>
    public IReadOnlyList<ComparisonRow> Comparison { get; init; } = [];

    /// <summary>Alerts raised on the period's last day.</summary>
    public IReadOnlyList<Alert> Alerts { get; init; } = [];

    /// <summary>Daily history giving a short report's spend chart its context; null to chart the period itself.</summary>
    public TrendData? Trend { get; init; }

    /// <summary>True when a configured source failed or misses days: the report must say PARTIAL.</summary>
    public bool IsPartial => Coverage.Any(c => c.MakesPartial);
}
