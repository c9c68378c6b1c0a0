using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Analytics.Sandbox.Hosting;

/// <summary>
/// <c>POST /_sandbox/faults</c> (one rule object or an array), <c>DELETE /_sandbox/faults</c>,
/// <c>GET /_sandbox/requests</c>. Rule JSON: {"provider":"telnyx","kind":"rate_limit","requests":[3,4],
/// "retry_after_s":1,"delay_ms":30000,"cut_after_bytes":64,"content_length":true,
/// "hidden_records":20,"claimed_pages":1000000,"call":"cdr.get OUT","error_code":-32603,"error_message":null,"skew":0.02}.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app, SandboxFaults faults, RequestCounters counters)
    {
        app.MapPost("/_sandbox/faults", async ctx =>
        {
            List<FaultRule> rules;
            try
            {
                using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, default, ctx.RequestAborted);
                var root = doc.RootElement;
                rules = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().Select(Parse).ToList() : [Parse(root)];
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                await Json.ObjectAsync(ctx, 400, w => w.WriteString("error", ex.Message));
                return;
            }
            foreach (var rule in rules)
                faults.Add(rule);
            await Json.ObjectAsync(ctx, 200, w => w.WriteNumber("added", rules.Count));
        });
        app.MapDelete("/_sandbox/faults", ctx =>
        {
            faults.Clear();
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        app.MapGet("/_sandbox/requests", ctx => Json.ObjectAsync(ctx, 200, w =>
        {
            foreach (var (provider, count) in counters.Snapshot())
                w.WriteNumber(ProviderName(provider), count);
        }));
    }

    public static string ProviderName(SandboxProvider p) => p switch
    {
        SandboxProvider.TeleVoips => "televoips",
        SandboxProvider.Telnyx => "telnyx",
        SandboxProvider.Callr => "callr",
        _ => "telgorithm",
    };

    private static FaultRule Parse(JsonElement e)
    {
        var providerText = e.GetProperty("provider").GetString();
        var provider = Enum.GetValues<SandboxProvider>().FirstOrDefault(p => ProviderName(p) == providerText, (SandboxProvider)(-1));
        if ((int)provider < 0)
            throw new FormatException($"unknown provider '{providerText}' (televoips, telnyx, callr, telgorithm)");
        var kindText = e.GetProperty("kind").GetString();
        FaultKind kind = kindText switch
        {
            "rate_limit" => FaultKind.RateLimit,
            "status_500" => FaultKind.InternalServerError,
            "status_502" => FaultKind.BadGateway,
            "status_503" => FaultKind.ServiceUnavailable,
            "slow" => FaultKind.Slow,
            "truncated_body" => FaultKind.TruncatedBody,
            "connection_reset" => FaultKind.ConnectionReset,
            "repeated_page" => FaultKind.RepeatedPage,
            "export_never_ready" => FaultKind.ExportNeverReady,
            "malformed_row" => FaultKind.MalformedRow,
            "growing_total" => FaultKind.GrowingTotal,
            "alternating_pages" => FaultKind.AlternatingPages,
            "empty_pages" => FaultKind.EmptyPages,
            "fresh_cursors" => FaultKind.FreshCursors,
            "feed_error" => FaultKind.FeedError,
            "null_error" => FaultKind.NullErrorField,
            "latency" => FaultKind.Latency,
            "totals_skew" => FaultKind.TotalsSkew,
            _ => throw new FormatException($"unknown fault kind '{kindText}'"),
        };
        var rule = new FaultRule(provider, kind);
        if (e.TryGetProperty("requests", out var r) && r.ValueKind == JsonValueKind.Array)
            rule = rule with { Requests = r.EnumerateArray().Select(x => x.GetInt32()).ToArray() };
        if (e.TryGetProperty("retry_after_s", out var ra))
            rule = rule with { RetryAfterSeconds = ra.GetInt32() };
        if (e.TryGetProperty("delay_ms", out var d))
            rule = rule with { Delay = TimeSpan.FromMilliseconds(d.GetInt32()) };
        if (e.TryGetProperty("cut_after_bytes", out var c))
            rule = rule with { CutAfterBytes = c.GetInt32() };
        if (e.TryGetProperty("content_length", out var cl))
            rule = rule with { DeclareContentLength = cl.GetBoolean() };
        if (e.TryGetProperty("hidden_records", out var h))
            rule = rule with { HiddenRecords = h.GetInt32() };
        if (e.TryGetProperty("claimed_pages", out var cp))
            rule = rule with { ClaimedPages = cp.GetInt32() };
        if (e.TryGetProperty("call", out var call))
            rule = rule with { CallrCall = call.GetString() };
        if (e.TryGetProperty("error_code", out var code))
            rule = rule with { ErrorCode = code.GetInt32() };
        if (e.TryGetProperty("error_message", out var message))
            rule = rule with { ErrorMessage = message.GetString() };
        if (e.TryGetProperty("skew", out var skew))
            rule = rule with { Skew = skew.GetDecimal() };
        return rule;
    }
}
