using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Ingest.Http;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.TeleVoips;

/// <summary>
/// TeleVoIPs CDR export: <c>GET {BaseUrl}/reports/cdrs</c> answers 202 while the export is prepared and 201 with a
/// download <c>url</c> when complete; the CSV lands as received under the date its file name carries.
/// The export id and first-poll time live in the landing zone's state (<see cref="LandingState"/>), so a restarted process
/// keeps the same poll deadline. As documented, the request has no parameters and the export is always the previous day's:
/// only yesterday can be fetched from the real API. A BaseUrl on a loopback address is the sandbox, which also serves
/// older days when asked with <c>date=</c> (a sandbox extension, for backfilling it).
/// </summary>
internal sealed partial class TeleVoipsClient : ISourceClient, IDisposable
{
    public const string Feed = "cdrs";
    private readonly TeleVoipsOptions _options;
    private readonly LandingZone _zone;
    private readonly LandingState _state;
    private readonly ProviderHttp _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _base;

    public TeleVoipsClient(TeleVoipsOptions options, LandingZone zone, LandingState state, IngestHttpOptions http, TimeProvider time, ILogger logger)
    {
        var key = options.ApiKey ?? throw new ArgumentException("televoips: ApiKey is required", nameof(options));
        _options = options;
        _zone = zone;
        _state = state;
        _time = time;
        _logger = logger;
        _base = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        // ProviderHttp sends the key only to BaseUrl's host: a download URL elsewhere (a CDN, a bucket) never sees it.
        _http = new ProviderHttp(Source, options.BaseUrl, options.Concurrency, http, new SecretRedactor(key),
            message => message.Headers.TryAddWithoutValidation(options.AuthHeader, key), time, logger);
    }

    public string Source => LandingFeeds.TeleVoips;

    public async Task<IReadOnlyList<IngestSummary>> IngestAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        int days = 0, pages = 0, skipped = 0, waiting = 0;
        long records = 0, bytes = 0;
        foreach (var day in Fetchable(request))
        {
            if (!request.Force && _zone.IsComplete(Source, Feed, day))
            {
                skipped++;
                progress?.Report(new IngestProgress(Source, Feed, day, 0, 0, 0, "already landed, skipped"));
                continue;
            }

            if (await ExportAsync(day, request.PollOnce, progress, cancellationToken) is not { } url)
            {
                waiting++;
                continue;
            }

            var (name, fileDay) = FileOf(url, day);
            var landing = new DayLanding(_zone.StartDay(Source, Feed, fileDay), progress, _http.Redactor);
            await using (var fetched = await _http.FetchAsync($"download {name}",
                () => new HttpRequestMessage(HttpMethod.Get, url),
                () => landing.Writer.Begin(name),
                (body, ct) => CsvRowCounter.CountRowsAsync(body, $"{Source}: {name}", ct),
                retryBadRequest: true, cancellationToken))
            {
                await landing.CommitAsync(fetched, StripQuery(url), fetched.Info, cancellationToken);
            }

            // Forget the export before marking the day complete: dying in between only costs a fresh export next run.
            await _state.DeleteAsync(Source, Feed, PendingExport.Key(day), cancellationToken);
            var completion = await landing.Writer.CompleteAsync(cancellationToken);
            _logger.LogInformation("{Source}: {File} landed, {Records} records, {Bytes} bytes", Source, name, completion.Records, completion.Bytes);
            days++;
            pages += completion.Files;
            records += completion.Records;
            bytes += completion.Bytes;
        }

        return [new IngestSummary(Source, Feed, days, pages, records, bytes, skipped, waiting)];
    }

    /// <summary>
    /// Requests (or resumes) the export of <paramref name="day"/> and polls until it is complete; returns the download URL,
    /// or null when <paramref name="pollOnce"/> and the export is still being prepared.
    /// </summary>
    private async Task<string?> ExportAsync(DateOnly day, bool pollOnce, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var key = PendingExport.Key(day);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var export = PendingExport.FromJson(await _state.GetAsync(Source, Feed, key, cancellationToken));
        var wait = false;
        if (export is null)
        {
            var (complete, id, url) = await PollAsync(ExportUrl(date), $"export {date}", cancellationToken);
            if (complete)
                return url!;
            export = new PendingExport(id, _time.GetUtcNow());
            // From here a restart resumes this export id rather than requesting a new one.
            await _state.SetAsync(Source, Feed, key, export.ToJson(), cancellationToken);
            if (pollOnce)
                return null;
            wait = true;
        }
        else
        {
            _logger.LogInformation("{Source}: resuming export {Id} for {Date}, first polled {FirstPoll:u}", Source, export.Id, date, export.FirstPoll);
        }

        var polls = 0;
        while (true)
        {
            if (_time.GetUtcNow() - export.FirstPoll >= _options.PollTimeout)
            {
                await _state.DeleteAsync(Source, Feed, key, cancellationToken);
                throw new IngestException($"{Source}: export {export.Id} for {date} still not ready after {Format(_options.PollTimeout)}");
            }

            if (wait)
                await Task.Delay(_options.PollInterval, _time, cancellationToken);
            wait = true;
            // Polled as documented, without the id: the provider completes the day's one export, it never restarts it.
            var (complete, _, url) = await PollAsync(ExportUrl(date), $"export {export.Id} for {date}", cancellationToken);
            polls++;
            progress?.Report(new IngestProgress(Source, Feed, day, 0, 0, 0, complete ? "export ready" : $"export {export.Id} processing (poll {polls})"));
            if (complete)
                return url!;
            if (pollOnce)
                return null;
        }
    }

    /// <summary>True when BaseUrl is the sandbox (a loopback address): only it takes <c>date=</c>.</summary>
    private bool Sandbox => _base.IsLoopback;

    private string ExportUrl(string date) => Sandbox ? $"{_base}reports/cdrs?date={date}" : $"{_base}reports/cdrs";

    /// <summary>
    /// The requested days that can be fetched: all of them from the sandbox, only yesterday (UTC) from the real API, which
    /// exports the previous day's records and nothing else. Other days are one warning line; none at all is an error.
    /// </summary>
    private List<DateOnly> Fetchable(IngestRequest request)
    {
        var days = request.Days().ToList();
        if (Sandbox)
            return days;
        var yesterday = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddDays(-1);
        var others = days.Where(d => d != yesterday).ToList();
        if (others.Count == 0)
            return days;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Source}: only yesterday ({yesterday:yyyy-MM-dd}) can be fetched from the TeleVoIPs API, which exports the previous day only; ") +
            $"{Range(others)} not fetched";
        if (others.Count == days.Count)
            throw new IngestException(line);
        _logger.LogWarning("{Line}", line);
        return [yesterday];
    }

    private static string Range(List<DateOnly> days) => days.Count == 1
        ? days[0].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{days[0]:yyyy-MM-dd}..{days[^1]:yyyy-MM-dd}");

    private async Task<(bool Complete, string Id, string? Url)> PollAsync(string url, string what, CancellationToken cancellationToken)
    {
        var (status, json) = await _http.GetJsonAsync(what, () => new HttpRequestMessage(HttpMethod.Get, url), retryBadRequest: true, cancellationToken);
        using (json)
        {
            var root = json.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var id = Text("id") ?? "";
            var link = Text("url");
            var state = Text("status");
            var complete = status == HttpStatusCode.Created || string.Equals(state, "complete", StringComparison.OrdinalIgnoreCase);
            if (complete && string.IsNullOrEmpty(link))
                throw new IngestException($"{Source}: {what}: complete but the answer has no \"url\"");
            if (!complete && id.Length == 0)
                throw new IngestException($"{Source}: {what}: HTTP {(int)status} status '{state}' without an export \"id\"");
            return (complete, id, link);
        }
    }

    /// <summary>File name and day from <c>cdrs_yyyy-MM-dd.csv</c> in the URL; the requested day when the name says nothing.</summary>
    private (string Name, DateOnly Day) FileOf(string url, DateOnly requested)
    {
        var match = FileName().Match(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url);
        if (match.Success && DateOnly.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day != requested)
                _logger.LogWarning("{Source}: asked for {Requested:yyyy-MM-dd}, the export is {Name}; landing it under its own date", Source, requested, match.Value);
            return (match.Value, day);
        }

        _logger.LogWarning("{Source}: download URL does not name a cdrs_yyyy-MM-dd.csv file; landing it as the requested day", Source);
        return ($"cdrs_{requested:yyyy-MM-dd}.csv", requested);
    }

    /// <summary>Download links may carry signatures in their query; the manifest keeps only scheme, host and path.</summary>
    private static string StripQuery(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : url.Split('?')[0];

    internal static string Format(TimeSpan span) => span switch
    {
        { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => $"{span.TotalHours:0}h",
        { TotalMinutes: >= 1 } when span.TotalMinutes == Math.Floor(span.TotalMinutes) => $"{span.TotalMinutes:0}min",
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s"),
    };

    [GeneratedRegex(@"cdrs_(\d{4}-\d{2}-\d{2})\.csv", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    public void Dispose() => _http.Dispose();
}
