using Analytics.Reports.Aggregates;

namespace Analytics.Reports;

/// <summary>What one report run produced: its folder, every file written, the headline and the aggregates themselves.</summary>
public sealed record ReportResult(
    string Directory,
    string Html,
    string Json,
    IReadOnlyList<string> Csv,
    IReadOnlyList<string> Charts,
    ReportHeadline Headline,
    ReportData Data)
{
    /// <summary>Every file of the run: CSVs, JSON, chart SVG/PNGs and index.html.</summary>
    public IReadOnlyList<string> Files => [.. Csv, Json, .. Charts, Html];
}
