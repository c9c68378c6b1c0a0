using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Analytics.Sandbox.Faults;

/// <summary>Counts each provider request and, when a rule matches, answers it the faulty way.</summary>
internal sealed class FaultMiddleware(SandboxFaults faults, RequestCounters counters)
{
    public const string RepeatPageItem = "sandbox.repeat-page";
    public const string NeverReadyItem = "sandbox.never-ready";

    /// <summary>The rule of a fault that changes what an endpoint answers (the endpoint reads it from the request's items).</summary>
    public const string ShapeItem = "sandbox.shape";

    /// <summary>The shape fault of this request, if it is of <paramref name="kind"/>.</summary>
    public static FaultRule? Shape(HttpContext ctx, FaultKind kind) =>
        ctx.Items.TryGetValue(ShapeItem, out var rule) && rule is FaultRule r && r.Kind == kind ? r : null;

    public static SandboxProvider? ProviderOf(PathString path)
    {
        if (path.StartsWithSegments("/reports/cdrs", StringComparison.Ordinal))
            return SandboxProvider.TeleVoips;
        if (path.StartsWithSegments("/v2", StringComparison.Ordinal))
            return SandboxProvider.Telnyx;
        if (path.StartsWithSegments("/json-rpc", StringComparison.Ordinal))
            return SandboxProvider.Callr;
        if (path.StartsWithSegments("/messaging", StringComparison.Ordinal))
            return SandboxProvider.Telgorithm;
        return null;
    }

    public async Task InvokeAsync(HttpContext ctx, Func<Task> next)
    {
        var provider = ProviderOf(ctx.Request.Path);
        if (provider is null)
        {
            await next();
            return;
        }
        var number = counters.Increment(provider.Value);
        if (faults.Latency(provider.Value, number) is { } latency && latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var rule = faults.Match(provider.Value, number);
        if (rule is null)
        {
            await next();
            return;
        }
        switch (rule.Kind)
        {
            case FaultKind.RateLimit:
                await RateLimitedAsync(ctx, provider.Value, rule.RetryAfterSeconds);
                return;
            case FaultKind.InternalServerError:
                await StatusAsync(ctx, 500, "Internal Server Error", null);
                return;
            case FaultKind.BadGateway:
                await StatusAsync(ctx, 502, "Bad Gateway", null);
                return;
            case FaultKind.ServiceUnavailable:
                await StatusAsync(ctx, 503, "Service Unavailable", rule.RetryAfterSeconds);
                return;
            case FaultKind.ConnectionReset:
                ctx.Abort();
                return;
            case FaultKind.Slow:
                try
                {
                    await Task.Delay(rule.Delay, ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the client gave up: nothing left to answer
                }
                await next();
                return;
            case FaultKind.TruncatedBody:
                await TruncatedAsync(ctx, next, rule);
                return;
            case FaultKind.RepeatedPage:
                ctx.Items[RepeatPageItem] = true;
                await next();
                return;
            case FaultKind.ExportNeverReady:
                ctx.Items[NeverReadyItem] = true;
                await next();
                return;
            case FaultKind.MalformedRow or FaultKind.GrowingTotal or FaultKind.AlternatingPages or FaultKind.EmptyPages
                or FaultKind.FreshCursors or FaultKind.FeedError or FaultKind.NullErrorField or FaultKind.TotalsSkew:
                ctx.Items[ShapeItem] = rule;
                await next();
                return;
            default:
                await next();
                return;
        }
    }

    private static async Task RateLimitedAsync(HttpContext ctx, SandboxProvider provider, int retryAfter)
    {
        var seconds = retryAfter.ToString(CultureInfo.InvariantCulture);
        ctx.Response.StatusCode = 429;
        ctx.Response.Headers["Retry-After"] = seconds;
        string body;
        switch (provider)
        {
            case SandboxProvider.Telnyx:
                ctx.Response.Headers["x-ratelimit-limit"] = "100";
                ctx.Response.Headers["x-ratelimit-remaining"] = "0";
                ctx.Response.Headers["x-ratelimit-reset"] = seconds;
                body = """{"errors":[{"code":"10011","title":"Too many requests","detail":"You have exceeded the maximum number of allowed requests."}]}""";
                break;
            case SandboxProvider.Telgorithm:
                ctx.Response.Headers["RateLimit-Limit"] = "100";
                ctx.Response.Headers["RateLimit-Remaining"] = "0";
                ctx.Response.Headers["RateLimit-Reset"] = seconds;
                body = """{"errorCode":429,"errorMessage":"Too Many Requests"}""";
                break;
            default:
                body = """{"error":"Too Many Requests"}""";
                break;
        }
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body, ctx.RequestAborted);
    }

    private static async Task StatusAsync(HttpContext ctx, int status, string text, int? retryAfter)
    {
        ctx.Response.StatusCode = status;
        if (retryAfter is { } s)
            ctx.Response.Headers["Retry-After"] = s.ToString(CultureInfo.InvariantCulture);
        ctx.Response.ContentType = "text/plain";
        await ctx.Response.WriteAsync(text, ctx.RequestAborted);
    }

    // Faults serve test-sized bodies, so buffering the real answer to cut it is fine here.
    private static async Task TruncatedAsync(HttpContext ctx, Func<Task> next, FaultRule rule)
    {
        var original = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            ctx.Response.Body = original;
        }
        var bytes = buffer.ToArray();
        var sent = (int)Math.Min(rule.CutAfterBytes, bytes.Length / 2);
        if (rule.DeclareContentLength)
            ctx.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes.AsMemory(0, sent), ctx.RequestAborted);
        await original.FlushAsync(ctx.RequestAborted);
        ctx.Abort();
    }
}
