namespace Analytics.Reports;

/// <summary>Where reports go and how periods bucket. Configuration section <c>Reports</c>.</summary>
public sealed record ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Root of report runs: <c>&lt;Output&gt;/&lt;from&gt;_&lt;to&gt;/…</c>. Default <c>./out/reports</c>.</summary>
    public string Output { get; init; } = "./out/reports";

    /// <summary>IANA zone that history buckets and "days" are cut in. Default <c>UTC</c>.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>
    /// DuckDB <c>memory_limit</c> set on the report connection (e.g. <c>80MB</c>, <c>1GB</c>); bigger
    /// aggregates spill to disk instead of growing the process. Empty keeps DuckDB's default (80 % of RAM).
    /// Default <c>80MB</c>: a report over 10M calls then peaked at 229–283 MB RSS in a fresh process, in every case of
    /// the day cache (cold, warm, a day appended, calls replaced), against 226–322 MB with 100MB, in the same time
    /// (<c>bench reports</c>, one run each, 2026-12-07).
    /// </summary>
    public string MemoryLimit { get; init; } = "80MB";

    /// <summary>
    /// Keep each local day's call aggregates and distinct callers under <c>&lt;Output&gt;/.cache/call-days</c> and read
    /// them back while the day's calls are unchanged (see <c>CallDays</c>): a report then adds up from the raw calls only
    /// the days loaded or changed since. Default true; false reads every day from the raw calls each time.
    /// </summary>
    public bool CacheDays { get; init; } = true;
}
