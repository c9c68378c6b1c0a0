using System.Net;
using System.Text.Json;
using Analytics.Landing;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Analytics.Ingest.Http;

/// <summary>
/// One provider's HTTP: authentication, per-attempt timeout, bounded retries with exponential backoff and jitter
/// (or the server's requested wait), error mapping and secret redaction. Bodies stream into a landing temp file
/// and are validated there before the caller may commit them.
/// </summary>
internal sealed class ProviderHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly Action<HttpRequestMessage> _authenticate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _attempts;
    private readonly TimeSpan _attemptTimeout;
    private readonly string _authority;
    private readonly RequestLimiter _limiter;
    private readonly SemaphoreSlim _firstAnswer = new(1, 1);
    private volatile bool _credentialsAnswered;
    private volatile string? _credentialsRejected;

    /// <param name="baseUrl">The provider's base URL: credentials are sent only to its scheme, host and port.</param>
    /// <param name="concurrency">Requests in flight at most, over all the provider's feeds and days.</param>
    public ProviderHttp(string source, string baseUrl, int concurrency, IngestHttpOptions options, SecretRedactor redactor,
        Action<HttpRequestMessage> authenticate, TimeProvider time, ILogger logger)
    {
        Source = source;
        _authority = new Uri(baseUrl, UriKind.Absolute).GetLeftPart(UriPartial.Authority);
        Redactor = redactor;
        _authenticate = authenticate;
        _time = time;
        _logger = logger;
        _attempts = options.MaxRetries + 1;
        _attemptTimeout = options.AttemptTimeout;
        _limiter = new RequestLimiter(concurrency, time, options.MaxDelay);
        _client = new HttpClient(new SocketsHttpHandler
        {
            // gzip is decoded by CheckedBody, which also checks its trailer; the handler's decoder does not.
            AutomaticDecompression = DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            // Redirects are followed by SendAsync, which re-decides per hop whether credentials may go along:
            // the handler would forward custom headers such as x-api-key to any host.
            AllowAutoRedirect = false,
            ConnectTimeout = options.AttemptTimeout,
            MaxConnectionsPerServer = Math.Max(concurrency, 2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            // The pipeline's per-attempt timeout governs; HttpClient's own would bypass the retry logic.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.AcceptEncoding.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue("gzip"));
        _pipeline = Build(options);
    }

    public string Source { get; }

    public SecretRedactor Redactor { get; }

    /// <summary>Requests in flight at most, over all the provider's feeds and days.</summary>
    public int Concurrency => _limiter.Concurrency;

    /// <summary>
    /// Sends the request (fresh per attempt) and streams a successful body into a new payload from <paramref name="begin"/>,
    /// then runs <paramref name="validate"/> over the written bytes. Transient failures and invalid bodies are retried with
    /// a fresh payload; the caller owns (commits or disposes) the returned payload.
    /// </summary>
    public async Task<Fetched<T>> FetchAsync<T>(string what, Func<HttpRequestMessage> request, Func<PendingPayload> begin,
        Func<Stream, CancellationToken, Task<T>> validate, bool retryBadRequest, CancellationToken cancellationToken)
    {
        return await RunAsync(what, async token =>
        {
            // The slot is taken before the temp file is opened: at most Concurrency bodies are being written at once.
            using var slot = await _limiter.AcquireAsync(token);
            return await UntilCredentialsAnsweredAsync(() => FetchOnceAsync(what, request, begin, validate, retryBadRequest, token), token);
        }, cancellationToken);
    }

    private async Task<Fetched<T>> FetchOnceAsync<T>(string what, Func<HttpRequestMessage> request, Func<PendingPayload> begin,
        Func<Stream, CancellationToken, Task<T>> validate, bool retryBadRequest, CancellationToken token)
    {
        var pending = begin();
        try
        {
            using var response = await SendOnceAsync(request, token);
            if (!response.IsSuccessStatusCode)
                await HttpErrors.ThrowAsync(Source, what, response, retryBadRequest, Redactor, _time, token);
            // Reading to the end checks the transport's evidence that the body is whole (CheckedBody).
            await using (var body = await CheckedBody.OpenAsync(response, token))
                await body.CopyToAsync(pending.Stream, token);
            T info;
            await using (var written = await pending.OpenReadAsync(token))
                info = await validate(written, token);
            _logger.LogDebug("{Source}: {What}: HTTP {Status}, {Bytes} bytes", Source, what, (int)response.StatusCode, pending.Bytes);
            return new Fetched<T>(pending, info);
        }
        catch (Exception ex) when (Transient(ex, what, token) is { } transient)
        {
            await pending.DisposeAsync();
            throw transient;
        }
        catch
        {
            await pending.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends the request and parses a small JSON answer (control messages such as export status; not landed).</summary>
    public async Task<(HttpStatusCode Status, JsonDocument Body)> GetJsonAsync(string what, Func<HttpRequestMessage> request,
        bool retryBadRequest, CancellationToken cancellationToken)
    {
        return await RunAsync(what, async token =>
        {
            using var slot = await _limiter.AcquireAsync(token);
            try
            {
                return await UntilCredentialsAnsweredAsync(async () =>
                {
                    using var response = await SendOnceAsync(request, token);
                    if (!response.IsSuccessStatusCode)
                        await HttpErrors.ThrowAsync(Source, what, response, retryBadRequest, Redactor, _time, token);
                    await using var body = await CheckedBody.OpenAsync(response, token);
                    var json = await JsonDocument.ParseAsync(body, cancellationToken: token);
                    _logger.LogDebug("{Source}: {What}: HTTP {Status}", Source, what, (int)response.StatusCode);
                    return (response.StatusCode, json);
                }, token);
            }
            catch (Exception ex) when (Transient(ex, what, token) is { } transient)
            {
                throw transient;
            }
        }, cancellationToken);
    }

    public void Dispose()
    {
        _client.Dispose();
        _limiter.Dispose();
        _firstAnswer.Dispose();
    }

    /// <summary>Runs the pipeline; when the retries are spent, the last failure becomes one clear terminal line.</summary>
    private async Task<T> RunAsync<T>(string what, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(attempt, cancellationToken);
        }
        catch (TransientFetchException ex)
        {
            throw new IngestException($"{Redactor.Redact(ex.Message)} (gave up after {_attempts} attempts)");
        }
        catch (TimeoutRejectedException)
        {
            throw new IngestException($"{Source}: {what}: no complete answer within {_attemptTimeout.TotalSeconds:0.###} s (gave up after {_attempts} attempts)");
        }
    }

    /// <summary>
    /// Until the provider has answered once without refusing the credentials (the HTTP status and, for JSON-RPC, the
    /// body's error), requests go one at a time: rejected credentials then cost one request, not one per parallel feed
    /// and day, and the requests queued behind a refusal fail with it without asking again.
    /// </summary>
    private async Task<T> UntilCredentialsAnsweredAsync<T>(Func<Task<T>> attempt, CancellationToken token)
    {
        if (_credentialsAnswered)
            return await attempt();
        await _firstAnswer.WaitAsync(token);
        try
        {
            if (_credentialsRejected is { } rejected)
                throw new CredentialsRejectedException(rejected);
            var result = await attempt();
            _credentialsAnswered = true;
            return result;
        }
        catch (CredentialsRejectedException ex)
        {
            _credentialsRejected = ex.Message;
            throw;
        }
        finally
        {
            _firstAnswer.Release();
        }
    }

    /// <summary>Sends with credentials for the provider's own host only, following up to 5 redirects as GETs.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> request, CancellationToken token)
    {
        var message = request();
        for (var hop = 0; ; hop++)
        {
            // Method and URL only: headers carry the credentials and are never logged.
            _logger.LogTrace("{Source}: {Method} {Url}", Source, message.Method, Redactor.Redact(message.RequestUri?.ToString()));
            if (message.RequestUri is { } uri && string.Equals(uri.GetLeftPart(UriPartial.Authority), _authority, StringComparison.OrdinalIgnoreCase))
                _authenticate(message);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token);
            }
            finally
            {
                message.Dispose();
            }

            _limiter.Observe(response.Headers, response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable);

            if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location && hop < 5)
            {
                var next = new Uri(message.RequestUri!, location);
                response.Dispose();
                message = new HttpRequestMessage(HttpMethod.Get, next);
                continue;
            }

            return response;
        }
    }

    /// <summary>Transport failures and bodies that do not parse are worth another attempt; cancellation is not.</summary>
    private TransientFetchException? Transient(Exception ex, string what, CancellationToken token) => ex switch
    {
        TransientFetchException => null,
        OperationCanceledException when token.IsCancellationRequested => null,
        HttpRequestException or IOException => new TransientFetchException($"{Source}: {what}: connection failed: {Redactor.Redact(ex.Message)}"),
        JsonException or InvalidDataException => new TransientFetchException($"{Source}: {what}: invalid or truncated body: {Redactor.Redact(ex.Message)}"),
        _ => null,
    };

    private ResiliencePipeline Build(IngestHttpOptions options)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (options.MaxRetries > 0)
            AddRetry(builder, options);
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private void AddRetry(ResiliencePipelineBuilder builder, IngestHttpOptions options)
    {
        builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            ShouldHandle = new PredicateBuilder().Handle<TransientFetchException>().Handle<TimeoutRejectedException>(),
            DelayGenerator = args =>
            {
                TimeSpan delay;
                if (args.Outcome.Exception is TransientFetchException { RetryAfter: { } asked })
                {
                    delay = asked;
                }
                else
                {
                    var exponential = options.BackoffBase.TotalMilliseconds * Math.Pow(2, args.AttemptNumber);
                    delay = TimeSpan.FromMilliseconds(exponential * (0.5 + Random.Shared.NextDouble()));
                }

                return new ValueTask<TimeSpan?>(delay > options.MaxDelay ? options.MaxDelay : delay);
            },
            OnRetry = args =>
            {
                var reason = args.Outcome.Exception is TimeoutRejectedException
                    ? $"{Source}: attempt timed out after {options.AttemptTimeout.TotalSeconds:0.###} s"
                    : Redactor.Redact(args.Outcome.Exception?.Message);
                _logger.LogWarning("{Reason}; retry {Attempt} of {Max} in {Delay:0.###} s", reason, args.AttemptNumber + 1,
                    options.MaxRetries, args.RetryDelay.TotalSeconds);
                return default;
            },
        });
    }
}

/// <summary>A validated body waiting in its landing temp file; commit it or dispose it.</summary>
internal sealed record Fetched<T>(PendingPayload Payload, T Info) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Payload.DisposeAsync();
}
