using System.Globalization;
using System.Text;
using Analytics.Sandbox.Data;
using Analytics.Sandbox.Faults;
using Analytics.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Analytics.Sandbox.Telgorithm;

/// <summary>
/// Telgorithm list endpoints: CreatedOnFrom ≤ createdOn &lt; CreatedOnTo, paged by searchId. Calls are listed as legs
/// (<see cref="CallLegs"/>): a forwarded call has two.
/// </summary>
internal sealed class TelgorithmEndpoints(SandboxData data)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public void Map(WebApplication app)
    {
        app.MapGet("/messaging/v1/InboundMessages", ctx => ListAsync(ctx, Feed.TelgorithmInbound));
        app.MapGet("/messaging/v1/OutboundMessages", ctx => ListAsync(ctx, Feed.TelgorithmOutbound));
        app.MapGet("/messaging/v1/Calls", ctx => ListAsync(ctx, Feed.TelgorithmCalls));
    }

    private async Task ListAsync(HttpContext ctx, Feed feed)
    {
        var ct = ctx.RequestAborted;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(SandboxKeys.TelgorithmUser + ":" + SandboxKeys.TelgorithmPassword));
        if (ctx.Request.Headers.Authorization.ToString() != expected)
        {
            await Json.ObjectAsync(ctx, 401, w =>
            {
                w.WriteNumber("errorCode", 401);
                w.WriteString("errorMessage", "Unauthorized");
            });
            return;
        }
        var q = ctx.Request.Query;
        var includeFees = string.Equals(q["includeFees"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        SearchCursor cursor;
        var searchId = q["SearchId"].ToString();
        if (searchId.Length > 0)
        {
            if (SearchCursor.Decode(searchId, feed) is not { } decoded)
            {
                await BadRequestAsync(ctx, "SearchId is not valid for this endpoint.");
                return;
            }
            cursor = decoded;
        }
        else
        {
            if (!TryTime(q["CreatedOnFrom"].ToString(), long.MinValue, out var from)
                || !TryTime(q["CreatedOnTo"].ToString(), long.MaxValue, out var to))
            {
                await BadRequestAsync(ctx, "CreatedOnFrom and CreatedOnTo must be yyyy-MM-ddTHH:mm:ss (UTC).");
                return;
            }
            var sizeText = q["PageSize"].ToString();
            var size = DefaultPageSize;
            if (sizeText.Length > 0 && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
            {
                await BadRequestAsync(ctx, $"PageSize must be between 1 and {MaxPageSize}.");
                return;
            }
            cursor = new SearchCursor(feed, from, to, 0, size);
        }

        // Messages are one record per index of the window; calls are legs, a forwarded call two (CallLegs).
        var ranges = feed == Feed.TelgorithmCalls ? [] : data.Schedule.Ranges(feed, cursor.FromMs, cursor.ToMs);
        var (legs, end) = feed == Feed.TelgorithmCalls ? CallLegs.Page(data, cursor)
            : ([], cursor.Offset + cursor.PageSize < ranges.Sum(r => r.Length) ? cursor.Offset + cursor.PageSize : (long?)null);
        // Fault "repeated page": the same searchId comes back, forever.
        // Fault "fresh cursors": a new searchId for the same records, forever.
        string? next = ctx.Items.ContainsKey(FaultMiddleware.RepeatPageItem) && searchId.Length > 0
            ? searchId
            : FaultMiddleware.Shape(ctx, FaultKind.FreshCursors) is not null ? (cursor with { Nonce = cursor.Nonce + 1 }).Encode()
            : end is { } offset ? (cursor with { Offset = offset, Nonce = 0 }).Encode() : null;

        await using var w = Json.Start(ctx, 200);
        w.WriteStartObject();
        w.WriteStartArray("items");
        if (feed == Feed.TelgorithmCalls)
        {
            foreach (var (call, forward) in legs)
            {
                TelgorithmWriters.WriteCall(w, call, forward, includeFees);
                await Json.FlushIfFullAsync(w, ct);
            }
        }
        else
        {
            foreach (var sms in data.SmsIn(feed, ranges, cursor.Offset, cursor.PageSize))
            {
                TelgorithmWriters.WriteMessage(w, sms, includeFees);
                await Json.FlushIfFullAsync(w, ct);
            }
        }
        w.WriteEndArray();
        if (next is null)
            w.WriteNull("searchId");
        else
            w.WriteString("searchId", next);
        w.WriteEndObject();
        await w.FlushAsync(ct);
    }

    private static Task BadRequestAsync(HttpContext ctx, string message) =>
        Json.ObjectAsync(ctx, 400, w =>
        {
            w.WriteNumber("errorCode", 400);
            w.WriteString("errorMessage", message);
        });

    private static bool TryTime(string text, long fallback, out long unixMs)
    {
        unixMs = fallback;
        if (text.Length == 0)
            return true;
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd"];
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return false;
        unixMs = new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeMilliseconds();
        return true;
    }
}
