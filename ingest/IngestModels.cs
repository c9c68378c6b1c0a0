namespace Analytics.Ingest;

/// <summary>What to ingest: inclusive UTC days; <paramref name="Force"/> fetches days whose landing is already complete.</summary>
/// <param name="PollOnce">
/// TeleVoIPs: poll a pending export once and report the day as waiting instead of sleeping until it is ready
/// (for the scheduler, which asks again later; the export id is kept in the landing zone's state either way).
/// </param>
public sealed record IngestRequest(DateOnly From, DateOnly To, bool Force = false, bool PollOnce = false)
{
    public IEnumerable<DateOnly> Days()
    {
        for (var day = From; day <= To; day = day.AddDays(1))
            yield return day;
    }
}

/// <summary>Progress of one feed: reported after each landed payload and when a day is done or skipped.</summary>
public sealed record IngestProgress(string Source, string Feed, DateOnly Day, int Pages, long Records, long Bytes, string? Message = null);

/// <summary>Totals of one source/feed over the requested days.</summary>
/// <param name="Days">Days landed in this run.</param>
/// <param name="SkippedComplete">Days not fetched because their landing was already complete.</param>
/// <param name="Waiting">Days whose export is not ready yet (only with <see cref="IngestRequest.PollOnce"/>).</param>
/// <param name="Incomplete">
/// Days whose pull could not be finished this time (the provider's total kept changing): what was pulled is landed, the
/// day is not marked complete, and the next run goes on with it. Each one was logged as a warning.
/// </param>
/// <param name="Failed">Days that failed; the source's error names each of them.</param>
public sealed record IngestSummary(string Source, string Feed, int Days, int Pages, long Records, long Bytes, int SkippedComplete,
    int Waiting = 0, int Incomplete = 0, int Failed = 0);

/// <summary>Some feeds or days of a source failed; the others ran, and <see cref="Summaries"/> says how every feed went.</summary>
public sealed class PartialIngestException(string message, IReadOnlyList<IngestSummary> summaries) : IngestException(message)
{
    public IReadOnlyList<IngestSummary> Summaries { get; } = summaries;
}

/// <summary>
/// One source's part of an ingest run: the feeds it landed, or the failure that stopped it (a source whose
/// credentials are missing is skipped, saying which keys it lacks).
/// </summary>
public sealed record SourceIngest(
    string Source, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<IngestSummary> Summaries,
    IngestException? Failure, string? SkippedBecause)
{
    public long Records => Summaries.Sum(s => s.Records);
}

/// <summary>One provider's client: fetches the requested days and lands every payload.</summary>
public interface ISourceClient
{
    string Source { get; }

    Task<IReadOnlyList<IngestSummary>> IngestAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken);
}
