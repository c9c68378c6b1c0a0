namespace Analytics.Warehouse.Loads;

/// <summary>What one landing file came to.</summary>
/// <param name="Outcome"><c>loaded</c>, <c>rejected</c> (structure wrong: nothing kept) or <c>failed</c> (bytes do not match the manifest: not recorded, re-land it).</param>
public sealed record FileLoad(string Source, string Feed, DateOnly Day, string File, string Outcome, long RowsRead, long RowsLoaded, long RowsRejected, string? Message);

/// <summary>The result of loading everything waiting in landing.</summary>
public sealed record LoadReport(IReadOnlyList<FileLoad> Files)
{
    /// <summary>Per source/feed: files loaded, rows loaded, rows rejected, files rejected or failed.</summary>
    public IEnumerable<(string Source, string Feed, int Files, long Rows, long Rejects, int FilesRejected)> ByFeed() =>
        Files.GroupBy(f => (f.Source, f.Feed))
            .OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Feed, StringComparer.Ordinal)
            .Select(g => (g.Key.Source, g.Key.Feed, g.Count(f => f.Outcome == "loaded"), g.Sum(f => f.RowsLoaded),
                g.Sum(f => f.RowsRejected), g.Count(f => f.Outcome != "loaded")));

    /// <summary>True when some file was rejected whole or failed its manifest check.</summary>
    public bool HasFailures => Files.Any(f => f.Outcome != "loaded");
}
