using Analytics.Ingest.Http;
using Analytics.Sandbox;
using Analytics.Testing;
using Analytics.Landing;

namespace Analytics.Ingest.Tests;

/// <summary>A sandbox on a free loopback port, a landing directory, state and fast retry settings for one test.</summary>
internal sealed class IngestHarness : IAsyncDisposable
{
    private IngestHarness(SandboxHost sandbox, TempDirectory dir)
    {
        Sandbox = sandbox;
        Dir = dir;
        State = new LandingState(Landing);
        Zone = new LandingZone(Landing);
    }

    public SandboxHost Sandbox { get; }

    public TempDirectory Dir { get; }

    public LandingState State { get; }

    public LandingZone Zone { get; }

    public LogBuffer Logs { get; } = new();

    public LandingOptions Landing => new() { Path = Dir.Combine("landing") };

    /// <summary>Tiny backoff and a short attempt timeout so fault paths run in well under a second each.</summary>
    public IngestHttpOptions Http { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(3),
        MaxRetries = 4,
        BackoffBase = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromSeconds(2),
    };

    public DateOnly Day => Sandbox.LastDay;

    public IngestRequest OneDay => new(Day, Day);

    public SourcesOptions Sources { get; set; } = new();

    public static async Task<IngestHarness> StartAsync(double volume = 0.2, int days = 2, int pollsBeforeReady = 2)
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            Port = 0,
            Days = days,
            VolumeMultiplier = volume,
            TeleVoipsPollsBeforeReady = pollsBeforeReady,
            // A PBX on UTC: a file's local date is then the ground truth's UTC day, which these transport tests count by.
            TeleVoipsTimeZone = TimeZoneInfo.Utc,
        }, CancellationToken.None);
        var dir = new TempDirectory("ingest");
        var harness = new IngestHarness(sandbox, dir);
        harness.Sources = new SourcesOptions
        {
            TeleVoips = new TeleVoipsOptions
            {
                BaseUrl = sandbox.TeleVoipsBaseUrl.ToString(),
                ApiKey = SandboxKeys.TeleVoipsApiKey,
                PollInterval = TimeSpan.FromMilliseconds(20),
            },
            Telnyx = new TelnyxOptions { BaseUrl = sandbox.TelnyxBaseUrl.ToString(), ApiKey = SandboxKeys.TelnyxApiKey },
            Callr = new CallrOptions { BaseUrl = sandbox.CallrUrl.ToString(), ApiKey = SandboxKeys.CallrApiKey },
            Telgorithm = new TelgorithmOptions
            {
                BaseUrl = sandbox.TelgorithmBaseUrl.ToString(),
                Username = SandboxKeys.TelgorithmUser,
                Password = SandboxKeys.TelgorithmPassword,
            },
        };
        return harness;
    }

    /// <summary>A harness whose Telnyx pulls only <c>messaging</c>, <paramref name="concurrency"/> requests at a time.</summary>
    public static async Task<IngestHarness> TelnyxMessagingAsync(int concurrency)
    {
        var h = await StartAsync();
        h.Sources = h.Sources with { Telnyx = h.Sources.Telnyx with { RecordTypes = ["messaging"], Concurrency = concurrency } };
        return h;
    }

    public IngestRunner Runner() => new(Sources, Landing, Logs.Factory(), TimeProvider.System, Http);

    public Task<IReadOnlyList<IngestSummary>> IngestAsync(string source, IngestRequest? request = null, IProgress<IngestProgress>? progress = null) =>
        RunClientAsync(Runner().Create(source), request ?? OneDay, progress);

    public long Requests(SandboxProvider provider) => Sandbox.Requests[provider];

    public void Fault(SandboxProvider provider, FaultKind kind, params int[] requests) => Sandbox.Faults.Add(provider, kind, requests);

    public long GroundTruthCount(string source, DateOnly day, string? kind = null) =>
        Sandbox.GroundTruth.Days.Where(d => d.Source == source && d.Day == day && (kind is null || d.Kind == kind)).Sum(d => d.Count);

    /// <summary>Every file under the landing root (payloads, manifests, markers, leftovers).</summary>
    public IEnumerable<string> LandingFiles() =>
        Directory.Exists(Landing.Path) ? Directory.EnumerateFiles(Landing.Path, "*", SearchOption.AllDirectories) : [];

    private static async Task<IReadOnlyList<IngestSummary>> RunClientAsync(ISourceClient client, IngestRequest request, IProgress<IngestProgress>? progress)
    {
        try
        {
            return await client.IngestAsync(request, progress, CancellationToken.None);
        }
        finally
        {
            (client as IDisposable)?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Dir.Dispose();
    }
}
