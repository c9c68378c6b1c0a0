using System.Globalization;
using System.Text.Json;
using Analytics.Sandbox.Data;
using Analytics.Sandbox.Faults;
using Analytics.Sandbox.Hosting;
using Analytics.Sandbox.Totals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Analytics.Sandbox.Telnyx;

/// <summary>
/// Telnyx <c>GET /v2/reports/mdr_usage_reports/sync</c> (messaging) and <c>GET /v2/reports/cdr_usage_reports/sync</c>
/// (voice: call-control, sip-trunking and webrtc), answered at once with status COMPLETE from the served records of
/// <c>start_date</c> ≤ time &lt; <c>end_date</c>. Fault "totals skew" states every cost off by its fraction.
/// </summary>
internal sealed class UsageReportEndpoints(SandboxData data)
{
    private static readonly Feed[] Voice = [Feed.TelnyxCallControl, Feed.TelnyxSipTrunking, Feed.TelnyxWebrtc];

    public void Map(WebApplication app)
    {
        app.MapGet("/v2/reports/mdr_usage_reports/sync", MessagingAsync);
        app.MapGet("/v2/reports/cdr_usage_reports/sync", VoiceAsync);
    }

    private async Task MessagingAsync(HttpContext ctx)
    {
        if (!await TelnyxEndpoints.AuthorisedAsync(ctx)
            || await WindowAsync(ctx, ["NO_AGGREGATION", "PROFILE", "TAGS"], null) is not { } window)
            return;
        var skew = FaultMiddleware.Shape(ctx, FaultKind.TotalsSkew)?.Skew ?? 0m;
        var groups = UsageTotals.Sum(data, [Feed.TelnyxMessaging], window.From, window.To);
        await WriteAsync(ctx, "mdr_usage_report", window, w =>
        {
            w.WriteString("start_date", Format.Iso(window.From));
            w.WriteString("end_date", Format.Iso(window.To));
            w.WriteNull("profiles");
            // MdrUsageRecord: every number a string; one record per direction and currency ([sandbox] with
            // NO_AGGREGATION; sent/received count every message of the direction, delivered the delivered ones).
            w.WriteStartArray("result");
            foreach (var ((inbound, currency), g) in groups)
            {
                var direction = inbound ? "inbound" : "outbound";
                w.WriteStartObject();
                w.WriteString("carrier_passthrough_fee", Format.Money4(g.CarrierFee));
                w.WriteString("connection", "all");
                w.WriteString("cost", Format.Money4(UsageTotals.Skewed(g.Cost, skew)));
                w.WriteString("currency", currency);
                w.WriteString("delivered", Format.Int(g.Delivered));
                w.WriteString("direction", direction);
                w.WriteString("message_type", "SMS");
                w.WriteString("parts", Format.Int(g.Parts));
                w.WriteString("product", direction);
                w.WriteString("profile_id", "All");
                w.WriteString("received", Format.Int(inbound ? g.Count : 0));
                w.WriteString("sent", Format.Int(inbound ? 0 : g.Count));
                w.WriteString("tags", "All");
                w.WriteString("tn_type", "All");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    private async Task VoiceAsync(HttpContext ctx)
    {
        if (!await TelnyxEndpoints.AuthorisedAsync(ctx)
            || await WindowAsync(ctx, ["NO_AGGREGATION", "CONNECTION", "TAG", "BILLING_GROUP"],
                ["NO_BREAKDOWN", "DID_VS_TOLL_FREE", "COUNTRY", "DID_VS_TOLL_FREE_PER_COUNTRY"]) is not { } window)
            return;
        var skew = FaultMiddleware.Shape(ctx, FaultKind.TotalsSkew)?.Skew ?? 0m;
        var groups = UsageTotals.Sum(data, Voice, window.From, window.To);
        await WriteAsync(ctx, "cdr_usage_report", window, w =>
        {
            w.WriteString("start_time", Format.Iso(window.From));
            w.WriteString("end_time", Format.Iso(window.To));
            w.WriteString("product_breakdown", ctx.Request.Query["product_breakdown"].ToString());
            // [sandbox] `result` is documented only as an object: here {"data":[…]}, one row per direction and currency
            // with the metrics of the Usage Reports API (count, call_sec, billed_sec, cost as a decimal string).
            w.WriteStartObject("result");
            w.WriteStartArray("data");
            foreach (var ((inbound, currency), g) in groups)
            {
                w.WriteStartObject();
                w.WriteString("direction", inbound ? "inbound" : "outbound");
                w.WriteString("currency", currency);
                w.WriteNumber("count", g.Count);
                w.WriteNumber("call_sec", g.AnsweredSeconds);
                w.WriteNumber("billed_sec", g.BilledSeconds);
                w.WriteString("cost", Format.Money4(UsageTotals.Skewed(g.Cost, skew)));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<Window?> WindowAsync(HttpContext ctx, string[] aggregations, string[]? breakdowns)
    {
        var q = ctx.Request.Query;
        var aggregation = q["aggregation_type"].ToString();
        if (!aggregations.Contains(aggregation, StringComparer.OrdinalIgnoreCase))
        {
            await TelnyxEndpoints.BadRequestAsync(ctx, "aggregation_type",
                $"aggregation_type is required: one of {string.Join(", ", aggregations)}.");
            return null;
        }
        if (breakdowns is not null && !breakdowns.Contains(q["product_breakdown"].ToString(), StringComparer.OrdinalIgnoreCase))
        {
            await TelnyxEndpoints.BadRequestAsync(ctx, "product_breakdown",
                $"product_breakdown is required: one of {string.Join(", ", breakdowns)}.");
            return null;
        }
        // [sandbox] both dates are required here, and the window is start_date ≤ t < end_date, so that consecutive days
        // never count a record twice.
        foreach (var name in new[] { "start_date", "end_date" })
        {
            if (q[name].ToString().Length == 0 || !TelnyxEndpoints.TryTime(q, name, 0, out _))
            {
                await TelnyxEndpoints.BadRequestAsync(ctx, name, $"{name} must be an ISO-8601 date-time.");
                return null;
            }
        }
        TelnyxEndpoints.TryTime(q, "start_date", 0, out var from);
        TelnyxEndpoints.TryTime(q, "end_date", 0, out var to);
        return new Window(from, to, aggregation.ToUpperInvariant());
    }

    private static async Task WriteAsync(HttpContext ctx, string recordType, Window window, Action<Utf8JsonWriter> body)
    {
        // [sandbox] created and updated as the window closes: the same window is the same bytes, whenever it is asked for.
        var created = Format.Iso(window.To);
        await Json.ObjectAsync(ctx, 200, w =>
        {
            w.WriteStartObject("data");
            w.WriteString("id", Id(recordType, window));
            w.WriteString("record_type", recordType);
            w.WriteString("aggregation_type", window.Aggregation);
            w.WriteStartArray("connections");
            w.WriteEndArray();
            w.WriteString("status", "COMPLETE");
            w.WriteNull("report_url");
            w.WriteString("created_at", created);
            w.WriteString("updated_at", created);
            body(w);
            w.WriteEndObject();
        });
    }

    // The same window always has the same report id.
    private static string Id(string recordType, Window window)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{recordType}/{window.From}/{window.To}")));
        return new Guid(bytes.AsSpan(0, 16)).ToString();
    }

    private sealed record Window(long From, long To, string Aggregation);
}
