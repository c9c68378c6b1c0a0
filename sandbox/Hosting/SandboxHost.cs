using System.Net;
using System.Net.Sockets;
using Analytics.Sandbox.Callr;
using Analytics.Sandbox.Data;
using Analytics.Sandbox.Faults;
using Analytics.Sandbox.GroundTruthing;
using Analytics.Sandbox.Hosting;
using Analytics.Sandbox.Telgorithm;
using Analytics.Sandbox.TeleVoips;
using Analytics.Sandbox.Telnyx;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Sandbox;

/// <summary>The four providers on one loopback port. Dispose to stop.</summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxData _data;
    private readonly Lazy<GroundTruth> _groundTruth;

    private SandboxHost(WebApplication app, SandboxData data, Uri baseUri, RequestCounters requests, SandboxFaults faults)
    {
        _app = app;
        _data = data;
        BaseUri = baseUri;
        Requests = requests;
        Faults = faults;
        _groundTruth = new Lazy<GroundTruth>(() => GroundTruthCalculator.Compute(_data));
    }

    /// <summary>http://127.0.0.1:P/</summary>
    public Uri BaseUri { get; }

    public Uri TeleVoipsBaseUrl => new(BaseUri.GetLeftPart(UriPartial.Authority));

    public Uri TelnyxBaseUrl => new(BaseUri, "v2");

    public Uri CallrUrl => new(BaseUri, "json-rpc/v1.1/");

    public Uri TelgorithmBaseUrl => new(BaseUri, "messaging");

    public int Port => BaseUri.Port;

    public SandboxOptions Options => _data.Options;

    /// <summary>First served UTC day.</summary>
    public DateOnly FirstDay => _data.Schedule.FirstDay;

    /// <summary>Last served UTC day (yesterday by the options' TimeProvider).</summary>
    public DateOnly LastDay => _data.Schedule.LastDay;

    /// <summary>
    /// The PBX's local days outside <see cref="FirstDay"/>..<see cref="LastDay"/> whose TeleVoIPs files hold some of
    /// those UTC days' calls (the day before for a PBX west of UTC); none when the PBX is on UTC.
    /// </summary>
    public IReadOnlyList<DateOnly> TeleVoipsEdgeDays => Analytics.Sandbox.TeleVoips.TeleVoipsDays.Edges(_data.Schedule, _data.Options.TeleVoipsTimeZone);

    public SandboxFaults Faults { get; }

    public RequestCounters Requests { get; }

    /// <summary>Computed on first use by streaming every record once (seconds at very large volumes).</summary>
    public GroundTruth GroundTruth => _groundTruth.Value;

    public GroundTruth Compute() => _groundTruth.Value;

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = new SandboxData(options);
        var counters = new RequestCounters();
        var faults = new SandboxFaults(counters);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, QuietLifetime>();
        // A "slow" fault must not hold up disposal for its whole delay.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Logging.ClearProviders();
        if (options.VerboseLogging)
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var faultMiddleware = new FaultMiddleware(faults, counters);
        app.Use((ctx, next) => faultMiddleware.InvokeAsync(ctx, () => next(ctx)));
        new TeleVoipsEndpoints(data, new ExportStore()).Map(app);
        new TelnyxEndpoints(data).Map(app);
        new UsageReportEndpoints(data).Map(app);
        new CallrEndpoints(data).Map(app);
        new TelgorithmEndpoints(data).Map(app);
        AdminEndpoints.Map(app, faults, counters);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                                     || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            throw new SandboxPortInUseException(options.Port, ex);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new SandboxHost(app, data, new Uri($"http://127.0.0.1:{port}/"), counters, faults);
    }

    public async Task WriteGroundTruthAsync(string path, CancellationToken cancellationToken = default)
    {
        var truth = GroundTruth;
        await using var file = File.Create(path);
        await truth.WriteJsonAsync(file, cancellationToken);
    }

    /// <summary>Writes the TeleVoIPs rate deck CSV (prefix,rate_per_minute,currency,increment_s).</summary>
    public Task WriteRateDeckAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, _data.Deck.ToCsv(), cancellationToken);

    /// <summary>Completes when the host stops (Ctrl+C is the caller's business: cancel the token).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The port is taken by another process.</summary>
public sealed class SandboxPortInUseException(int port, Exception inner)
    : Exception($"port {port} is in use; pick another with --port", inner)
{
    public int Port { get; } = port;
}
