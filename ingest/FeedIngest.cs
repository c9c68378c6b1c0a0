using Analytics.Ingest.Http;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest;

/// <summary>
/// The per-day loop every client shares: skip days whose landing is complete (unless forced), otherwise start the
/// day afresh, let the client land its pages, and write <c>_complete</c> only after the last page.
/// </summary>
internal static class FeedIngest
{
    public static async Task<IngestSummary> RunAsync(LandingZone zone, string source, string feed, IngestRequest request,
        IProgress<IngestProgress>? progress, ILogger logger, Func<DayLanding, CancellationToken, Task> landDay, CancellationToken cancellationToken)
    {
        int days = 0, pages = 0, skipped = 0;
        long records = 0, bytes = 0;
        foreach (var day in request.Days())
        {
            if (!request.Force && zone.IsComplete(source, feed, day))
            {
                skipped++;
                progress?.Report(new IngestProgress(source, feed, day, 0, 0, 0, "already landed, skipped"));
                continue;
            }

            var landing = new DayLanding(zone.StartDay(source, feed, day), progress);
            await landDay(landing, cancellationToken);
            // Dying before this line leaves the day without _complete: it is landed again next run.
            var completion = await landing.Writer.CompleteAsync(cancellationToken);
            logger.LogInformation("{Source}: {Feed} {Day:yyyy-MM-dd}: landed {Files} files, {Records} records, {Bytes} bytes",
                source, feed, day, completion.Files, completion.Records, completion.Bytes);
            days++;
            pages += completion.Files;
            records += completion.Records;
            bytes += completion.Bytes;
        }

        return new IngestSummary(source, feed, days, pages, records, bytes, skipped);
    }
}

/// <summary>One day being landed: commits validated payloads, refusing a page identical to one already landed that day.</summary>
internal sealed class DayLanding(LandingDayWriter writer, IProgress<IngestProgress>? progress)
{
    private readonly HashSet<string> _hashes = new(StringComparer.Ordinal);
    private long _records;
    private long _bytes;

    public LandingDayWriter Writer { get; } = writer;

    public string Label => $"{Writer.Source}: {Writer.Feed} {Writer.Day:yyyy-MM-dd}";

    /// <summary>Commits the payload; a repeat of an earlier page of the day means the provider is looping: stop with an error.</summary>
    public async Task<ManifestEntry> CommitAsync<T>(Fetched<T> fetched, string url, long records, CancellationToken cancellationToken)
    {
        if (!_hashes.Add(fetched.Payload.Sha256))
            throw new IngestException($"{Label}: {fetched.Payload.Name} repeats a page already received (same content); the provider is looping, stopping");
        var entry = await fetched.Payload.CommitAsync(url, records, cancellationToken);
        _records += entry.Records;
        _bytes += entry.Bytes;
        progress?.Report(new IngestProgress(Writer.Source, Writer.Feed, Writer.Day, Writer.Entries.Count, _records, _bytes));
        return entry;
    }
}
