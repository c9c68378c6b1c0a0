using System.Collections.Concurrent;
using Analytics.Ingest.Http;
using Analytics.Landing;
using Microsoft.Extensions.Logging;

namespace Analytics.Ingest;

/// <summary>How a day's pull ended when it did not fail.</summary>
internal enum DayOutcome
{
    /// <summary>Pulled to its end: the day is marked complete.</summary>
    Complete,

    /// <summary>Stopped early for a reason the next run can get past (it logged a warning): landed, not marked complete.</summary>
    Incomplete,
}

/// <summary>What every feed of one source shares while it is ingested.</summary>
/// <param name="Parallel">Feed-days pulled at once (each still takes its requests from the provider's one limiter).</param>
/// <param name="Resumable">
/// Which landed, verified pages an incomplete day goes on from (the first refused ends them); null: the day starts over.
/// </param>
internal sealed record FeedRun(LandingZone Zone, string Source, int Parallel, Func<ManifestEntry, bool>? Resumable, IProgress<IngestProgress>? Progress,
    ILogger Logger, SecretRedactor Redactor);

/// <summary>
/// The loop every paged client shares: every requested day of every feed, in parallel within the source's limit; days
/// whose landing is complete are skipped (unless forced); a day is marked <c>_complete</c> only after its pull really
/// ended. One feed or day failing does not stop the others: every feed's outcome is reported, then the failures
/// are thrown together (rejected credentials stop everything at once: nothing else can succeed).
/// </summary>
internal static class FeedIngest
{
    public static async Task<IReadOnlyList<IngestSummary>> RunAsync(FeedRun run, IReadOnlyList<string> feeds, IngestRequest request,
        Func<string, DayLanding, CancellationToken, Task<DayOutcome>> landDay, CancellationToken cancellationToken)
    {
        var units = feeds.SelectMany(feed => request.Days().Select(day => (Feed: feed, Day: day))).ToList();
        var results = new ConcurrentDictionary<(string Feed, DateOnly Day), DayResult>();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CredentialsRejectedException? rejected = null;
        try
        {
            await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = run.Parallel, CancellationToken = abort.Token },
                async (unit, token) =>
                {
                    try
                    {
                        results[unit] = await RunDayAsync(run, unit.Feed, unit.Day, request, landDay, token);
                    }
                    catch (CredentialsRejectedException ex)
                    {
                        Interlocked.CompareExchange(ref rejected, ex, null);
                        await abort.CancelAsync();
                    }
                    catch (IngestException ex)
                    {
                        var message = run.Redactor.Redact(ex.Message);
                        run.Logger.LogError("{Message}", message);
                        results[unit] = new DayResult(DayKind.Failed, null, message);
                    }
                });
        }
        catch (OperationCanceledException) when (rejected is not null && !cancellationToken.IsCancellationRequested)
        {
        }

        if (rejected is not null)
            throw rejected;
        var summaries = feeds.Select(feed => Summarise(run.Source, feed, units.Where(u => u.Feed == feed).Select(u => results[u]).ToList())).ToList();
        var failures = units.Where(u => results[u].Kind == DayKind.Failed).Select(u => results[u].Problem!).ToList();
        if (failures.Count > 0)
            throw new PartialIngestException(string.Join("; ", failures), summaries);
        return summaries;
    }

    private static async Task<DayResult> RunDayAsync(FeedRun run, string feed, DateOnly day, IngestRequest request,
        Func<string, DayLanding, CancellationToken, Task<DayOutcome>> landDay, CancellationToken cancellationToken)
    {
        if (!request.Force && run.Zone.IsComplete(run.Source, feed, day))
        {
            run.Progress?.Report(new IngestProgress(run.Source, feed, day, 0, 0, 0, "already landed, skipped"));
            return new DayResult(DayKind.Skipped, null, null);
        }

        var writer = run.Resumable is { } keep && !request.Force
            ? await run.Zone.ResumeDayAsync(run.Source, feed, day, keep, cancellationToken)
            : run.Zone.StartDay(run.Source, feed, day);
        var landing = new DayLanding(writer, run.Progress, run.Redactor);
        if (writer.Entries.Count > 0)
            run.Logger.LogInformation("{Day}: resuming after {Pages} pages already landed and verified", landing.Label, writer.Entries.Count);
        if (await landDay(feed, landing, cancellationToken) == DayOutcome.Incomplete)
            return new DayResult(DayKind.Incomplete, null, null);

        // Dying before this line leaves the day without _complete: the next run resumes or lands it again.
        var completion = await writer.CompleteAsync(cancellationToken);
        run.Logger.LogInformation("{Source}: {Feed} {Day:yyyy-MM-dd}: landed {Files} files, {Records} records, {Bytes} bytes",
            run.Source, feed, day, completion.Files, completion.Records, completion.Bytes);
        return new DayResult(DayKind.Complete, completion, null);
    }

    private static IngestSummary Summarise(string source, string feed, List<DayResult> days)
    {
        var complete = days.Where(d => d.Kind == DayKind.Complete).Select(d => d.Completion!).ToList();
        return new IngestSummary(source, feed, complete.Count, complete.Sum(c => c.Files), complete.Sum(c => c.Records), complete.Sum(c => c.Bytes),
            days.Count(d => d.Kind == DayKind.Skipped), Incomplete: days.Count(d => d.Kind == DayKind.Incomplete),
            Failed: days.Count(d => d.Kind == DayKind.Failed));
    }

    private enum DayKind
    {
        Skipped,
        Complete,
        Incomplete,
        Failed,
    }

    private sealed record DayResult(DayKind Kind, LandingCompletion? Completion, string? Problem);
}

/// <summary>One day being landed: commits validated payloads, refusing a page identical to one already landed that day.</summary>
internal sealed class DayLanding
{
    private readonly IProgress<IngestProgress>? _progress;
    private readonly SecretRedactor _redactor;
    private readonly HashSet<string> _hashes;
    private long _records;
    private long _bytes;

    public DayLanding(LandingDayWriter writer, IProgress<IngestProgress>? progress, SecretRedactor redactor)
    {
        Writer = writer;
        _progress = progress;
        _redactor = redactor;
        var landed = writer.Entries;
        _hashes = new HashSet<string>(landed.Select(e => e.Sha256), StringComparer.Ordinal);
        _records = landed.Sum(e => e.Records);
        _bytes = landed.Sum(e => e.Bytes);
    }

    public LandingDayWriter Writer { get; }

    public string Label => $"{Writer.Source}: {Writer.Feed} {Writer.Day:yyyy-MM-dd}";

    /// <summary>
    /// Commits the payload under its URL with every configured secret redacted (a key can sit in a path, not only a
    /// query); a repeat of an earlier page of the day means the provider is looping: stop with an error.
    /// </summary>
    public async Task<ManifestEntry> CommitAsync<T>(Fetched<T> fetched, string url, long records, CancellationToken cancellationToken)
    {
        if (!_hashes.Add(fetched.Payload.Sha256))
            throw new IngestException($"{Label}: {fetched.Payload.Name} repeats a page already received (same content); the provider is looping, stopping");
        var entry = await fetched.Payload.CommitAsync(_redactor.Redact(url), records, cancellationToken);
        _records += entry.Records;
        _bytes += entry.Bytes;
        _progress?.Report(new IngestProgress(Writer.Source, Writer.Feed, Writer.Day, Writer.Entries.Count, _records, _bytes));
        return entry;
    }
}
