namespace Analytics.Reports.Aggregates;

/// <summary>
/// The connection-local temporary tables a period's report tables read instead of the raw rows, each built by
/// one pass over the period's calls (see <see cref="AggregateQueries.WithPeriodTablesAsync{T}"/>).
/// </summary>
[Flags]
internal enum PeriodTables
{
    None = 0,

    /// <summary>report_period_calls (calls_period.sql): the summary and the app, country and destination breakdowns.</summary>
    Calls = 1,

    /// <summary>report_period_buckets (calls_period_buckets.sql): the history and the DID breakdown.</summary>
    Buckets = 2,

    /// <summary>report_period_callers (calls_callers.sql): unique callers, for the summary and the history.</summary>
    Callers = 4,

    All = Calls | Buckets | Callers,
}
