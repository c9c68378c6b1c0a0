using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Analytics.Sandbox.Data;
using Analytics.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Analytics.Sandbox.TeleVoips;

/// <summary>TeleVoIPs: <c>GET /reports/cdrs</c> (202 … 201 + url) and the CSV it points to.</summary>
internal sealed class TeleVoipsEndpoints(SandboxData data, ExportStore exports)
{
    public void Map(WebApplication app)
    {
        app.MapGet("/reports/cdrs", RequestAsync);
        app.MapGet("/reports/cdrs/files/{name}", DownloadAsync);
    }

    private async Task RequestAsync(HttpContext ctx)
    {
        if (!await AuthorisedAsync(ctx))
            return;
        var q = ctx.Request.Query;
        Export export;
        var requested = false;
        if (q.TryGetValue("id", out var id) && !string.IsNullOrEmpty(id))
        {
            var found = exports.Find(id.ToString());
            if (found is null)
            {
                await JsonAsync(ctx, 400, w => w.WriteString("error", "unknown export id"));
                return;
            }
            export = found;
        }
        else
        {
            var day = data.Schedule.LastDay;
            if (q.TryGetValue("date", out var dateText) && !string.IsNullOrEmpty(dateText)
                && !DateOnly.TryParseExact(dateText.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                await JsonAsync(ctx, 400, w => w.WriteString("error", $"date must be yyyy-MM-dd, got '{dateText}'"));
                return;
            }
            if (!TeleVoipsDays.Served(data.Schedule, data.Options.TeleVoipsTimeZone, day))
            {
                var (first, last) = TeleVoipsDays.Range(data.Schedule, data.Options.TeleVoipsTimeZone);
                await JsonAsync(ctx, 400, w => w.WriteString("error",
                    $"date {Iso(day)} is outside the available range {Iso(first)}..{Iso(last)}"));
                return;
            }
            // As documented, polling without an id goes on with the day's export; only the first request starts it.
            export = exports.ForDay(day, out requested);
        }

        var neverReady = ctx.Items.ContainsKey(FaultMiddleware.NeverReadyItem);
        if (!neverReady && export.Polls >= data.Options.TeleVoipsPollsBeforeReady)
        {
            var url = string.Concat(ctx.Request.Scheme, "://", ctx.Request.Host.Value, "/reports/cdrs/files/", FileName(export.Day));
            await JsonAsync(ctx, 201, w =>
            {
                w.WriteString("status", "complete");
                w.WriteString("id", export.Id);
                w.WriteString("date", Iso(export.Day));
                w.WriteString("url", url);
            });
            return;
        }
        export.Poll();
        await JsonAsync(ctx, 202, w =>
        {
            w.WriteString("status", requested ? "requested" : "processing");
            w.WriteString("id", export.Id);
            w.WriteString("date", Iso(export.Day));
        });
    }

    private async Task DownloadAsync(HttpContext ctx, string name)
    {
        if (!await AuthorisedAsync(ctx))
            return;
        if (!name.StartsWith("cdrs_", StringComparison.Ordinal) || !name.EndsWith(".csv", StringComparison.Ordinal)
            || !DateOnly.TryParseExact(name[5..^4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TeleVoipsDays.Served(data.Schedule, data.Options.TeleVoipsTimeZone, day))
        {
            ctx.Response.StatusCode = 404;
            await ctx.Response.WriteAsync("Not Found", ctx.RequestAborted);
            return;
        }
        var ct = ctx.RequestAborted;
        ctx.Response.ContentType = "text/csv; charset=utf-8";
        var gzip = ctx.Request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
        Stream body = ctx.Response.Body;
        GZipStream? zipper = null;
        if (gzip)
        {
            ctx.Response.Headers.ContentEncoding = "gzip";
            zipper = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true);
            body = zipper;
        }
        await using (var writer = new StreamWriter(body, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            await WriteCsvAsync(writer, day, ct, malformedRow: FaultMiddleware.Shape(ctx, FaultKind.MalformedRow) is not null);
        }
        if (zipper is not null)
            await zipper.DisposeAsync();
    }

    /// <summary>The whole day's CSV, streamed in ~64 KB chunks (the day is never held in memory).</summary>
    /// <param name="malformedRow">Fault "malformed row": line 2 is an extra row of two fields.</param>
    public async Task WriteCsvAsync(StreamWriter writer, DateOnly day, CancellationToken ct, bool malformedRow = false)
    {
        var didLast = data.Options.TeleVoipsDidLast;
        var sb = new StringBuilder(1 << 17);
        sb.Append(CdrCsvWriter.Header(didLast));
        if (malformedRow)
            sb.Append("\"malformed row\",\"two fields only\"\n");
        // A file holds one LOCAL date: in another zone than UTC that is parts of two generated UTC days.
        var zone = data.Options.TeleVoipsTimeZone;
        var (from, to) = CdrCsvWriter.LocalDayWindow(day, zone);
        foreach (var call in data.CallsIn(Feed.TeleVoipsCalls, data.Schedule.Ranges(Feed.TeleVoipsCalls, from, to)))
        {
            CdrCsvWriter.AppendRow(sb, call, didLast, zone);
            if (sb.Length >= 1 << 16)
            {
                await writer.WriteAsync(sb, ct);
                sb.Clear();
            }
        }
        await writer.WriteAsync(sb, ct);
        await writer.FlushAsync(ct);
    }

    public static string FileName(DateOnly day) => $"cdrs_{Iso(day)}.csv";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<bool> AuthorisedAsync(HttpContext ctx)
    {
        // The only public client sends the bare token in Authorization; accept both forms.
        if (ctx.Request.Headers["x-api-key"] == SandboxKeys.TeleVoipsApiKey
            || ctx.Request.Headers.Authorization == SandboxKeys.TeleVoipsApiKey)
            return true;
        ctx.Response.StatusCode = 403;
        ctx.Response.ContentType = "text/plain";
        await ctx.Response.WriteAsync("Access Denied", ctx.RequestAborted);
        return false;
    }

    private static async Task JsonAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await using var w = new Utf8JsonWriter(ctx.Response.Body, Hosting.Json.Options);
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
        await w.FlushAsync(ctx.RequestAborted);
    }
}
