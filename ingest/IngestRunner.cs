using Analytics.Ingest.Callr;
using Analytics.Ingest.Http;
using Analytics.Ingest.Telgorithm;
using Analytics.Ingest.TeleVoips;
using Analytics.Ingest.Telnyx;
using Analytics.Ingest.Totals;
using Analytics.Landing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Ingest;

/// <summary>
/// Builds the provider clients from configuration and runs them: the one place `ingest`, `run`, `demo` and the
/// scheduler share. Sources without credentials are skipped with one line; one source failing does not stop the others.
/// </summary>
public sealed class IngestRunner
{
    private readonly SourcesOptions _sources;
    private readonly LandingOptions _landing;

    /// <summary>Valid source names, in ingest order.</summary>
    public static IReadOnlyList<string> SourceNames { get; } =
        [LandingFeeds.TeleVoips, LandingFeeds.Telnyx, LandingFeeds.Callr, LandingFeeds.Telgorithm];

    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly IngestHttpOptions _http;
    private readonly SecretRedactor _secrets;

    /// <summary>Checks every <c>Sources:*</c> setting first: a bad one is an <see cref="IngestSettingsException"/>, one line per setting.</summary>
    public IngestRunner(SourcesOptions sources, LandingOptions landing, ILoggerFactory? loggers = null, TimeProvider? time = null,
        IngestHttpOptions? http = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(landing);
        SourcesValidation.Check(sources);
        _sources = sources;
        _landing = landing;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _time = time ?? TimeProvider.System;
        _http = http ?? new IngestHttpOptions();
        _secrets = new SecretRedactor(sources.TeleVoips.ApiKey, sources.Telnyx.ApiKey, sources.Callr.ApiKey, sources.Telgorithm.Password);
    }

    /// <summary>Expands <c>all</c> and checks names; an unknown name is one clear error listing the valid ones.</summary>
    public static IReadOnlyList<string> Resolve(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = source.Trim().ToLowerInvariant();
        if (name == "all")
            return SourceNames;
        if (SourceNames.Contains(name))
            return [name];
        throw new IngestException($"unknown source '{source}'; valid: {string.Join(", ", SourceNames)}, all");
    }

    /// <summary>Why a source cannot run (the configuration keys it lacks), or null when it is configured.</summary>
    public string? MissingCredentials(string source) => source switch
    {
        LandingFeeds.TeleVoips when string.IsNullOrEmpty(_sources.TeleVoips.ApiKey) => "Sources:TeleVoips:ApiKey",
        LandingFeeds.Telnyx when string.IsNullOrEmpty(_sources.Telnyx.ApiKey) => "Sources:Telnyx:ApiKey",
        LandingFeeds.Callr when string.IsNullOrEmpty(_sources.Callr.ApiKey) => "Sources:Callr:ApiKey",
        LandingFeeds.Telgorithm when string.IsNullOrEmpty(_sources.Telgorithm.Username) || string.IsNullOrEmpty(_sources.Telgorithm.Password)
            => "Sources:Telgorithm:Username/Password",
        _ => null,
    };

    /// <summary>
    /// Ingests each source in turn. <paramref name="notice"/> receives the one-line skips; failures of individual sources
    /// are collected and rethrown after the others ran: a single one as itself (e.g. <see cref="CredentialsRejectedException"/>),
    /// several as one <see cref="IngestException"/> joining their messages.
    /// </summary>
    public async Task<IReadOnlyList<IngestSummary>> RunAsync(IEnumerable<string> sourceNames, IngestRequest request,
        IProgress<IngestProgress>? progress, Action<string>? notice, CancellationToken cancellationToken)
    {
        var runs = await RunEachAsync(sourceNames, request, progress, notice, cancellationToken);
        var failures = runs.Where(r => r.Failure is not null).Select(r => r.Failure!).ToList();
        // One failure keeps its type (callers treat CredentialsRejectedException as permanent); several become one line.
        if (failures.Count == 1)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[0]);
        if (failures.Count > 1)
            throw new IngestException(string.Join("; ", failures.Select(f => f.Message)));
        return [.. runs.SelectMany(r => r.Summaries)];
    }

    /// <summary>
    /// Ingests each source in turn and says how each one went: what it landed, why it failed, or why it was skipped.
    /// A source failing does not stop the others and nothing is thrown for it.
    /// </summary>
    public async Task<IReadOnlyList<SourceIngest>> RunEachAsync(IEnumerable<string> sourceNames, IngestRequest request,
        IProgress<IngestProgress>? progress, Action<string>? notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceNames);
        var runs = new List<SourceIngest>();
        foreach (var source in sourceNames.SelectMany(Resolve).Distinct())
        {
            var started = _time.GetUtcNow();
            if (MissingCredentials(source) is { } missing)
            {
                var why = $"no credentials configured ({missing})";
                notice?.Invoke($"{source}: {why}, skipped");
                runs.Add(new SourceIngest(source, started, _time.GetUtcNow(), [], null, why));
                continue;
            }

            try
            {
                var client = Create(source);
                try
                {
                    var summaries = await client.IngestAsync(request, progress, cancellationToken);
                    await LandTotalsAsync(source, request, progress, cancellationToken);
                    runs.Add(new SourceIngest(source, started, _time.GetUtcNow(), summaries, null, null));
                }
                finally
                {
                    (client as IDisposable)?.Dispose();
                }
            }
            catch (IngestException ex)
            {
                // Whatever a failure says leaves here with every configured secret redacted (it ends in job data and logs).
                var failure = Redacted(ex);
                _loggers.CreateLogger<IngestRunner>().LogError("{Message}", failure.Message);
                runs.Add(new SourceIngest(source, started, _time.GetUtcNow(), (ex as PartialIngestException)?.Summaries ?? [], failure, null));
            }
        }

        return runs;
    }

    private IngestException Redacted(IngestException ex)
    {
        var message = _secrets.Redact(ex.Message);
        if (message == ex.Message)
            return ex;
        return ex switch
        {
            CredentialsRejectedException => new CredentialsRejectedException(message),
            PartialIngestException partial => new PartialIngestException(message, partial.Summaries),
            _ => new IngestException(message),
        };
    }

    /// <summary>
    /// The provider's own totals of the days just pulled (Telnyx usage reports, CALLR analytics summaries), for
    /// reconciliation; best effort: whatever happens to them, the source's ingest stands.
    /// </summary>
    private async Task LandTotalsAsync(string source, IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger($"Analytics.Ingest.{source}");
        using ITotalsClient? totals = source switch
        {
            LandingFeeds.Telnyx => new TelnyxUsageReports(_sources.Telnyx, _http, _time, logger),
            LandingFeeds.Callr => new CallrSummaries(_sources.Callr, _http, _time, logger),
            _ => null,
        };
        if (totals is not null)
            await TotalsIngest.RunAsync(totals, new LandingZone(_landing, _time), request, progress, logger, cancellationToken);
    }

    /// <summary>The client of one configured source (its credentials must be present).</summary>
    public ISourceClient Create(string source)
    {
        var zone = new LandingZone(_landing, _time);
        var logger = _loggers.CreateLogger($"Analytics.Ingest.{source}");
        return source switch
        {
            LandingFeeds.TeleVoips => new TeleVoipsClient(_sources.TeleVoips, zone, new LandingState(_landing), _http, _time, logger),
            LandingFeeds.Telnyx => new TelnyxClient(_sources.Telnyx, zone, _http, _time, logger),
            LandingFeeds.Callr => new CallrClient(_sources.Callr, zone, _http, _time, logger),
            LandingFeeds.Telgorithm => new TelgorithmClient(_sources.Telgorithm, zone, _http, _time, logger),
            _ => throw new IngestException($"unknown source '{source}'; valid: {string.Join(", ", SourceNames)}, all"),
        };
    }
}
