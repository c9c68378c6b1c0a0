using System.Net;
using System.Text;
using Analytics.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Tests;

/// <summary>
/// A loopback reverse proxy in front of the sandbox that swaps sentinel credentials for the sandbox's well-known
/// ones, so an ingest can run end to end with secrets the sandbox would otherwise reject.
/// </summary>
internal sealed class SentinelProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });

    private SentinelProxy(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<SentinelProxy> StartAsync(Uri sandbox, IReadOnlyDictionary<string, string> swaps)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new SentinelProxy(app);
        app.Run(ctx => proxy.ForwardAsync(ctx, sandbox, swaps));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.BaseUri = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
        return proxy;
    }

    private async Task ForwardAsync(HttpContext ctx, Uri sandbox, IReadOnlyDictionary<string, string> swaps)
    {
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method),
            new Uri(sandbox, ctx.Request.Path.Value + ctx.Request.QueryString.Value));
        if (ctx.Request.ContentLength > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
        {
            var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in ctx.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                continue;
            var swapped = values.Select(v => Swap(v ?? "", swaps)).ToArray();
            if (!request.Headers.TryAddWithoutValidation(name, swapped))
                request.Content?.Headers.TryAddWithoutValidation(name, swapped);
        }

        // Keep the proxy's host so URLs the sandbox builds (the TeleVoIPs download) point back through the proxy.
        request.Headers.Host = ctx.Request.Host.Value;
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.RequestAborted);
        ctx.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                ctx.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
    }

    private static string Swap(string value, IReadOnlyDictionary<string, string> swaps)
    {
        foreach (var (sentinel, real) in swaps)
            value = value.Replace(sentinel, real, StringComparison.Ordinal);
        return value;
    }

    public static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
