using System.Text.Json;
using Analytics.Ingest.Http;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest.Totals;

/// <summary>A provider's own daily totals (<see cref="ProviderTotals"/>): one request per feed and day, landed whole.</summary>
internal interface ITotalsClient : IDisposable
{
    string Source { get; }

    /// <summary>The totals feeds that match what is pulled (no voice report when no voice record type is configured).</summary>
    IReadOnlyList<string> Feeds { get; }

    ProviderHttp Http { get; }

    Task<DayOutcome> LandDayAsync(string feed, DayLanding day, CancellationToken cancellationToken);
}

/// <summary>
/// Lands a provider's own totals after its detail records, like any other feed (manifest, <c>_complete</c>, complete days
/// skipped unless forced). Best effort: a provider that does not answer them only makes the day's reconciliation
/// <c>unavailable</c>; it never fails the source's ingest. The next run asks again for the days still missing.
/// </summary>
internal static class TotalsIngest
{
    public static async Task RunAsync(ITotalsClient client, LandingZone zone, IngestRequest request, IProgress<IngestProgress>? progress,
        ILogger logger, CancellationToken cancellationToken)
    {
        if (client.Feeds.Count == 0)
            return;
        try
        {
            await FeedIngest.RunAsync(new FeedRun(zone, client.Source, client.Http.Concurrency, Resumable: null, progress, logger, client.Http.Redactor),
                client.Feeds, request, client.LandDayAsync, cancellationToken);
        }
        catch (IngestException ex)
        {
            logger.LogWarning("{Source}: the provider's own totals were not all fetched ({Message}); reconciliation says unavailable for those days until a run fetches them",
                client.Source, client.Http.Redactor.Redact(ex.Message));
        }
    }

    /// <summary>
    /// Checks a fetched totals payload by reading it as the loader will: bytes that are not JSON are a truncated or
    /// damaged body (retried); JSON that is not the feed's shape fails the day with what was expected.
    /// </summary>
    public static async Task<IReadOnlyList<ProviderTotal>> ValidateAsync(string source, string feed, string what, Stream body, string callrCurrency,
        CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, cancellationToken);
        try
        {
            return ProviderTotals.Parse(source, feed, copy.GetBuffer().AsSpan(0, (int)copy.Length), callrCurrency);
        }
        catch (FormatException ex) when (ex.InnerException is JsonException json)
        {
            throw json;
        }
        catch (FormatException ex)
        {
            throw new IngestException($"{source}: {what}: {ex.Message}");
        }
    }
}
