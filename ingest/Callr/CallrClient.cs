using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Analytics.Ingest.Http;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Callr;

/// <summary>
/// CALLR JSON-RPC 2.0: <c>cdr.get(type, from, to, null, null)</c> and <c>sms.get_list(type, from, to)</c>, one UTC day per
/// call with inclusive bounds <c>00:00:00</c>…<c>23:59:59</c>. The whole response lands as <c>result.json</c>; a JSON-RPC
/// <c>error</c> (even under HTTP 200) fails the day with its code and message, 401 as rejected credentials.
/// </summary>
internal sealed class CallrClient : ISourceClient, IDisposable
{
    private static readonly (string Feed, string Method, string Type)[] Feeds =
        [("cdr_in", "cdr.get", "IN"), ("cdr_out", "cdr.get", "OUT"), ("sms_in", "sms.get_list", "IN"), ("sms_out", "sms.get_list", "OUT")];

    private static readonly MediaTypeHeaderValue JsonRpc = MediaTypeHeaderValue.Parse("application/json-rpc; charset=utf-8");

    private readonly CallrOptions _options;
    private readonly LandingZone _zone;
    private readonly ProviderHttp _http;
    private readonly ILogger _logger;
    private int _id;

    public CallrClient(CallrOptions options, LandingZone zone, IngestHttpOptions http, TimeProvider time, ILogger logger)
    {
        var key = options.ApiKey ?? throw new ArgumentException("callr: ApiKey is required", nameof(options));
        _options = options;
        _zone = zone;
        _logger = logger;
        _http = new ProviderHttp(Source, options.BaseUrl, options.Concurrency, http, new SecretRedactor(key),
            m => m.Headers.Authorization = new AuthenticationHeaderValue("Api-Key", key), time, logger);
    }

    public string Source => LandingFeeds.Callr;

    /// <summary>Every feed and day is pulled on its own: a JSON-RPC error on one fails that feed's day only, and every feed's outcome is reported.</summary>
    public Task<IReadOnlyList<IngestSummary>> IngestAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken) =>
        FeedIngest.RunAsync(new FeedRun(_zone, Source, _http.Concurrency, Resumable: null, progress, _logger, _http.Redactor),
            [.. Feeds.Select(f => f.Feed)], request, (feed, day, ct) =>
            {
                var (_, method, type) = Feeds.First(f => f.Feed == feed);
                return LandDayAsync(method, type, day, ct);
            }, cancellationToken);

    private async Task<DayOutcome> LandDayAsync(string method, string type, DayLanding day, CancellationToken cancellationToken)
    {
        var date = day.Writer.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string from = $"{date} 00:00:00", to = $"{date} 23:59:59";
        object?[] parameters = method == "cdr.get" ? [type, from, to, null, null] : [type, from, to];
        var what = $"{method}({type}, {from}, {to})";
        await using var fetched = await _http.FetchAsync(what,
            () => Request(method, parameters),
            () => day.Writer.Begin("result.json"),
            async (body, ct) => Check(what, await JsonEnvelopeScanner.ScanAsync(body, "result", ct)),
            retryBadRequest: false, cancellationToken);
        var url = $"{_options.BaseUrl}#{method}({type},{from},{to})";
        await day.CommitAsync(fetched, url, fetched.Info.Items, cancellationToken);
        return DayOutcome.Complete;
    }

    private HttpRequestMessage Request(string method, object?[] parameters)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { jsonrpc = "2.0", id = Interlocked.Increment(ref _id), method, @params = parameters });
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonRpc;
        return new HttpRequestMessage(HttpMethod.Post, _options.BaseUrl) { Content = content };
    }

    private JsonScan Check(string what, JsonScan scan)
    {
        // "error": null beside a result is a success; an error object may come without a message, or as a bare string.
        if (scan.Has("error.code") || scan.Has("error.message") || scan.Value("error") is not null)
        {
            var code = scan.Value("error.code");
            var message = _http.Redactor.Redact(scan.Value("error.message") ?? scan.Value("error"));
            var said = (code, message.Length) switch
            {
                (null, _) => $"JSON-RPC error: {message}",
                (_, 0) => $"JSON-RPC error {code} (no message)",
                _ => $"JSON-RPC error {code}: {message}",
            };
            if (code == "401")
                throw new CredentialsRejectedException($"{Source}: credentials rejected ({said})");
            throw new IngestException($"{Source}: {what}: {said}");
        }

        if (!scan.HasArray)
            throw new JsonException("the response has neither an error nor a result array");
        return scan;
    }

    public void Dispose() => _http.Dispose();
}
