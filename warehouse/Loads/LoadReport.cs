using System.Globalization;

namespace Analytics.Warehouse.Loads;

/// <summary>What became of one landing file.</summary>
public enum FileOutcome
{
    /// <summary>Its rows are in the warehouse (bad records among them are rejects).</summary>
    Loaded,

    /// <summary>Its structure is wrong: nothing of it kept, one reject says why.</summary>
    Rejected,

    /// <summary>Its bytes do not match the manifest: not recorded; land the day again.</summary>
    Failed,
}

/// <summary>What one landing file came to.</summary>
public sealed record FileLoad(string Source, string Feed, DateOnly Day, string File, FileOutcome Outcome, long RowsRead, long RowsLoaded, long RowsRejected, string? Message);

/// <summary>
/// A landing day (its manifest unreadable, or not matching its <c>_complete</c> marker), or a whole source (one of its
/// settings invalid), that a load left out; everything else loaded. Recorded in <c>load_skips</c> for <c>status</c>.
/// </summary>
/// <param name="Source">The source.</param>
/// <param name="Feed">The feed, or null when the whole source was skipped.</param>
/// <param name="Day">The landing day, or null when the whole source was skipped.</param>
/// <param name="Subject">The file or the setting at fault (<c>televoips/cdrs/2026-11-20/manifest.jsonl</c>, <c>Sources:TeleVoips:TimeZone</c>).</param>
/// <param name="Reason">One line for a person: what is wrong and what to do.</param>
public sealed record LoadSkip(string Source, string? Feed, DateOnly? Day, string Subject, string Reason);

/// <summary>A landed file a load did not take because the warehouse already holds its bytes (an earlier load took them).</summary>
public sealed record AlreadyLoadedFile(string Source, string Feed, DateOnly Day, string File);

/// <summary>
/// What one load did with one source/feed: files taken and their rows (<paramref name="Rows"/> counts every row of those
/// files, re-sent records included), rows rejected, files rejected or failed, and landed files left alone because they
/// were loaded before.
/// </summary>
public sealed record FeedLoad(string Source, string Feed, int Files, long Rows, long Rejects, int FilesRejected, int AlreadyLoaded)
{
    /// <summary>
    /// One line for a person: <c>2 files, 1,540 rows loaded</c>, with rejects and earlier files when there are any; a feed
    /// with nothing new says <c>0 new rows (already loaded: 3 files)</c>, not that it loaded 0 rows.
    /// </summary>
    public string Describe() => Files == 0 && FilesRejected == 0
        ? string.Create(CultureInfo.InvariantCulture, $"0 new rows (already loaded: {AlreadyLoaded:N0} files)")
        : string.Create(CultureInfo.InvariantCulture,
            $"{Files} files, {Rows:N0} rows loaded{(Rejects > 0 ? $", {Rejects:N0} rejects" : "")}{(FilesRejected > 0 ? $", {FilesRejected} files rejected" : "")}{(AlreadyLoaded > 0 ? $" (already loaded: {AlreadyLoaded:N0} files)" : "")}");
}

/// <summary>The result of loading everything waiting in landing.</summary>
public sealed record LoadReport(IReadOnlyList<FileLoad> Files, IReadOnlyList<LoadSkip> Skipped)
{
    /// <summary><c>reconciliation</c> rows this load rewrote (the source-days it touched that have or lack provider totals).</summary>
    public long ReconciliationRows { get; init; }

    /// <summary>The providers' own totals files this load took (apart from <see cref="Files"/>: they never fail a load).</summary>
    public IReadOnlyList<FileLoad> Totals { get; init; } = [];

    /// <summary>Lines for a person about files that loaded but look wrong (a TeleVoIPs clock off its configured zone).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Landed detail-record files (not totals) this load left alone because an earlier load took the same bytes.</summary>
    public IReadOnlyList<AlreadyLoadedFile> AlreadyLoaded { get; init; } = [];

    /// <summary>Per source/feed with a file in landing: what this load took and what it found loaded before.</summary>
    public IEnumerable<FeedLoad> ByFeed()
    {
        var before = AlreadyLoaded.CountBy(f => (f.Source, f.Feed)).ToDictionary();
        return Files.Select(f => (f.Source, f.Feed)).Concat(before.Keys).Distinct()
            .OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Feed, StringComparer.Ordinal)
            .Select(k =>
            {
                var files = Files.Where(f => f.Source == k.Source && f.Feed == k.Feed).ToList();
                return new FeedLoad(k.Source, k.Feed, files.Count(f => f.Outcome == FileOutcome.Loaded), files.Sum(f => f.RowsLoaded),
                    files.Sum(f => f.RowsRejected), files.Count(f => f.Outcome != FileOutcome.Loaded), before.GetValueOrDefault(k));
            });
    }

    /// <summary>True when some file was rejected whole or failed its manifest check, or a day or source was skipped.</summary>
    public bool HasFailures => Skipped.Count > 0 || Files.Any(f => f.Outcome != FileOutcome.Loaded);
}
