using System.Globalization;
using System.Text.Json;
using Analytics.Sandbox.Data;
using Analytics.Sandbox.Faults;
using Analytics.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Analytics.Sandbox.Telnyx;

/// <summary>Telnyx <c>GET /v2/detail_records</c>: page-numbered, time-filtered, validated like the real API.</summary>
internal sealed class TelnyxEndpoints(SandboxData data)
{
    public void Map(WebApplication app) => app.MapGet("/v2/detail_records", ListAsync);

    private async Task ListAsync(HttpContext ctx)
    {
        var ct = ctx.RequestAborted;
        if (!await AuthorisedAsync(ctx))
            return;
        var q = ctx.Request.Query;
        var type = q["filter[record_type]"].ToString();
        Feed? feed = type switch
        {
            "messaging" => Feed.TelnyxMessaging,
            "call-control" => Feed.TelnyxCallControl,
            "sip-trunking" => Feed.TelnyxSipTrunking,
            "webrtc" => Feed.TelnyxWebrtc,
            _ => null,
        };
        if (feed is null)
        {
            await BadRequestAsync(ctx, "filter[record_type]", type.Length == 0
                ? "filter[record_type] is required."
                : $"filter[record_type] '{type}' is not supported here (messaging, call-control, sip-trunking, webrtc).");
            return;
        }
        if (!TryInt(q, "page[size]", 20, out var size) || size is < 1 or > 50)
        {
            await BadRequestAsync(ctx, "page[size]", "page[size] must be an integer between 1 and 50.");
            return;
        }
        if (!TryInt(q, "page[number]", 1, out var number) || number < 1)
        {
            await BadRequestAsync(ctx, "page[number]", "page[number] must be an integer >= 1.");
            return;
        }
        // [sandbox] records are always served ascending by created_at; a descending or other sort is refused, not ignored.
        if (q["sort"].ToString() is { Length: > 0 } sort && sort != "created_at")
        {
            await BadRequestAsync(ctx, "sort", $"sort '{sort}' is not supported here (created_at).");
            return;
        }
        if (!TryTime(q, "filter[created_at][gte]", long.MinValue, out var from))
        {
            await BadRequestAsync(ctx, "filter[created_at][gte]", "filter[created_at][gte] must be an ISO-8601 date or date-time.");
            return;
        }
        if (!TryTime(q, "filter[created_at][lt]", long.MaxValue, out var to))
        {
            await BadRequestAsync(ctx, "filter[created_at][lt]", "filter[created_at][lt] must be an ISO-8601 date or date-time.");
            return;
        }

        var ranges = data.Schedule.Ranges(feed.Value, from, to);
        var total = ranges.Sum(r => r.Length);
        // Fault "growing total": the day as it was before its last records existed.
        if (FaultMiddleware.Shape(ctx, FaultKind.GrowingTotal) is { } growing)
            total = Math.Max(0, total - growing.HiddenRecords);
        var pages = (total + size - 1) / size;
        // Fault "repeated page": the data of the previous page under this page's number.
        var servedPage = ctx.Items.ContainsKey(FaultMiddleware.RepeatPageItem) ? Math.Max(1, number - 1) : number;
        var skip = (long)(servedPage - 1) * size;
        var take = (int)Math.Clamp(total - skip, 0, size);
        // Faults "alternating pages" and "empty pages": page 1's and 2's data in turn, or none, under a huge page count.
        var claiming = FaultMiddleware.Shape(ctx, FaultKind.AlternatingPages) ?? FaultMiddleware.Shape(ctx, FaultKind.EmptyPages);
        if (claiming is not null)
        {
            skip = claiming.Kind == FaultKind.AlternatingPages ? (long)((number - 1) % 2) * size : 0;
            take = claiming.Kind == FaultKind.AlternatingPages ? (int)Math.Clamp(total - skip, 0, size) : 0;
            pages = claiming.ClaimedPages;
            total = (long)claiming.ClaimedPages * size;
        }

        await using var w = Json.Start(ctx, 200);
        w.WriteStartObject();
        w.WriteStartArray("data");
        if (feed == Feed.TelnyxMessaging)
        {
            foreach (var sms in data.SmsIn(feed.Value, ranges, skip, take))
                DetailRecordWriter.WriteMessage(w, sms);
        }
        else
        {
            foreach (var call in data.CallsIn(feed.Value, ranges, skip, take))
                DetailRecordWriter.WriteCall(w, call);
        }
        w.WriteEndArray();
        w.WriteStartObject("meta");
        w.WriteNumber("page_number", number);
        w.WriteNumber("page_size", size);
        w.WriteNumber("total_pages", pages);
        w.WriteNumber("total_results", total);
        w.WriteEndObject();
        w.WriteEndObject();
        await w.FlushAsync(ct);
    }

    /// <summary>Sets the rate-limit headers and answers 401 unless the Bearer key is the sandbox's.</summary>
    internal static async Task<bool> AuthorisedAsync(HttpContext ctx)
    {
        ctx.Response.Headers["x-ratelimit-limit"] = "100";
        ctx.Response.Headers["x-ratelimit-remaining"] = "99";
        ctx.Response.Headers["x-ratelimit-reset"] = "10";
        if (ctx.Request.Headers.Authorization.ToString() == "Bearer " + SandboxKeys.TelnyxApiKey)
            return true;
        await Json.ObjectAsync(ctx, 401, w => Error(w, "10009", "Authentication failed",
            "The API key is missing or invalid; send Authorization: Bearer <key>.", null));
        return false;
    }

    internal static Task BadRequestAsync(HttpContext ctx, string parameter, string detail) =>
        Json.ObjectAsync(ctx, 422, w => Error(w, "10015", "Bad Request", detail, parameter));

    internal static void Error(Utf8JsonWriter w, string code, string title, string detail, string? parameter)
    {
        w.WriteStartArray("errors");
        w.WriteStartObject();
        w.WriteString("code", code);
        w.WriteString("title", title);
        w.WriteString("detail", detail);
        if (parameter is not null)
        {
            w.WriteStartObject("source");
            w.WriteString("parameter", parameter);
            w.WriteEndObject();
        }
        w.WriteStartObject("meta");
        w.WriteString("url", "https://developers.telnyx.com/api/errors/" + code);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static bool TryInt(IQueryCollection q, string name, int fallback, out int value)
    {
        value = fallback;
        var text = q[name].ToString();
        return text.Length == 0 || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    internal static bool TryTime(IQueryCollection q, string name, long fallback, out long unixMs)
    {
        unixMs = fallback;
        var text = q[name].ToString();
        if (text.Length == 0)
            return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return false;
        unixMs = t.ToUnixTimeMilliseconds();
        return true;
    }
}
