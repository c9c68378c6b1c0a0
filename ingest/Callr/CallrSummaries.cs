using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Analytics.Ingest.Http;
using Analytics.Ingest.Totals;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Callr;

/// <summary>
/// CALLR's own totals of a UTC day: <c>analytics/calls.summary(from, to)</c> and <c>analytics/sms.summary(from, to)</c> over
/// <c>00:00:00</c>…<c>23:59:59</c> (inclusive, like <c>cdr.get</c>). A JSON-RPC error is never landed: 401 is rejected
/// credentials, anything else fails that summary's day.
/// </summary>
internal sealed class CallrSummaries : ITotalsClient
{
    private static readonly MediaTypeHeaderValue JsonRpc = MediaTypeHeaderValue.Parse("application/json-rpc; charset=utf-8");
    private readonly CallrOptions _options;
    private int _id;

    public CallrSummaries(CallrOptions options, IngestHttpOptions http, TimeProvider time, ILogger logger)
    {
        var key = options.ApiKey ?? throw new ArgumentException("callr: ApiKey is required", nameof(options));
        _options = options;
        Http = new ProviderHttp(Source, options.BaseUrl, options.Concurrency, http, new SecretRedactor(key),
            m => m.Headers.Authorization = new AuthenticationHeaderValue("Api-Key", key), time, logger);
    }

    public string Source => LandingFeeds.Callr;

    public IReadOnlyList<string> Feeds { get; } = [ProviderTotals.CallrCalls, ProviderTotals.CallrSms];

    public ProviderHttp Http { get; }

    public async Task<DayOutcome> LandDayAsync(string feed, DayLanding day, CancellationToken cancellationToken)
    {
        var date = day.Writer.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string from = $"{date} 00:00:00", to = $"{date} 23:59:59";
        var method = feed == ProviderTotals.CallrCalls ? "analytics/calls.summary" : "analytics/sms.summary";
        var what = $"{method}({from}, {to})";
        await using var fetched = await Http.FetchAsync(what,
            () => Request(method, from, to),
            () => day.Writer.Begin(ProviderTotals.FileName),
            async (body, ct) =>
            {
                await RefuseErrorAsync(what, body, ct);
                body.Position = 0;
                return await TotalsIngest.ValidateAsync(Source, feed, what, body, _options.Currency, ct);
            },
            retryBadRequest: false, cancellationToken);
        await day.CommitAsync(fetched, $"{_options.BaseUrl}#{method}({from},{to})", fetched.Info.Count, cancellationToken);
        return DayOutcome.Complete;
    }

    private HttpRequestMessage Request(string method, string from, string to)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { jsonrpc = "2.0", id = Interlocked.Increment(ref _id), method, @params = new[] { from, to } });
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonRpc;
        return new HttpRequestMessage(HttpMethod.Post, _options.BaseUrl) { Content = content };
    }

    private async Task RefuseErrorAsync(string what, Stream body, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind == JsonValueKind.Null)
            return;
        var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) ? c.ToString() : null;
        var message = Http.Redactor.Redact(error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString());
        if (code == "401")
            throw new CredentialsRejectedException($"{Source}: credentials rejected (JSON-RPC error 401: {message})");
        throw new IngestException($"{Source}: {what}: JSON-RPC error {code}: {message}");
    }

    public void Dispose() => Http.Dispose();
}
