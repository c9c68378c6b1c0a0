using System.Globalization;

namespace Analytics.Reports.Trust;

/// <summary>The sentences that say how far a report can be trusted, shared by the HTML page and the email.</summary>
public static class TrustText
{
    /// <summary>One line per kind of coverage: included, missing days, failed (with cause), not configured.</summary>
    public static IReadOnlyList<string> Coverage(IReadOnlyList<SourceCoverage> coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var lines = new List<string>();
        var included = coverage.Where(c => c.State == SourceCoverageState.Included).Select(c => c.Source).ToList();
        lines.Add("Sources included: " + (included.Count == 0 ? "none" : string.Join(", ", included)));
        foreach (var c in coverage.Where(c => c.State == SourceCoverageState.Failed))
            lines.Add($"FAILED: {c.Source}" + (string.IsNullOrWhiteSpace(c.Cause) ? "" : $" ({c.Cause})") + " — its numbers are missing from this report");
        foreach (var c in coverage.Where(c => c.State == SourceCoverageState.MissingDays))
            lines.Add($"Missing days: {c.Source} " + string.Join(", ", c.MissingDays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        foreach (var c in coverage.Where(c => c.State == SourceCoverageState.MissingPart))
            lines.Add($"Missing part: {c.Source}: {c.Cause}");
        var notConfigured = coverage.Where(c => c.State == SourceCoverageState.NotConfigured).Select(c => c.Source).ToList();
        if (notConfigured.Count > 0)
            lines.Add("Not configured: " + string.Join(", ", notConfigured));
        return lines;
    }

    /// <summary>"2,934 of 7,344 calls (40.0 %) are unpriced: their spend is unknown and not in the totals", or null when all are priced.</summary>
    public static string? Unpriced(ReportHeadline headline)
    {
        ArgumentNullException.ThrowIfNull(headline);
        return headline.UnpricedCalls == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{headline.UnpricedCalls:N0} of {headline.Calls:N0} calls ({headline.UnpricedShare * 100:0.0} %) are unpriced: their spend is unknown and not in the totals");
    }

    /// <summary>
    /// "PARTIAL (callr failed: credentials rejected (HTTP 401); telnyx missing 2 days; televoips: calls after 2026-12-05 05:00 UTC
    /// not yet exported): " or "".
    /// </summary>
    public static string PartialPrefix(IReadOnlyList<SourceCoverage> coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var partial = coverage.Where(c => c.MakesPartial).Select(c => c.State switch
        {
            SourceCoverageState.Failed => $"{c.Source} failed" + (string.IsNullOrWhiteSpace(c.Cause) ? "" : ": " + Shorten(c.Cause, 80)),
            SourceCoverageState.MissingPart => $"{c.Source}: {Shorten(c.Cause ?? "part of the period missing", 80)}",
            _ => string.Create(CultureInfo.InvariantCulture, $"{c.Source} missing {c.MissingDays.Count} {(c.MissingDays.Count == 1 ? "day" : "days")}"),
        }).ToList();
        return partial.Count == 0 ? "" : $"PARTIAL ({string.Join("; ", partial)}): ";
    }

    // A subject line stays readable: the whole cause is in the body.
    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
