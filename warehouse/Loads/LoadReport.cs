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

/// <summary>The result of loading everything waiting in landing.</summary>
public sealed record LoadReport(IReadOnlyList<FileLoad> Files, IReadOnlyList<LoadSkip> Skipped)
{
    /// <summary><c>reconciliation</c> rows this load rewrote (the source-days it touched that have or lack provider totals).</summary>
    public long ReconciliationRows { get; init; }

    /// <summary>The providers' own totals files this load took (apart from <see cref="Files"/>: they never fail a load).</summary>
    public IReadOnlyList<FileLoad> Totals { get; init; } = [];

    /// <summary>Lines for a person about files that loaded but look wrong (a TeleVoIPs clock off its configured zone).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Per source/feed: files loaded, rows loaded, rows rejected, files rejected or failed.</summary>
    public IEnumerable<(string Source, string Feed, int Files, long Rows, long Rejects, int FilesRejected)> ByFeed() =>
        Files.GroupBy(f => (f.Source, f.Feed))
            .OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Feed, StringComparer.Ordinal)
            .Select(g => (g.Key.Source, g.Key.Feed, g.Count(f => f.Outcome == FileOutcome.Loaded), g.Sum(f => f.RowsLoaded),
                g.Sum(f => f.RowsRejected), g.Count(f => f.Outcome != FileOutcome.Loaded)));

    /// <summary>True when some file was rejected whole or failed its manifest check, or a day or source was skipped.</summary>
    public bool HasFailures => Skipped.Count > 0 || Files.Any(f => f.Outcome != FileOutcome.Loaded);
}
