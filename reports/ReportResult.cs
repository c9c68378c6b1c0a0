using Analytics.Reports.Aggregates;

namespace Analytics.Reports;

/// <summary>What one report run produced: its folder, every file written, the headline, the digest and the aggregates themselves.</summary>
public sealed record ReportResult(
    string Directory,
    string Html,
    string Json,
    string HeadlineJson,
    IReadOnlyList<string> Csv,
    IReadOnlyList<string> Charts,
    ReportHeadline Headline,
    ReportDigest Digest,
    ReportData Data)
{
    /// <summary>Every file of the run: CSVs, JSON, headline.json, chart PNG/SVGs and index.html.</summary>
    public IReadOnlyList<string> Files => [.. Csv, Json, HeadlineJson, .. Charts, Html];
}
