using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Analytics.Ingest.Http;

/// <summary>Maps an unsuccessful HTTP answer to a transient or terminal failure with the provider's own message.</summary>
internal static class HttpErrors
{
    /// <summary>Throws <see cref="TransientFetchException"/> or a terminal <see cref="IngestException"/>.</summary>
    public static async Task ThrowAsync(string source, string what, HttpResponseMessage response, bool retryBadRequest,
        SecretRedactor redactor, TimeProvider time, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var detail = redactor.Redact(await ProviderMessageAsync(response, cancellationToken));
        var suffix = detail.Length == 0 ? "" : $": {detail}";
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new CredentialsRejectedException($"{source}: credentials rejected (HTTP {status})");
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            throw new TransientFetchException($"{source}: {what}: rate limited (HTTP 429)", RetryAfter(response.Headers, time));
        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout ||
            (retryBadRequest && response.StatusCode == HttpStatusCode.BadRequest))
            throw new TransientFetchException($"{source}: {what}: HTTP {status}{suffix}");
        throw new IngestException($"{source}: {what}: HTTP {status}{suffix}");
    }

    /// <summary>Wait requested by <c>Retry-After</c> (seconds or date), <c>RateLimit-Reset</c> or <c>x-ratelimit-reset</c>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time)
    {
        if (headers.RetryAfter?.Delta is { } delta)
            return delta;
        if (headers.RetryAfter?.Date is { } date)
            return Max0(date - time.GetUtcNow());
        foreach (var name in ResetHeaders)
        {
            if (!headers.TryGetValues(name, out var values))
                continue;
            if (!double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                continue;
            // Providers send either seconds to wait or a Unix epoch second; anything past 2001 is an epoch.
            return value > 1_000_000_000
                ? Max0(DateTimeOffset.FromUnixTimeSeconds((long)value) - time.GetUtcNow())
                : TimeSpan.FromSeconds(value);
        }

        return null;
    }

    private static readonly string[] ResetHeaders = ["RateLimit-Reset", "x-ratelimit-reset"];
    private static readonly string[] TelnyxErrorParts = ["code", "title", "detail"];
    private static readonly string[] MessageProperties = ["errorMessage", "error", "message", "detail"];

    private static TimeSpan Max0(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;

    /// <summary>The provider's error text: Telnyx <c>errors[0]</c>, Telgorithm <c>errorMessage</c>, <c>error</c>, or plain text.</summary>
    private static async Task<string> ProviderMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return "";
        }

        body = body.Trim();
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                {
                    var first = errors[0];
                    var parts = TelnyxErrorParts
                        .Select(p => first.ValueKind == JsonValueKind.Object && first.TryGetProperty(p, out var v) ? v.ToString() : null)
                        .Where(p => !string.IsNullOrEmpty(p));
                    return Clip(string.Join(" ", parts));
                }

                foreach (var name in MessageProperties)
                {
                    if (root.TryGetProperty(name, out var value))
                        return Clip(value.ValueKind == JsonValueKind.Object && value.TryGetProperty("message", out var m) ? m.ToString() : value.ToString());
                }
            }
        }
        catch (JsonException)
        {
        }

        return Clip(body.ReplaceLineEndings(" "));
    }

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
