using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Analytics.Reports.Aggregates;
using Analytics.Reports.Tables;

namespace Analytics.Reports.Json;

/// <summary>
/// Writes <c>analytics.json</c>: the aggregates in CALLR's <c>Analytics.*</c> object shapes (same field
/// names, alphabetical as CALLR lists them, amounts as strings in cents with 4 decimals), keyed by object
/// name, then by source (with <c>ALL</c>) and currency (<c>unpriced</c> for calls nobody priced, whose
/// debit is null rather than a misleading 0).
/// </summary>
internal static class CallrJsonWriter
{

    // Relaxed escaping keeps "+33…" readable; the file is never embedded in HTML or script.
    private static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<string> WriteAsync(ReportData data, Action<Utf8JsonWriter>? meta, string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, "analytics.json");
        await AtomicFile.WriteAsync(path, ToText(data, meta), cancellationToken).ConfigureAwait(false);
        return path;
    }

    public static string ToText(ReportData data, Action<Utf8JsonWriter>? meta = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("period");
            json.WriteString("from", data.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("to", data.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("time_zone", data.Period.TimeZone);
            json.WriteString("granularity", data.Period.Granularity.ToString().ToLowerInvariant());
            json.WriteEndObject();
            if (meta is not null)
            {
                json.WritePropertyName("meta");
                meta(json);
            }

            foreach (var table in ReportTables.All)
                table.WriteJson(json, data);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}

/// <summary>The CALLR object shapes the report tables write into analytics.json.</summary>
internal static class CallrJson
{
    public const string Unpriced = "unpriced";

    /// <summary>A table's JSON value: an object by source, then by currency (<c>unpriced</c> last), each written by <paramref name="body"/>.</summary>
    public static Action<Utf8JsonWriter, IReadOnlyList<T>> Grouping<T>(Action<Utf8JsonWriter, IReadOnlyList<T>> body) where T : IMetricsRow =>
        (json, rows) => Grouped(json, rows, body);

    private static void Grouped<T>(Utf8JsonWriter json, IReadOnlyList<T> rows, Action<Utf8JsonWriter, IReadOnlyList<T>> body) where T : IMetricsRow
    {
        json.WriteStartObject();
        foreach (var bySource in rows.GroupBy(r => r.Source))
        {
            json.WriteStartObject(bySource.Key);
            foreach (var byCurrency in bySource.GroupBy(r => r.Currency ?? Unpriced).OrderBy(g => g.Key == Unpriced).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(byCurrency.Key);
                body(json, [.. byCurrency]);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    public static void ByDirection<T>(Utf8JsonWriter json, IReadOnlyList<T> rows, Func<T, string> direction, Action<Utf8JsonWriter, T?> write) where T : class
    {
        json.WriteStartObject();
        foreach (var dir in (string[])["IN", "OUT"])
        {
            json.WritePropertyName(dir);
            write(json, rows.FirstOrDefault(r => direction(r) == dir));
        }

        json.WriteEndObject();
    }

    public static void ByDirectionArray<T>(Utf8JsonWriter json, IReadOnlyList<T> rows, Func<T, string> direction, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartObject();
        foreach (var dir in (string[])["IN", "OUT"])
        {
            json.WritePropertyName(dir);
            Array(json, [.. rows.Where(r => direction(r) == dir)], write);
        }

        json.WriteEndObject();
    }

    public static void Array<T>(Utf8JsonWriter json, IReadOnlyList<T> rows, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray();
        foreach (var row in rows)
            write(json, row);
        json.WriteEndArray();
    }

    // A direction without calls is written as CALLR's zero object, so IN and OUT are always present.
    public static void SummaryCall(Utf8JsonWriter json, CallsSummaryRow? row)
    {
        row ??= new CallsSummaryRow { Debit = 0m, Credit = 0m, BilledDebit = 0m, EstimatedDebit = 0m };
        Call(json, row, () =>
        {
            if (row.Direction != "OUT")
                json.WriteNumber("unique_callers", row.UniqueCallers);
        });
    }

    public static void HistoryCall(Utf8JsonWriter json, CallsHistoryRow row) => Call(json, row, date: row.PeriodStartUtc);

    /// <summary>One CALLR call object, fields in CALLR's alphabetical order; <paramref name="tail"/> adds fields sorting after <c>duration</c>.</summary>
    public static void Call(Utf8JsonWriter json, CallMetrics row, Action? tail = null, string? countryCode = null,
        string? billingLabel = null, bool hasBillingLabel = false, string? date = null)
    {
        json.WriteStartObject();
        json.WriteNumber("aloc", row.Aloc);
        if (hasBillingLabel)
            json.WriteString("billing_label", billingLabel);
        json.WriteNumber("count", row.Count);
        if (countryCode is not null || row is CallsByCountryRow)
            json.WriteString("country_code", countryCode);
        json.WriteString("credit", Cents(row.Credit));
        if (date is not null)
            json.WriteString("date", date);
        json.WriteString("debit", Cents(row.Debit));
        if (row is CallsSummaryRow summary)
            DebitSplit(json, summary.BilledDebit, summary.EstimatedDebit);
        json.WriteNumber("duration", row.Duration);
        tail?.Invoke();
        json.WriteEndObject();
    }

    /// <summary>A summary's SMS object: <see cref="Sms"/> with the spend split after <c>debit</c>.</summary>
    public static void SmsSummary(Utf8JsonWriter json, SmsSummaryRow? row) =>
        Sms(json, row, null, () => DebitSplit(json, row is null ? 0m : row.BilledDebit, row is null ? 0m : row.EstimatedDebit));

    // Not CALLR's: debit split into what the providers billed and what we estimated from the rate deck (cents, null
    // when nothing was priced). The names sort right after debit, so the objects stay in CALLR's alphabetical order.
    private static void DebitSplit(Utf8JsonWriter json, decimal? billed, decimal? estimated)
    {
        json.WriteString("debit_billed", Cents(billed));
        json.WriteString("debit_estimated", Cents(estimated));
    }

    public static void Sms(Utf8JsonWriter json, SmsMetrics? row, string? date, Action? afterDebit = null)
    {
        json.WriteStartObject();
        json.WriteNumber("count", row?.Count ?? 0);
        json.WriteString("credit", row is null ? Cents(0m) : Cents(row.Credit));
        if (date is not null)
            json.WriteString("date", date);
        json.WriteString("debit", row is null ? Cents(0m) : Cents(row.Debit));
        afterDebit?.Invoke();
        json.WriteNumber("parts", row?.Parts ?? 0);
        json.WriteEndObject();
    }

    /// <summary>CALLR's amount_4: cents with 4 decimals ("1000.0000" for 10 EUR); null when unknown.</summary>
    private static string? Cents(decimal? major) =>
        major is { } v ? Math.Round(v * 100m, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture) : null;
}
