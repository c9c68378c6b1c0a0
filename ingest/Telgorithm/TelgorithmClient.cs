using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Analytics.Ingest.Http;
using Analytics.Ingest.Paging;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Telgorithm;

/// <summary>
/// Telgorithm: <c>GET {BaseUrl}/v1/{InboundMessages|OutboundMessages|Calls}</c> with Basic auth, one UTC day per search
/// (<c>CreatedOnFrom</c> inclusive, <c>CreatedOnTo</c> exclusive), following <c>searchId</c> until it is absent or a page is
/// empty. Each page lands whole as <c>page-NNNN.json</c>. The SearchId protocol is unconfirmed, so a searchId seen twice
/// in one search is treated as a loop and stops the day with an error instead of spinning.
/// </summary>
internal sealed class TelgorithmClient : ISourceClient, IDisposable
{
    public const int PageSize = 500;

    private static readonly (string Feed, string Resource)[] Feeds =
        [("inbound_messages", "InboundMessages"), ("outbound_messages", "OutboundMessages"), ("calls", "Calls")];

    private readonly TelgorithmOptions _options;
    private readonly LandingZone _zone;
    private readonly ProviderHttp _http;
    private readonly ILogger _logger;

    public TelgorithmClient(TelgorithmOptions options, LandingZone zone, IngestHttpOptions http, TimeProvider time, ILogger logger)
    {
        if (string.IsNullOrEmpty(options.Username) || string.IsNullOrEmpty(options.Password))
            throw new ArgumentException("telgorithm: Username and Password are required", nameof(options));
        _options = options;
        _zone = zone;
        _logger = logger;
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
        _http = new ProviderHttp(Source, options.BaseUrl, options.Concurrency, http, new SecretRedactor(options.Password, token),
            m => m.Headers.Authorization = new AuthenticationHeaderValue("Basic", token), time, logger);
    }

    public string Source => LandingFeeds.Telgorithm;

    public Task<IReadOnlyList<IngestSummary>> IngestAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken) =>
        FeedIngest.RunAsync(new FeedRun(_zone, Source, _http.Concurrency, Resumable: null, progress, _logger, _http.Redactor),
            [.. Feeds.Select(f => f.Feed)], request, (feed, day, ct) => LandDayAsync(Feeds.First(f => f.Feed == feed).Resource, day, ct), cancellationToken);

    /// <summary>
    /// Follows the searchId page by page (a cursor: one day's pages cannot be fetched in parallel). Ends when a page is
    /// empty or has no searchId; stops with one line naming the page when a searchId comes back or a page holds only
    /// records already received (a fresh searchId that serves the same records again).
    /// </summary>
    private async Task<DayOutcome> LandDayAsync(string resource, DayLanding day, CancellationToken cancellationToken)
    {
        var from = day.Writer.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var records = new SeenRecords();
        string? searchId = null;
        for (var page = 1; ; page++)
        {
            var url = PageUrl(resource, from, searchId);
            var number = page;
            await using var fetched = await _http.FetchAsync($"{resource} {day.Writer.Day:yyyy-MM-dd} page {page}",
                () => new HttpRequestMessage(HttpMethod.Get, url),
                () => day.Writer.Begin($"page-{number:0000}.json"),
                (body, ct) => JsonEnvelopeScanner.ScanAsync(body, "items", ct, "sid", "legSid"),
                retryBadRequest: false, cancellationToken);
            var scan = fetched.Info;
            if (!scan.HasArray)
                throw new IngestException($"{day.Label}: page {page} has no \"items\" array");
            searchId = scan.Value("searchId");
            if (!string.IsNullOrEmpty(searchId) && scan.Items > 0 && !ids.Add(searchId))
                throw new IngestException($"{day.Label}: page {page} returned searchId {searchId} again; the search is looping, stopping at page {page}, the day is not marked complete");
            if (records.AllSeen(scan))
                throw new IngestException($"{day.Label}: page {page} holds only records already received in this search; the provider is repeating pages, stopping at page {page}, the day is not marked complete");
            await day.CommitAsync(fetched, url, scan.Items, cancellationToken);
            records.Add(scan);
            if (string.IsNullOrEmpty(searchId) || scan.Items == 0)
                return DayOutcome.Complete;
        }
    }

    private string PageUrl(string resource, DateTime from, string? searchId)
    {
        static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{_options.BaseUrl.TrimEnd('/')}/v1/{resource}?CreatedOnFrom={Iso(from)}&CreatedOnTo={Iso(from.AddDays(1))}&PageSize={PageSize}&includeFees=true");
        return searchId is null ? url : $"{url}&SearchId={Uri.EscapeDataString(searchId)}";
    }

    public void Dispose() => _http.Dispose();
}
