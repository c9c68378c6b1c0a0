namespace Analytics.Reports;

/// <summary>Where reports go and how periods bucket. Configuration section <c>Reports</c>.</summary>
public sealed record ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Root of report runs: <c>&lt;Output&gt;/&lt;from&gt;_&lt;to&gt;/…</c>. Default <c>./out/reports</c>.</summary>
    public string Output { get; init; } = "./out/reports";

    /// <summary>IANA zone that history buckets and "days" are cut in. Default <c>UTC</c>.</summary>
    public string TimeZone { get; init; } = "UTC";
}
