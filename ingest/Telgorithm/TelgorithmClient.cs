using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Analytics.Ingest.Http;
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
        _http = new ProviderHttp(Source, options.BaseUrl, http, new SecretRedactor(options.Password, token),
            m => m.Headers.Authorization = new AuthenticationHeaderValue("Basic", token), time, logger);
    }

    public string Source => LandingFeeds.Telgorithm;

    public async Task<IReadOnlyList<IngestSummary>> IngestAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var summaries = new List<IngestSummary>();
        foreach (var (feed, resource) in Feeds)
        {
            summaries.Add(await FeedIngest.RunAsync(_zone, Source, feed, request, progress, _logger,
                (day, ct) => LandDayAsync(resource, day, ct), cancellationToken));
        }

        return summaries;
    }

    private async Task LandDayAsync(string resource, DayLanding day, CancellationToken cancellationToken)
    {
        var from = day.Writer.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? searchId = null;
        for (var page = 1; ; page++)
        {
            var url = PageUrl(resource, from, searchId);
            var number = page;
            await using var fetched = await _http.FetchAsync($"{resource} {day.Writer.Day:yyyy-MM-dd} page {page}",
                () => new HttpRequestMessage(HttpMethod.Get, url),
                () => day.Writer.Begin($"page-{number:0000}.json"),
                (body, ct) => JsonEnvelopeScanner.ScanAsync(body, "items", ct),
                retryBadRequest: false, cancellationToken);
            var scan = fetched.Info;
            if (!scan.HasArray)
                throw new IngestException($"{day.Label}: page {page} has no \"items\" array");
            searchId = scan.Value("searchId");
            if (!string.IsNullOrEmpty(searchId) && scan.Items > 0 && !seen.Add(searchId))
                throw new IngestException($"{day.Label}: page {page} returned searchId {searchId} again; the search is looping, stopping");
            await day.CommitAsync(fetched, url, scan.Items, cancellationToken);
            if (string.IsNullOrEmpty(searchId) || scan.Items == 0)
                return;
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
