using System.Data.Common;
using Analytics.Warehouse.Landing;
using Analytics.Warehouse.Mapping;
using Analytics.Warehouse.Reference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// Loads everything waiting in the landing zone: every file of every complete day folder whose
/// (source, sha256) is not yet in <c>loads</c>. The one entry point for <c>analytics load</c>, <c>run</c>,
/// <c>demo</c> and the scheduler. Files of a feed load in fetch order (so when a record comes in several
/// files the most recently fetched values win), in batches that each commit as one transaction.
/// </summary>
public sealed class LandingLoader
{
    /// <summary>Files per transaction: enough to amortise commits over small JSON pages.</summary>
    private const int BatchFiles = 200;

    /// <summary>Bytes per transaction: keeps one transaction's working set inside the memory budget.</summary>
    private const long BatchBytes = 32L * 1024 * 1024;

    /// <summary>
    /// DuckDB's buffer pool. Memory grows batch after batch on large JSON loads (the primary-key indexes of
    /// calls/sms are the likely holder): at 256–512 MB a 1M-record CALLR load ran out of memory, at 1 GB it completes
    /// with a peak RSS of 0.6 GB. Loading must not fail for want of memory the machine has.
    /// </summary>
    private const string MemoryLimit = "1GB";

    private readonly LandingZone _landing;
    private readonly MappingSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public LandingLoader(LandingZone landing, MappingSettings settings, TimeProvider? time = null, ILogger? logger = null)
    {
        _landing = landing ?? throw new ArgumentNullException(nameof(landing));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Opens the write connection with <paramref name="openWriter"/> (which applies the schema), loads, and
    /// closes it again: the warehouse is locked only while this runs. A writer already holding the file
    /// makes <paramref name="openWriter"/> throw the provider's "locked" error.
    /// </summary>
    public async Task<LoadReport> LoadAllAsync(Func<DbConnection> openWriter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openWriter);
        await using var connection = openWriter();
        return await LoadAllAsync(connection, cancellationToken);
    }

    /// <summary>Loads everything waiting using an open read-write connection (schema applied).</summary>
    public async Task<LoadReport> LoadAllAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Bounded buffer pool: DuckDB spills to its temp directory instead of growing past the RSS budget.
        await Sql.ExecAsync(connection, $"SET memory_limit = '{MemoryLimit}'", cancellationToken);
        await ReferenceData.RefreshAsync(connection, cancellationToken);
        var loaded = (await Sql.PairsAsync(connection, "SELECT source, sha256 FROM loads", cancellationToken)).ToHashSet();
        var results = new List<FileLoad>();
        var batches = new BatchLoader(connection, _time);
        foreach (var feed in Pending(loaded))
        {
            var mapping = FeedMappings.For(feed.Key.Source, feed.Key.Feed, _settings);
            if (mapping is null)
            {
                _logger.LogWarning("{Source}/{Feed}: no mapping for this feed; {Count} files left in landing", feed.Key.Source, feed.Key.Feed, feed.Count());
                continue;
            }

            var batch = new List<(LandedFile, FileVerdict)>();
            foreach (var file in feed)
            {
                FileVerdict verdict;
                try
                {
                    verdict = await LandedFileCheck.CheckAsync(file, mapping, cancellationToken);
                }
                catch (LandingCorruptException ex)
                {
                    // Not recorded: the landing copy is damaged, so the day must be landed again, then it loads.
                    _logger.LogError("{Source}/{Feed}: {Message}", file.Source, file.Feed, ex.Message);
                    results.Add(new FileLoad(file.Source, file.Feed, file.Day, BatchLoader.RelativeName(file), "failed", 0, 0, 0, ex.Message));
                    continue;
                }

                if (verdict.Problem is not null)
                {
                    var rejected = await batches.RejectWholeAsync(file, verdict.Problem, cancellationToken);
                    _logger.LogError("{Message}", rejected.Message);
                    results.Add(rejected);
                    continue;
                }

                batch.Add((file, verdict));
                if (batch.Count == BatchFiles || batch.Sum(b => b.Item1.Bytes) >= BatchBytes)
                {
                    results.AddRange(await batches.LoadAsync(mapping, batch, cancellationToken));
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
                results.AddRange(await batches.LoadAsync(mapping, batch, cancellationToken));
        }

        return new LoadReport(results);
    }

    // Pending files grouped by source/feed, each group in fetch order; the same bytes landed twice load once.
    private IEnumerable<IGrouping<(string Source, string Feed), LandedFile>> Pending(HashSet<(string, string)> loaded)
    {
        var seen = new HashSet<(string, string)>(loaded);
        var pending = new List<LandedFile>();
        foreach (var day in _landing.CompleteDays())
        {
            foreach (var file in day.Files)
            {
                if (seen.Add((file.Source, file.Sha256)))
                    pending.Add(file);
            }
        }

        return pending
            .OrderBy(f => f.Entry.FetchedAt)
            .ThenBy(f => f.Day)
            .GroupBy(f => (f.Source, f.Feed))
            .OrderBy(g => g.Key.Source, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Feed, StringComparer.Ordinal);
    }
}
