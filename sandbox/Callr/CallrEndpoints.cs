using System.Globalization;
using System.Text.Json;
using Analytics.Sandbox.Data;
using Analytics.Sandbox.Faults;
using Analytics.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Analytics.Sandbox.Callr;

/// <summary>CALLR JSON-RPC 2.0 on <c>POST /json-rpc/v1.1/</c>: positional params, errors in HTTP 200 bodies.</summary>
internal sealed class CallrEndpoints(SandboxData data)
{
    private const string ContentType = "application/json-rpc; charset=utf-8";

    public void Map(WebApplication app) => app.MapPost("/json-rpc/v1.1/", HandleAsync);

    private async Task HandleAsync(HttpContext ctx)
    {
        var ct = ctx.RequestAborted;
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(ctx.Request.Body, default, ct);
        }
        catch (JsonException)
        {
            await ErrorAsync(ctx, default, -32700, "Parse error");
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var idEl) ? idEl : default;
            if (ctx.Request.Headers.Authorization.ToString() != "Api-Key " + SandboxKeys.CallrApiKey)
            {
                await ErrorAsync(ctx, id, 401, "Authentication failed");
                return;
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("method", out var m) || m.ValueKind != JsonValueKind.String)
            {
                await ErrorAsync(ctx, id, -32600, "Invalid Request");
                return;
            }
            var method = m.GetString();
            if (method is not ("cdr.get" or "sms.get_list" or CallrAnalytics.CallsSummary or CallrAnalytics.SmsSummary))
            {
                await ErrorAsync(ctx, id, -32601, $"Method not found: {method}");
                return;
            }
            if (!root.TryGetProperty("params", out var p) || p.ValueKind != JsonValueKind.Array)
            {
                await ErrorAsync(ctx, id, -32602, "Invalid params: positional (array) params are required");
                return;
            }
            var args = p.EnumerateArray().ToArray();
            if (method is CallrAnalytics.CallsSummary or CallrAnalytics.SmsSummary)
            {
                if (args.Length != 2 || !TryDate(args[0], out var start) || !TryDate(args[1], out var end))
                {
                    await ErrorAsync(ctx, id, -32602, "Invalid params: expected (from \"YYYY-MM-DD HH:MM:SS\", to \"YYYY-MM-DD HH:MM:SS\")");
                    return;
                }
                if (FaultMiddleware.Shape(ctx, FaultKind.FeedError) is { } refusing && (refusing.CallrCall is null || refusing.CallrCall == method))
                {
                    await ErrorAsync(ctx, id, refusing.ErrorCode, refusing.ErrorMessage);
                    return;
                }
                var skew = FaultMiddleware.Shape(ctx, FaultKind.TotalsSkew)?.Skew ?? 0m;
                await using var summary = Json.Start(ctx, 200, ContentType);
                summary.WriteStartObject();
                summary.WriteString("jsonrpc", "2.0");
                WriteId(summary, id);
                summary.WritePropertyName("result");
                // Bounds are inclusive and times whole seconds: "≤ to" is "< to + 1 s".
                new CallrAnalytics(data).WriteSummary(summary, method, start, end + 1000, skew);
                summary.WriteEndObject();
                await summary.FlushAsync(ct);
                return;
            }
            if (args.Length < 3 || Text(args[0]) is not ("IN" or "OUT") || !TryDate(args[1], out var from) || !TryDate(args[2], out var to))
            {
                await ErrorAsync(ctx, id, -32602, "Invalid params: expected (type \"IN\"|\"OUT\", from \"YYYY-MM-DD HH:MM:SS\", to \"YYYY-MM-DD HH:MM:SS\", …)");
                return;
            }
            var inbound = Text(args[0]) == "IN";
            // Fault "feed error": this call (or every call) answers a JSON-RPC error.
            if (FaultMiddleware.Shape(ctx, FaultKind.FeedError) is { } failing
                && (failing.CallrCall is null || failing.CallrCall == $"{method} {Text(args[0])}"))
            {
                await ErrorAsync(ctx, id, failing.ErrorCode, failing.ErrorMessage);
                return;
            }

            var nullError = FaultMiddleware.Shape(ctx, FaultKind.NullErrorField) is not null;
            // Bounds are inclusive and times are whole seconds, so "≤ to" is "< to + 1 ms".
            if (method == "cdr.get")
            {
                var app = args.Length > 3 ? Text(args[3]) : null;
                var number = args.Length > 4 ? Text(args[4]) : null;
                var feed = inbound ? Feed.CallrCdrIn : Feed.CallrCdrOut;
                var calls = data.CallsIn(feed, data.Schedule.Ranges(feed, from, to + 1))
                    .Where(c => (app is null || VoiceApps.All[c.App].Hash == app)
                        && (number is null || c.Ours == number || c.Remote == number));
                await ResultAsync(ctx, id, calls, CallrWriters.WriteCdr, nullError, ct);
            }
            else
            {
                var feed = inbound ? Feed.CallrSmsIn : Feed.CallrSmsOut;
                await ResultAsync(ctx, id, data.SmsIn(feed, data.Schedule.Ranges(feed, from, to + 1)), CallrWriters.WriteSms, nullError, ct);
            }
        }
    }

    private static async Task ResultAsync<T>(HttpContext ctx, JsonElement id, IEnumerable<T> items, Action<Utf8JsonWriter, T> write, bool nullError, CancellationToken ct)
    {
        await using var w = Json.Start(ctx, 200, ContentType);
        w.WriteStartObject();
        w.WriteString("jsonrpc", "2.0");
        WriteId(w, id);
        if (nullError)
            w.WriteNull("error");
        w.WriteStartArray("result");
        foreach (var item in items)
        {
            write(w, item);
            await Json.FlushIfFullAsync(w, ct);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ct);
    }

    private static async Task ErrorAsync(HttpContext ctx, JsonElement id, int code, string? message)
    {
        await using var w = Json.Start(ctx, 200, ContentType);
        w.WriteStartObject();
        w.WriteString("jsonrpc", "2.0");
        WriteId(w, id);
        w.WriteStartObject("error");
        w.WriteNumber("code", code);
        if (message is not null)
            w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
        await w.FlushAsync(ctx.RequestAborted);
    }

    private static void WriteId(Utf8JsonWriter w, JsonElement id)
    {
        w.WritePropertyName("id");
        if (id.ValueKind == JsonValueKind.Undefined)
            w.WriteNullValue();
        else
            id.WriteTo(w);
    }

    private static string? Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    private static bool TryDate(JsonElement e, out long unixMs)
    {
        unixMs = 0;
        if (e.ValueKind != JsonValueKind.String
            || !DateTime.TryParseExact(e.GetString(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return false;
        unixMs = new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeMilliseconds();
        return true;
    }
}
