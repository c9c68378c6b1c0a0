using System.Globalization;
using System.Net.Http.Headers;
using Analytics.Ingest.Http;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Telnyx;

/// <summary>
/// Telnyx detail records: <c>GET {BaseUrl}/detail_records</c> per record type and UTC day, Bearer key,
/// pages 1…<c>meta.total_pages</c> of 50. Each page lands whole as <c>page-NNNN.json</c>.
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
        _http = new ProviderHttp(Source, options.BaseUrl, http, new SecretRedactor(key),
            m => m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key), time, logger);
    }

    public string Source => LandingFeeds.Telnyx;

    public async Task<IReadOnlyList<IngestSummary>> IngestAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var summaries = new List<IngestSummary>();
        foreach (var type in _options.EffectiveRecordTypes)
        {
            summaries.Add(await FeedIngest.RunAsync(_zone, Source, type, request, progress, _logger,
                (day, ct) => LandDayAsync(type, day, ct), cancellationToken));
        }

        return summaries;
    }

    private async Task LandDayAsync(string type, DayLanding day, CancellationToken cancellationToken)
    {
        var from = day.Writer.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        int? totalPages = null;
        string? previousFirst = null;
        for (var page = 1; page <= (totalPages ?? 1); page++)
        {
            var url = PageUrl(type, from, page);
            var number = page;
            await using var fetched = await _http.FetchAsync($"{type} {day.Writer.Day:yyyy-MM-dd} page {page}",
                () => new HttpRequestMessage(HttpMethod.Get, url),
                () => day.Writer.Begin($"page-{number:0000}.json"),
                (body, ct) => JsonEnvelopeScanner.ScanAsync(body, "data", ct),
                retryBadRequest: false, cancellationToken);
            var scan = fetched.Info;
            if (!scan.HasArray)
                throw new IngestException($"{day.Label}: page {page} has no \"data\" array");
            if (!int.TryParse(scan.Value("meta.total_pages"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var total) || total < 0)
                throw new IngestException($"{day.Label}: page {page} has no valid meta.total_pages");
            // The first page fixes the bound, so a provider whose total keeps growing cannot keep us paging forever.
            totalPages ??= total;
            // Pages differ in meta.page_number, so a page served twice shows as the same first record, not the same bytes.
            var first = scan.Value("first.uuid") ?? scan.Value("first.id");
            if (first is not null && first == previousFirst)
                throw new IngestException($"{day.Label}: page {page} starts with the same record ({first}) as page {page - 1}; the provider is repeating pages, stopping");
            previousFirst = first;
            await day.CommitAsync(fetched, url, scan.Items, cancellationToken);
        }
    }

    private string PageUrl(string type, DateTime from, int page)
    {
        static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{_options.BaseUrl.TrimEnd('/')}/detail_records?filter[record_type]={Uri.EscapeDataString(type)}" +
            $"&filter[created_at][gte]={Iso(from)}&filter[created_at][lt]={Iso(from.AddDays(1))}&page[number]={page}&page[size]={PageSize}");
    }

    public void Dispose() => _http.Dispose();
}
