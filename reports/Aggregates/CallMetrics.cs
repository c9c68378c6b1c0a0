namespace Analytics.Reports.Aggregates;

/// <summary>
/// The measures every call aggregate carries (CALLR's <c>Analytics.Calls.*</c> fields plus the ratios
/// finance and telecom users read). One row is one <see cref="Source"/> (or <c>ALL</c>) in one
/// <see cref="Currency"/>: amounts in different currencies are never added together.
/// </summary>
public abstract record CallMetrics : IMetricsRow
{
    /// <summary><c>source</c>: provider name, or <c>ALL</c> for the total over every source.</summary>
    public string Source { get; init; } = "";

    /// <summary><c>currency</c>: ISO 4217 of debit/credit; null (empty in CSV) for calls nobody priced.</summary>
    public string? Currency { get; init; }

    /// <summary><c>count</c>: all calls (attempts), answered or not.</summary>
    public long Count { get; init; }

    /// <summary><c>answered</c>: calls with status ANSWERED.</summary>
    public long Answered { get; init; }

    /// <summary><c>asr</c>: answer-seizure ratio, answered ÷ count, 4 decimals (0 when no calls).</summary>
    public decimal Asr => Ratios.Asr(Answered, Count);

    /// <summary><c>duration</c>: answered seconds (talk time) summed.</summary>
    public long Duration { get; init; }

    /// <summary><c>aloc</c>: average length of call, duration ÷ answered rounded to whole seconds (0 when none answered).</summary>
    public long Aloc => Ratios.Aloc(Duration, Answered);

    /// <summary><c>billed_seconds</c>: billed seconds (answered time rounded up to the billing increment).</summary>
    public long BilledSeconds { get; init; }

    /// <summary><c>billed_minutes</c>: billed_seconds ÷ 60, 2 decimals.</summary>
    public decimal BilledMinutes => Ratios.Minutes(BilledSeconds);

    /// <summary><c>unpriced</c>: calls counted here whose debit is unknown (e.g. TeleVoIPs without a rate deck).</summary>
    public long Unpriced { get; init; }

    /// <summary><c>debit</c>: what the calls cost us, major units (CSV: 4 decimals); null when none was priced.</summary>
    public decimal? Debit { get; init; }

    /// <summary><c>credit</c>: what the calls earned, major units (CSV: 4 decimals); null when unknown.</summary>
    public decimal? Credit { get; init; }
}

/// <summary>A row of <c>calls_summary.csv</c> / CALLR <c>Analytics.Calls.Summary.IN|OUT</c>.</summary>
public sealed record CallsSummaryRow : CallMetrics
{
    /// <summary><c>direction</c>: IN or OUT.</summary>
    public string Direction { get; init; } = "";

    /// <summary><c>unique_callers</c>: distinct caller numbers of inbound calls (0 for OUT).</summary>
    public long UniqueCallers { get; init; }

    /// <summary><c>debit_billed</c>: the part of debit billed by the providers (<c>cost_basis</c> provider); null when none was priced.</summary>
    public decimal? BilledDebit { get; init; }

    /// <summary>
    /// <c>debit_estimated</c>: the part of debit we priced from the rate deck (<c>Rates:Path</c>, <c>cost_basis</c> rated), an
    /// estimate that no provider billed; null when none was priced. <c>debit</c> = <c>debit_billed</c> + <c>debit_estimated</c>.
    /// </summary>
    public decimal? EstimatedDebit { get; init; }
}

/// <summary>A row of <c>calls_history.csv</c> / CALLR <c>Analytics.Calls.History.Call</c>; empty buckets appear with zeros.</summary>
public sealed record CallsHistoryRow : CallMetrics, IHistoryRow
{
    /// <summary>The bucket's integer key (see <see cref="Bucketing"/>); not written out.</summary>
    public long Bucket { get; init; }

    /// <summary><c>period_start</c>: local start of the bucket in Reports:TimeZone (hour: yyyy-MM-dd HH:00, day/week: yyyy-MM-dd, month: yyyy-MM).</summary>
    public string PeriodStart { get; init; } = "";

    /// <summary><c>period_start_utc</c>: the same instant in UTC, yyyy-MM-dd HH:mm:ss (CALLR's <c>date</c>).</summary>
    public string PeriodStartUtc { get; init; } = "";

    /// <summary><c>direction</c>: IN or OUT.</summary>
    public string Direction { get; init; } = "";

    /// <summary><c>unique_callers</c>: distinct caller numbers of inbound calls in the bucket.</summary>
    public long UniqueCallers { get; init; }
}

/// <summary>A row of <c>calls_by_app.csv</c> / CALLR <c>Analytics.Calls.App</c>.</summary>
public sealed record CallsByAppRow : CallMetrics
{
    /// <summary><c>app_id</c>: the voice app's id (CALLR <c>hash</c>); empty when the call ran no app.</summary>
    public string? AppId { get; init; }

    /// <summary><c>app_name</c>: the voice app's name.</summary>
    public string? AppName { get; init; }
}

/// <summary>A row of <c>calls_by_country.csv</c> / CALLR <c>Analytics.Calls.Country</c>.</summary>
public sealed record CallsByCountryRow : CallMetrics
{
    /// <summary><c>country_code</c>: ISO 3166-1 alpha-2 of the remote party; empty when unknown.</summary>
    public string? CountryCode { get; init; }
}

/// <summary>A row of <c>calls_by_destination.csv</c> / CALLR <c>Analytics.Calls.Destination</c>.</summary>
public sealed record CallsByDestinationRow : CallMetrics
{
    /// <summary><c>destination</c>: billing label (CALLR <c>billing_label</c>); empty when unknown.</summary>
    public string? Destination { get; init; }
}

/// <summary>A row of <c>calls_by_did.csv</c> / CALLR <c>Analytics.Calls.DID</c>: inbound calls per called number.</summary>
public sealed record CallsByDidRow : CallMetrics
{
    /// <summary><c>did</c>: our number that was called, E.164 (CALLR <c>intl</c>).</summary>
    public string? Did { get; init; }
}
