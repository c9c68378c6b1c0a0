using System.Globalization;
using System.Text.Json;

namespace Analytics.Sandbox;

/// <summary>Totals of one source × UTC day × kind ("calls"|"sms") × direction ("IN"|"OUT"), as served.</summary>
/// <param name="Debit">Per currency, in major units (CALLR cents ÷ 100), exact.</param>
public sealed record GroundTruthDay(
    string Source,
    DateOnly Day,
    string Kind,
    string Direction,
    long Count,
    long Answered,
    long AnsweredSeconds,
    long Parts,
    IReadOnlyDictionary<string, decimal> Debit);

/// <summary>What the sandbox serves, summed by the same generator that serves it.</summary>
public sealed record GroundTruth(SandboxOptions Options, DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<GroundTruthDay> Days)
{
    public GroundTruthDay? Find(string source, DateOnly day, string kind, string direction) =>
        Days.FirstOrDefault(d => d.Source == source && d.Day == day && d.Kind == kind && d.Direction == direction);

    /// <summary>The JSON documented in WIRE.md (debit as exact decimal strings).</summary>
    public async Task WriteJsonAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartObject("generated_for");
        w.WriteNumber("seed", Options.Seed);
        w.WriteNumber("days", Options.Days);
        w.WriteString("first_day", Iso(FirstDay));
        w.WriteString("last_day", Iso(LastDay));
        w.WriteNumber("volume_multiplier", Options.VolumeMultiplier);
        w.WriteString("televoips_time_zone", Options.TeleVoipsTimeZone.Id);
        w.WriteEndObject();
        w.WriteStartArray("days");
        foreach (var d in Days)
        {
            w.WriteStartObject();
            w.WriteString("source", d.Source);
            w.WriteString("day", Iso(d.Day));
            w.WriteString("kind", d.Kind);
            w.WriteString("direction", d.Direction);
            w.WriteNumber("count", d.Count);
            w.WriteNumber("answered", d.Answered);
            w.WriteNumber("answered_seconds", d.AnsweredSeconds);
            w.WriteNumber("parts", d.Parts);
            w.WriteStartObject("debit");
            foreach (var (currency, amount) in d.Debit.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                w.WriteString(currency, Data.Format.Exact(amount));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
