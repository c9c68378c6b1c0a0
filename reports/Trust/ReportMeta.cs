using System.Globalization;
using System.Text.Json;

namespace Analytics.Reports.Trust;

/// <summary>The <c>meta</c> object of analytics.json: how complete and how priced the numbers are.</summary>
internal static class ReportMeta
{
    public static void Write(Utf8JsonWriter json, ReportDigest digest)
    {
        json.WriteStartObject();
        json.WriteBoolean("partial", digest.Partial);
        Names(json, "sources_included", digest.Coverage.Where(c => c.State == SourceCoverageState.Included));
        json.WriteStartArray("sources_missing_days");
        foreach (var c in digest.Coverage.Where(c => c.State == SourceCoverageState.MissingDays))
        {
            json.WriteStartObject();
            json.WriteString("source", c.Source);
            json.WriteStartArray("days");
            foreach (var day in c.MissingDays)
                json.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Described(json, "sources_missing_part", "missing", digest.Coverage.Where(c => c.State == SourceCoverageState.MissingPart));
        Described(json, "sources_failed", "cause", digest.Coverage.Where(c => c.State == SourceCoverageState.Failed));
        Names(json, "sources_not_configured", digest.Coverage.Where(c => c.State == SourceCoverageState.NotConfigured));
        json.WriteNumber("calls", digest.Headline.Calls);
        json.WriteNumber("unpriced_calls", digest.Headline.UnpricedCalls);
        json.WriteNumber("unpriced_share", digest.Headline.UnpricedShare);
        json.WriteNumber("alerts", digest.Alerts.Count);
        json.WriteString("generated_at", digest.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    // [{"source": …, "<field>": the coverage's cause}]
    private static void Described(Utf8JsonWriter json, string name, string field, IEnumerable<SourceCoverage> coverage)
    {
        json.WriteStartArray(name);
        foreach (var c in coverage)
        {
            json.WriteStartObject();
            json.WriteString("source", c.Source);
            json.WriteString(field, c.Cause);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Names(Utf8JsonWriter json, string name, IEnumerable<SourceCoverage> coverage)
    {
        json.WriteStartArray(name);
        foreach (var c in coverage)
            json.WriteStringValue(c.Source);
        json.WriteEndArray();
    }
}
