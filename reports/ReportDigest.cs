using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Reports.Trust;

namespace Analytics.Reports;

/// <summary>
/// <c>headline.json</c>: what a report says at a glance, written with it so the email (and anything else) reads
/// the report's own numbers instead of parsing its CSVs: the headline and each source's, coverage (PARTIAL or
/// not), unpriced calls, alerts, the comparison of the totals, and the charts in finance's order with their titles.
/// </summary>
public sealed record ReportDigest(
    DateOnly From,
    DateOnly To,
    string Granularity,
    string TimeZone,
    DateTimeOffset GeneratedAt,
    ReportHeadline Headline,
    IReadOnlyList<SourceHeadline> Sources,
    IReadOnlyList<SourceCoverage> Coverage,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<ComparisonRow> Comparison,
    IReadOnlyList<ChartFile> Charts,
    IReadOnlyList<string> Csvs)
{
    public const string FileName = "headline.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>"2026-11-21", or "2026-11-01 to 2026-11-07".</summary>
    public string Period => From == To
        ? From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd} to {To:yyyy-MM-dd}");

    /// <summary>A configured source failed or misses days.</summary>
    public bool Partial => Coverage.Any(c => c.MakesPartial);

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads <c>headline.json</c> of a report folder; a missing or unreadable file names itself.</summary>
    public static ReportDigest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: the report was written by an older version or not at all; run 'analytics report' again", path);
        try
        {
            return JsonSerializer.Deserialize<ReportDigest>(File.ReadAllText(path), Json) ?? throw new JsonException("empty document");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a report headline: {ex.Message}", ex);
        }
    }
}

/// <summary>One source's share of the headline.</summary>
public sealed record SourceHeadline(string Source, long Calls, decimal Asr, long Aloc, long UnpricedCalls, long Sms, IReadOnlyDictionary<string, decimal> Spend);

/// <summary>A chart of the report: its PNG (relative to the report folder), title and note.</summary>
public sealed record ChartFile(string Png, string Svg, string Title, string? Note);
