using System.Globalization;
using System.Net.Http.Headers;
using Analytics.Ingest.Http;
using Analytics.Ingest.Totals;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Telnyx;

/// <summary>
/// Telnyx's own totals of a UTC day: <c>GET {BaseUrl}/reports/mdr_usage_reports/sync?aggregation_type=NO_AGGREGATION</c>
/// (messaging) and <c>GET {BaseUrl}/reports/cdr_usage_reports/sync?aggregation_type=NO_AGGREGATION&amp;product_breakdown=NO_BREAKDOWN</c>
/// (voice), with <c>start_date</c> the day's 00:00:00Z and <c>end_date</c> the next day's. The documents warn that a sync
/// report "may take up to a couple of minutes", so each attempt may take three times the usual attempt timeout.
/// </summary>
internal sealed class TelnyxUsageReports : ITotalsClient
{
    private static readonly string[] VoiceTypes = ["call-control", "sip-trunking", "webrtc"];
    private readonly TelnyxOptions _options;

    public TelnyxUsageReports(TelnyxOptions options, IngestHttpOptions http, TimeProvider time, ILogger logger)
    {
        var key = options.ApiKey ?? throw new ArgumentException("telnyx: ApiKey is required", nameof(options));
        _options = options;
        Http = new ProviderHttp(Source, options.BaseUrl, options.Concurrency, http with { AttemptTimeout = http.AttemptTimeout * 3 },
            new SecretRedactor(key), m => m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key), time, logger);
        var types = options.EffectiveRecordTypes;
        Feeds = [.. (types.Contains("messaging") ? [ProviderTotals.TelnyxMessaging] : Array.Empty<string>()),
                 .. (types.Any(VoiceTypes.Contains) ? [ProviderTotals.TelnyxVoice] : Array.Empty<string>())];
    }

    public string Source => LandingFeeds.Telnyx;

    public IReadOnlyList<string> Feeds { get; }

    public ProviderHttp Http { get; }

    public async Task<DayOutcome> LandDayAsync(string feed, DayLanding day, CancellationToken cancellationToken)
    {
        static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var from = day.Writer.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var (path, extra) = feed == ProviderTotals.TelnyxMessaging
            ? ("reports/mdr_usage_reports/sync", "")
            : ("reports/cdr_usage_reports/sync", "&product_breakdown=NO_BREAKDOWN");
        var url = $"{_options.BaseUrl.TrimEnd('/')}/{path}?aggregation_type=NO_AGGREGATION{extra}" +
                  $"&start_date={Uri.EscapeDataString(Iso(from))}&end_date={Uri.EscapeDataString(Iso(from.AddDays(1)))}";
        var what = $"{path} {day.Writer.Day:yyyy-MM-dd}";
        await using var fetched = await Http.FetchAsync(what,
            () => new HttpRequestMessage(HttpMethod.Get, url),
            () => day.Writer.Begin(ProviderTotals.FileName),
            (body, ct) => TotalsIngest.ValidateAsync(Source, feed, what, body, "", ct),
            retryBadRequest: false, cancellationToken);
        await day.CommitAsync(fetched, url, fetched.Info.Count, cancellationToken);
        return DayOutcome.Complete;
    }

    public void Dispose() => Http.Dispose();
}
