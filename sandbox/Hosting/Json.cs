using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Analytics.Sandbox.Hosting;

/// <summary>JSON straight to the response stream, flushed in ~32 KB steps so memory stays flat.</summary>
internal static class Json
{
    public const int FlushThreshold = 32 * 1024;

    /// <summary>Like the providers: '+' and accented letters as is, not \u-escaped.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Utf8JsonWriter Start(HttpContext ctx, int status, string contentType = "application/json")
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        return new Utf8JsonWriter(ctx.Response.Body, Options);
    }

    public static async ValueTask FlushIfFullAsync(Utf8JsonWriter w, CancellationToken ct)
    {
        if (w.BytesPending >= FlushThreshold)
            await w.FlushAsync(ct);
    }

    public static async Task ObjectAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> body)
    {
        await using var w = Start(ctx, status);
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
        await w.FlushAsync(ctx.RequestAborted);
    }
}
