using System.Globalization;
using System.Text.Json;

namespace Analytics.Landing;

/// <summary>One figure of a provider's own totals for a day: <paramref name="Kind"/> <c>calls</c>|<c>sms</c>,
/// <paramref name="Direction"/> <c>IN</c>|<c>OUT</c>, <paramref name="Metric"/> one of <see cref="ProviderTotals.Metrics"/>,
/// amounts in major units of <paramref name="Currency"/>.</summary>
public sealed record ProviderTotal(string Kind, string Direction, string Currency, string Metric, decimal Value);

/// <summary>
/// The providers' own daily totals, landed as fetched (one <c>report.json</c> per feed and day), and what each one says.
/// <list type="bullet">
/// <item><c>telnyx/mdr_usage</c>: <c>GET /reports/mdr_usage_reports/sync</c>, <c>{"data":{…,"status":"COMPLETE","result":[MdrUsageRecord…]}}</c>.
/// Per direction and currency: count = <c>sent</c> + <c>received</c>, parts, cost = <c>cost</c> + <c>carrier_passthrough_fee</c>
/// (the customer pays both, as the detail records' <c>cost</c> + <c>carrier_fee</c>).</item>
/// <item><c>telnyx/cdr_usage</c>: <c>GET /reports/cdr_usage_reports/sync</c>; <c>result</c> is documented only as an
/// object: rows of <c>{direction, currency, count, billed_sec, cost}</c> are read from <c>result.data</c> (or a bare
/// <c>result</c> array). Per direction and currency: count, billed seconds, cost.</item>
/// <item><c>callr/calls_summary</c>: <c>analytics/calls.summary(from, to)</c>, <c>Analytics.Calls.Summary</c>: per direction
/// count, answered seconds (<c>duration</c>, "Calls duration (answered)") and cost (<c>debit</c>, cents ÷ 100) in EUR,
/// the currency of the CDRs' <c>…_eur</c> amounts it sums.</item>
/// <item><c>callr/sms_summary</c>: <c>analytics/sms.summary(from, to)</c>, <c>Analytics.SMS.Summary</c>: per direction count,
/// parts and cost (<c>debit</c>, cents ÷ 100) in the account's currency (<c>Sources:Callr:Currency</c>).</item>
/// </list>
/// </summary>
public static class ProviderTotals
{
    public const string TelnyxMessaging = "mdr_usage";
    public const string TelnyxVoice = "cdr_usage";
    public const string CallrCalls = "calls_summary";
    public const string CallrSms = "sms_summary";
    public const string FileName = "report.json";

    /// <summary>Metric names, in the order reports list them.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["count", "billed_seconds", "answered_seconds", "parts", "cost"];

    /// <summary>Totals feeds per source (not detail records: the loader reconciles them instead of mapping them).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> BySource { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [LandingFeeds.Telnyx] = [TelnyxMessaging, TelnyxVoice],
        [LandingFeeds.Callr] = [CallrCalls, CallrSms],
    };

    /// <summary>The kind of records (<c>calls</c>|<c>sms</c>) a totals feed sums.</summary>
    public static string KindOf(string feed) => feed is TelnyxMessaging or CallrSms ? "sms" : "calls";

    public static bool IsTotals(string source, string feed) => BySource.TryGetValue(source, out var feeds) && feeds.Contains(feed);

    /// <summary>
    /// What a landed totals payload says, summed per kind, direction, currency and metric. A payload that is not what the
    /// feed promises is a <see cref="FormatException"/> naming the member and what was expected.
    /// </summary>
    public static IReadOnlyList<ProviderTotal> Parse(string source, string feed, ReadOnlySpan<byte> json, string callrCurrency)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var sums = new SortedDictionary<(string Direction, string Currency, string Metric), decimal>();
            void Add(string direction, string currency, string metric, decimal value) =>
                sums[(direction, currency, metric)] = sums.GetValueOrDefault((direction, currency, metric)) + value;
            var root = document.RootElement;
            switch (source, feed)
            {
                case (LandingFeeds.Telnyx, TelnyxMessaging):
                    foreach (var row in Array(Report(root), "result", "data.result"))
                    {
                        var (direction, currency) = (Direction(row), Currency(row));
                        Add(direction, currency, "count", Number(row, "sent", true) + Number(row, "received", true));
                        Add(direction, currency, "parts", Number(row, "parts", true));
                        Add(direction, currency, "cost", Number(row, "cost", false) + Number(row, "carrier_passthrough_fee", true));
                    }
                    break;
                case (LandingFeeds.Telnyx, TelnyxVoice):
                    var report = Report(root);
                    var result = Member(report, "result", "data.result");
                    var rows = result.ValueKind == JsonValueKind.Array ? result.EnumerateArray() : Array(result, "data", "data.result.data");
                    foreach (var row in rows)
                    {
                        var (direction, currency) = (Direction(row), Currency(row));
                        Add(direction, currency, "count", Number(row, "count", false));
                        Add(direction, currency, "billed_seconds", Number(row, "billed_sec", false));
                        Add(direction, currency, "cost", Number(row, "cost", false));
                    }
                    break;
                case (LandingFeeds.Callr, CallrCalls or CallrSms):
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
                        throw new FormatException("the answer is a JSON-RPC error, not a result");
                    var summary = Member(root, "result", "result");
                    var currencyOf = feed == CallrCalls ? "EUR" : callrCurrency;
                    foreach (var direction in new[] { "IN", "OUT" })
                    {
                        var side = Member(summary, direction, "result." + direction);
                        Add(direction, currencyOf, "count", Number(side, "count", false));
                        if (feed == CallrCalls)
                            Add(direction, currencyOf, "answered_seconds", Number(side, "duration", false));
                        else
                            Add(direction, currencyOf, "parts", Number(side, "parts", false));
                        Add(direction, currencyOf, "cost", Number(side, "debit", false) / 100m);
                    }
                    break;
                default:
                    throw new FormatException($"{source}/{feed} is not a totals feed");
            }
            return [.. sums.Select(kv => new ProviderTotal(KindOf(feed), kv.Key.Direction, kv.Key.Currency, kv.Key.Metric, kv.Value))];
        }
    }

    // A Telnyx report envelope whose report is complete.
    private static JsonElement Report(JsonElement root)
    {
        var data = Member(root, "data", "data");
        var status = data.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (status is not null && !status.Equals("COMPLETE", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"data.status is {status}, not COMPLETE: the provider has no totals for the day yet");
        return data;
    }

    private static JsonElement Member(JsonElement parent, string name, string path) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new FormatException($"{path} is missing (expected an object with it)");

    private static JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string path)
    {
        var value = Member(parent, name, path);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new FormatException($"{path} is not an array");
    }

    private static string Direction(JsonElement row) => Text(row, "direction").ToLowerInvariant() switch
    {
        "inbound" or "in" => "IN",
        "outbound" or "out" => "OUT",
        var other => throw new FormatException($"direction '{other}' is neither inbound nor outbound"),
    };

    private static string Currency(JsonElement row) => Text(row, "currency").ToUpperInvariant();

    private static string Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"{name} is missing or empty in a result row");

    // Numbers come as JSON numbers or decimal strings (Telnyx sends strings).
    private static decimal Number(JsonElement row, string name, bool optional)
    {
        if (!row.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return optional ? 0m : throw new FormatException($"{name} is missing in a result row");
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var number))
            return number;
        if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        throw new FormatException($"{name} '{v}' is not a number");
    }
}
