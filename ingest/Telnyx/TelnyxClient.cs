using System.Globalization;
using System.Net.Http.Headers;
using Analytics.Ingest.Http;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Telnyx;

/// <summary>
/// Telnyx detail records: <c>GET {BaseUrl}/detail_records</c> per record type and UTC day, Bearer key,
/// <c>filter[created_at]</c> for every record type as the documents give it, <c>sort=created_at</c> so that page numbers
/// address a defined order, pages 1…<c>meta.total_pages</c> of 50 (see <see cref="TelnyxDayPull"/>). Each page lands whole as <c>page-NNNN.json</c>;
/// record types and days run in parallel within <see cref="TelnyxOptions.Concurrency"/> requests.
/// </summary>
internal sealed class TelnyxClient : ISourceClient, IDisposable
{
    public const int PageSize = 50;
    private readonly TelnyxOptions _options;
    private readonly LandingZone _zone;
    private readonly ProviderHttp _http;
    private readonly ILogger _logger;

    public TelnyxClient(TelnyxOptions options, LandingZone zone, IngestHttpOptions http, TimeProvider time, ILogger logger)
    {
        var key = options.ApiKey ?? throw new ArgumentException("telnyx: ApiKey is required", nameof(options));
        _options = options;
        _zone = zone;
        _logger = logger;
        _http = new ProviderHttp(Source, options.BaseUrl, options.Concurrency, http, new SecretRedactor(key),
            m => m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key), time, logger);
    }

    public string Source => LandingFeeds.Telnyx;

    public Task<IReadOnlyList<IngestSummary>> IngestAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken) =>
        FeedIngest.RunAsync(new FeedRun(_zone, Source, _http.Concurrency, Resumable: page => TelnyxDayPull.Resumable(page, PageSize), progress, _logger, _http.Redactor),
            _options.EffectiveRecordTypes, request, LandDayAsync, cancellationToken);

    private Task<DayOutcome> LandDayAsync(string type, DayLanding day, CancellationToken cancellationToken)
    {
        var from = day.Writer.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return new TelnyxDayPull(_http, day, page => PageUrl(type, from, page), PageSize, _logger).RunAsync(cancellationToken);
    }

    private string PageUrl(string type, DateTime from, int page)
    {
        static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{_options.BaseUrl.TrimEnd('/')}/detail_records?filter[record_type]={Uri.EscapeDataString(type)}" +
            $"&filter[created_at][gte]={Iso(from)}&filter[created_at][lt]={Iso(from.AddDays(1))}&sort=created_at&page[number]={page}&page[size]={PageSize}");
    }

    public void Dispose() => _http.Dispose();
}
