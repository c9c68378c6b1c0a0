using System.Globalization;
using Analytics.Ingest.Http;
using Analytics.Ingest.Paging;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Telnyx;

/// <summary>
/// One record type's day from Telnyx: page 1 gives the page count, pages 2… are fetched up to
/// <see cref="ProviderHttp.Concurrency"/> at a time and committed in page order (the same pages give the same files and
/// manifest whatever order they arrive in). Paging is bounded by evidence, each stop one line naming the page:
/// a page made only of records already received, an empty page before the end, and a page count no larger than
/// <c>meta.total_results</c> allows. A total that changes is followed to its new end; one that keeps changing leaves
/// the day landed but incomplete, with a warning, for the next run.
/// </summary>
internal sealed class TelnyxDayPull(ProviderHttp http, DayLanding day, Func<int, string> pageUrl, int pageSize, ILogger logger)
{
    /// <summary>Changes of the total a pull follows before it leaves the day incomplete for the next run.</summary>
    public const int MaxTotalChanges = 3;

    private readonly SeenRecords _seen = new();
    private Totals? _totals;
    private int _changes;
    private bool _shortPageLanded;

    public async Task<DayOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var next = await ResumeAsync(cancellationToken);
        if (next > 1)
            _totals = await ConfirmAsync(cancellationToken); // the landed pages' totals may be stale by now
        if (next == 1)
        {
            await using var first = await FetchAsync(1, cancellationToken);
            if (await AcceptAsync(1, first, cancellationToken) is { } stop)
                return stop;
            next = 2;
        }

        while (true)
        {
            if (await PullToEndAsync(next, cancellationToken) is { } stop)
                return stop;
            if (_changes == 0)
                return DayOutcome.Complete;
            // The total moved during this pull: it counts as ended only if page 1 still says what the last page said.
            next = _totals!.Pages + 1;
            var confirmed = await ConfirmAsync(cancellationToken);
            if (confirmed == _totals)
                return DayOutcome.Complete;
            if (Changed(confirmed, 1) is { } ended)
                return ended;
            if (confirmed.Pages < next)
                return DayOutcome.Complete; // it shrank: everything it now has is landed
        }
    }

    /// <summary>Only full pages are resumed from: a short last page may have been short only because the day was still filling.</summary>
    public static bool Resumable(ManifestEntry page, int pageSize) => page.Records == pageSize;

    /// <summary>Rebuilds the pull's state from pages a previous run landed and verified; returns the next page to fetch.</summary>
    private async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        var landed = day.Writer.Entries;
        foreach (var entry in landed)
        {
            await using var stream = LandingZone.OpenVerified(new LandedFile(day.Writer.Source, day.Writer.Feed, day.Writer.Day,
                Path.Combine(day.Writer.Directory, entry.File), entry));
            var scan = await JsonEnvelopeScanner.ScanAsync(stream, "data", cancellationToken, "uuid", "id");
            _seen.Add(scan);
            _totals = TotalsOf(scan, landed.Count);
        }

        return landed.Count + 1;
    }

    /// <summary>Fetches pages from <paramref name="first"/> to the current end, a window at a time, committing in order.</summary>
    private async Task<DayOutcome?> PullToEndAsync(int first, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<(int Page, Task<Fetched<JsonScan>> Fetch)>();
        var launched = first - 1;
        void Fill()
        {
            while (window.Count < http.Concurrency && launched < _totals!.Pages)
            {
                launched++;
                window.Enqueue((launched, FetchAsync(launched, stop.Token)));
            }
        }

        try
        {
            Fill();
            while (window.Count > 0)
            {
                var (page, fetch) = window.Dequeue();
                await using var fetched = await fetch;
                if (await AcceptAsync(page, fetched, cancellationToken) is { } outcome)
                    return outcome;
                Fill();
            }

            return null;
        }
        finally
        {
            // Pages fetched ahead of a stop are never committed: their temp files go.
            await stop.CancelAsync();
            foreach (var (_, fetch) in window)
            {
                try
                {
                    await (await fetch).DisposeAsync();
                }
                catch (Exception ex) when (ex is OperationCanceledException or IngestException)
                {
                }
            }
        }
    }

    /// <summary>Checks a page against the evidence and commits it; returns how the pull ends if it ends here.</summary>
    private async Task<DayOutcome?> AcceptAsync(int page, Fetched<JsonScan> fetched, CancellationToken cancellationToken)
    {
        var scan = fetched.Info;
        if (!scan.HasArray)
            throw new IngestException($"{day.Label}: page {page} has no \"data\" array");
        var totals = TotalsOf(scan, page);
        if (_totals is null)
            _totals = totals;
        else if (totals != _totals && Changed(totals, page) is { } tooMany)
            return tooMany;
        if (page > _totals.Pages)
            return DayOutcome.Complete; // the total shrank below this page: nothing here to keep
        if (scan.Items == 0 && page > 1)
            throw new IngestException($"{day.Label}: page {page} is empty but the provider counts {_totals.Pages} pages ({_totals.Results} records); stopping at page {page}, the day is not marked complete");
        if (scan.Items == 0 && _totals.Pages > 1)
            throw new IngestException($"{day.Label}: page 1 is empty but the provider counts {_totals.Pages} pages; stopping at page 1, the day is not marked complete");
        if (_seen.AllSeen(scan))
            throw new IngestException($"{day.Label}: page {page} holds only records already received in this pull; the provider is repeating pages, stopping at page {page}, the day is not marked complete");
        await day.CommitAsync(fetched, pageUrl(page), scan.Items, cancellationToken);
        _seen.Add(scan);
        _shortPageLanded = scan.Items < pageSize;
        return null;
    }

    /// <summary>
    /// Follows a changed total. The day is left incomplete with a warning after <see cref="MaxTotalChanges"/> changes, or
    /// when the total grew past a short page already landed (that page lacks records now; a resume fetches it again,
    /// since only full pages are resumed from).
    /// </summary>
    private DayOutcome? Changed(Totals totals, int page)
    {
        _changes++;
        var before = _totals!;
        _totals = totals;
        if (_changes > MaxTotalChanges || (_shortPageLanded && totals.Pages > day.Writer.Entries.Count))
        {
            logger.LogWarning("{Day}: the provider's total changed {Changes} times while paging (at page {Page}: {Before} -> {After} records); {Pages} pages landed, the day is left incomplete and is fetched again next run",
                day.Label, _changes, page, before.Results, totals.Results, day.Writer.Entries.Count);
            return DayOutcome.Incomplete;
        }

        logger.LogInformation("{Day}: the provider's total changed at page {Page} ({Before} -> {After} records, {Pages} pages); pulling to the new end",
            day.Label, page, before.Results, totals.Results, totals.Pages);
        return null;
    }

    /// <summary>Page 1's totals now, fetched again without landing it.</summary>
    private async Task<Totals> ConfirmAsync(CancellationToken cancellationToken)
    {
        var url = pageUrl(1);
        var (_, json) = await http.GetJsonAsync($"{day.Writer.Feed} {day.Writer.Day:yyyy-MM-dd} page 1 (total check)",
            () => new HttpRequestMessage(HttpMethod.Get, url), retryBadRequest: false, cancellationToken);
        using (json)
        {
            var meta = json.RootElement.TryGetProperty("meta", out var m) ? m : default;
            string? Text(string name) => meta.ValueKind == System.Text.Json.JsonValueKind.Object && meta.TryGetProperty(name, out var v) ? v.ToString() : null;
            return Parse(Text("total_pages"), Text("total_results"), 1);
        }
    }

    private Task<Fetched<JsonScan>> FetchAsync(int page, CancellationToken cancellationToken)
    {
        var url = pageUrl(page);
        return http.FetchAsync($"{day.Writer.Feed} {day.Writer.Day:yyyy-MM-dd} page {page}",
            () => new HttpRequestMessage(HttpMethod.Get, url),
            () => day.Writer.Begin($"page-{page:0000}.json"),
            (body, ct) => JsonEnvelopeScanner.ScanAsync(body, "data", ct, "uuid", "id"),
            retryBadRequest: false, cancellationToken);
    }

    private Totals TotalsOf(JsonScan scan, int page) => Parse(scan.Value("meta.total_pages"), scan.Value("meta.total_results"), page);

    /// <summary>The page count, no larger than <c>total_results</c> allows at this page size.</summary>
    private Totals Parse(string? pagesText, string? resultsText, int page)
    {
        if (!int.TryParse(pagesText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pages) || pages < 0)
            throw new IngestException($"{day.Label}: page {page} has no valid meta.total_pages");
        if (!long.TryParse(resultsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var results) || results < 0)
            return new Totals(pages, -1);
        var ceiling = (int)Math.Min(int.MaxValue, (results + pageSize - 1) / pageSize);
        if (pages > ceiling)
        {
            logger.LogWarning("{Day}: page {Page} claims {Pages} pages but {Results} records fill only {Ceiling}; pulling {Ceiling}",
                day.Label, page, pages, results, ceiling, ceiling);
            pages = ceiling;
        }

        return new Totals(pages, results);
    }

    private sealed record Totals(int Pages, long Results);
}
