namespace Analytics.Reports.Aggregates;

/// <summary>
/// The measures every SMS aggregate carries (CALLR <c>Analytics.SMS.*</c>). One row is one
/// <see cref="Source"/> (or <c>ALL</c>), one <see cref="Direction"/>, one <see cref="Currency"/>.
/// </summary>
public abstract record SmsMetrics : IMetricsRow
{
    /// <summary><c>source</c>: provider name, or <c>ALL</c>.</summary>
    public string Source { get; init; } = "";

    /// <summary><c>direction</c>: IN or OUT.</summary>
    public string Direction { get; init; } = "";

    /// <summary><c>currency</c>: ISO 4217; null (empty in CSV) for messages nobody priced.</summary>
    public string? Currency { get; init; }

    /// <summary><c>count</c>: messages.</summary>
    public long Count { get; init; }

    /// <summary><c>parts</c>: billed parts (segments).</summary>
    public long Parts { get; init; }

    /// <summary><c>unpriced</c>: messages counted here whose debit is unknown.</summary>
    public long Unpriced { get; init; }

    /// <summary><c>debit</c>: cost, major units (CSV: 4 decimals); null when none was priced.</summary>
    public decimal? Debit { get; init; }

    /// <summary><c>credit</c>: earnings, major units (CSV: 4 decimals); null when unknown.</summary>
    public decimal? Credit { get; init; }
}

/// <summary>A row of <c>sms_summary.csv</c> / CALLR <c>Analytics.SMS.Summary.OUT</c> (and IN).</summary>
public sealed record SmsSummaryRow : SmsMetrics
{
    /// <summary><c>debit_billed</c>: the part of debit billed by the providers; null when none was priced.</summary>
    public decimal? BilledDebit { get; init; }

    /// <summary><c>debit_estimated</c>: the part of debit priced from the rate deck (none today: every SMS source bills); null when none was priced.</summary>
    public decimal? EstimatedDebit { get; init; }
}

/// <summary>A row of <c>sms_history.csv</c> / CALLR <c>Analytics.SMS.History.OUT</c>; empty buckets appear with zeros.</summary>
public sealed record SmsHistoryRow : SmsMetrics, IHistoryRow
{
    /// <summary>The bucket's integer key (see <see cref="Bucketing"/>); not written out.</summary>
    public long Bucket { get; init; }

    /// <summary><c>period_start</c>: local start of the bucket in Reports:TimeZone.</summary>
    public string PeriodStart { get; init; } = "";

    /// <summary><c>period_start_utc</c>: the same instant in UTC, yyyy-MM-dd HH:mm:ss (CALLR's <c>date</c>).</summary>
    public string PeriodStartUtc { get; init; } = "";
}
