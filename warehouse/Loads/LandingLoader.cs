using System.Data.Common;
using Analytics.Landing;
using Analytics.Warehouse.Loads.Staging;
using Analytics.Warehouse.Mapping;
using Analytics.Warehouse.Reconcile;
using Analytics.Warehouse.Reference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Warehouse.Loads;

/// <summary>
/// Loads everything waiting in the landing zone: every file of every complete day folder whose
/// (source, sha256) is not yet in <c>loads</c>. The one entry point for <c>analytics load</c>, <c>run</c>,
/// <c>demo</c> and the scheduler. Files of a feed load in fetch order (so when a record comes in several
/// files the most recently fetched values win), in batches: each batch is staged (several files at a time), then
/// loaded by <see cref="BatchLoader"/>.
/// </summary>
public sealed class LandingLoader
{
    /// <summary>
    /// Files per batch: enough to amortise the commits and the mapping's passes over small JSON pages. A busy Telnyx
    /// day (1M records in 20,000 pages) is one batch: in batches of 5,000 it took 21 s, in one 14 s (bench/ loads).
    /// Every statement of a batch handles all its files at once, so the count costs no DuckDB memory per file.
    /// </summary>
    private const int BatchFiles = 20000;

    /// <summary>
    /// Landed bytes per batch: bounds the staging disk and the work a crash loses, not memory. Each batch costs fixed
    /// passes (the duplicate check, the upsert's key lookup, two commits), so fewer and larger batches load faster.
    /// </summary>
    private const long BatchBytes = 1024L * 1024 * 1024;

    private readonly LandingZone _landing;
    private readonly MappingSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<LoadCheckpoint>? _checkpoint;
    private readonly ReconcileOptions _reconcile;

    /// <param name="checkpoint">Told at each <see cref="LoadCheckpoint"/>; crash tests stop the process there. None in production.</param>
    /// <param name="reconcile">How the providers' own totals are compared (default: 0.5 % tolerance).</param>
    public LandingLoader(LandingZone landing, MappingSettings settings, TimeProvider? time = null, ILogger? logger = null, Action<LoadCheckpoint>? checkpoint = null,
        ReconcileOptions? reconcile = null)
    {
        _reconcile = reconcile ?? new ReconcileOptions();
        _checkpoint = checkpoint;
        _landing = landing ?? throw new ArgumentNullException(nameof(landing));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Opens the write connection with <paramref name="openWriter"/> (which applies the schema), loads, and
    /// closes it again: the warehouse is locked only while this runs. A writer already holding the file
    /// makes <paramref name="openWriter"/> throw <see cref="WarehouseLockedException"/>.
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
        LoadBudget.Map(connection);
        await PhonePrefixes.CreateAsync(connection, cancellationToken);
        var batches = new BatchLoader(connection, _time, _checkpoint);
        await batches.DeleteStagedAsync(cancellationToken);
        var loaded = (await Sql.PairsAsync(connection, "SELECT source, sha256 FROM loads", cancellationToken)).ToHashSet();
        // A damaged day, or a source with a bad setting, is left out with one line; everything else loads.
        var (days, skipped) = LandingDays.Read(_landing);
        skipped.AddRange(await SourceSettingsCheck.InvalidAsync(connection, _settings, cancellationToken));
        foreach (var skip in skipped)
            _logger.LogError("{Reason}", skip.Reason);
        var skippedSources = skipped.Where(s => s.Feed is null).Select(s => s.Source).ToHashSet(StringComparer.Ordinal);
        var results = new List<FileLoad>();
        using var staging = new StagingArea(_landing.Root);
        var loading = days.Where(d => !skippedSources.Contains(d.Source)).ToList();
        var records = loading.Where(d => !ProviderTotals.IsTotals(d.Source, d.Feed)).ToList();
        var alreadyLoaded = records.SelectMany(d => d.Files).Where(f => loaded.Contains((f.Source, f.Sha256)))
            .Select(f => new AlreadyLoadedFile(f.Source, f.Feed, f.Day, LoadLedger.RelativeName(f))).ToList();
        foreach (var feed in Pending(records, loaded))
        {
            var mapping = FeedMappings.For(feed.Key.Source, feed.Key.Feed, _settings);
            if (mapping is null)
            {
                _logger.LogWarning("{Source}/{Feed}: no mapping for this feed; {Count} files left in landing", feed.Key.Source, feed.Key.Feed, feed.Count());
                continue;
            }

            foreach (var files in Batches(feed))
            {
                try
                {
                    if (mapping.Shape == PayloadShape.Csv)
                    {
                        var staged = await BatchStager.StageCsvAsync(files, staging, cancellationToken);
                        MemoryRelease.CollectManaged();
                        // Checkpoint: only staging files exist for this batch; dying here leaves them for the next load to wipe.
                        _checkpoint?.Invoke(LoadCheckpoint.AfterStaging);
                        await RecordNotStagedAsync(batches, staged.NotStaged, results, cancellationToken);
                        if (staged.Files.Count > 0)
                            results.AddRange(await batches.LoadCsvAsync(mapping, staged.Files, staging, cancellationToken));
                    }
                    else
                    {
                        var (json, notStaged) = await batches.LoadJsonAsync(mapping, files, staging, cancellationToken);
                        await RecordNotStagedAsync(batches, notStaged, results, cancellationToken);
                        results.AddRange(json);
                    }
                }
                finally
                {
                    staging.Clear();
                    MemoryRelease.TrimNative();
                }
            }
        }

        // The providers' own totals after the records they are checked against: every day either touched is reconciled again.
        var totals = Pending(loading.Where(d => ProviderTotals.IsTotals(d.Source, d.Feed)), loaded).SelectMany(g => g);
        // Their outcome is reported apart: a provider's bad totals make its days unavailable, never a failed load.
        var totalsLoaded = await new TotalsLoader(connection, _settings.CallrCurrency, _time, _logger).LoadAsync(totals, cancellationToken);
        var touched = results.Concat(totalsLoaded).Where(f => f.Outcome != FileOutcome.Failed).Select(f => (f.Source, f.Day)).ToHashSet();
        var reconciled = await ReconciliationPass.RunAsync(connection, touched, _reconcile.Tolerance, _time.GetUtcNow(), cancellationToken);
        await LoadSkips.RecordAsync(connection, skipped, _time.GetUtcNow(), cancellationToken);
        var warnings = await ClockWarningsAsync(connection, results, cancellationToken);
        return new LoadReport(results, skipped) { Totals = totalsLoaded, ReconciliationRows = reconciled, Warnings = warnings, AlreadyLoaded = alreadyLoaded };
    }

    // TeleVoIPs files of this load whose calls' uniqueid epochs disagree with the configured zone (never under auto).
    private async Task<IReadOnlyList<string>> ClockWarningsAsync(DbConnection connection, List<FileLoad> results, CancellationToken cancellationToken)
    {
        var files = results.Where(f => f.Source == LandingFeeds.TeleVoips && f.Outcome == FileOutcome.Loaded).Select(f => SqlTemplates.Literal(f.File)).ToList();
        if (files.Count == 0 || TeleVoipsClock.IsAuto(_settings.TeleVoipsTimeZone))
            return [];
        var warnings = await TeleVoipsClock.DisagreementsAsync(connection, _settings.TeleVoipsTimeZone,
            $"SELECT max(load_id) FROM loads WHERE source = 'televoips' AND status = 'loaded' AND file IN ({string.Join(", ", files)}) GROUP BY file", cancellationToken);
        foreach (var warning in warnings)
            _logger.LogWarning("{Warning}", warning);
        return warnings;
    }

    private async Task RecordNotStagedAsync(BatchLoader batches, IReadOnlyList<(LandedFile File, FileLoad Outcome)> notStaged, List<FileLoad> results,
                                            CancellationToken cancellationToken)
    {
        foreach (var (file, outcome) in notStaged)
        {
            // A damaged copy is not recorded: the day must be landed again, then it loads.
            var final = outcome.Outcome == FileOutcome.Rejected ? await batches.RejectWholeAsync(file, outcome.Message!, cancellationToken) : outcome;
            _logger.LogError("{Message}", final.Outcome == FileOutcome.Rejected ? final.Message : $"{file.Source}/{file.Feed}: {final.Message}");
            results.Add(final);
        }
    }

    // A feed's files in fetch order, cut into batches by count and landed bytes.
    private static IEnumerable<IReadOnlyList<LandedFile>> Batches(IEnumerable<LandedFile> files)
    {
        var batch = new List<LandedFile>();
        long bytes = 0;
        foreach (var file in files)
        {
            batch.Add(file);
            bytes += file.Bytes;
            if (batch.Count == BatchFiles || bytes >= BatchBytes)
            {
                yield return batch;
                (batch, bytes) = ([], 0);
            }
        }

        if (batch.Count > 0)
            yield return batch;
    }

    // Pending files grouped by source/feed, each group in fetch order; the same bytes landed twice load once.
    private static IEnumerable<IGrouping<(string Source, string Feed), LandedFile>> Pending(IEnumerable<LandedDay> days, HashSet<(string, string)> loaded)
    {
        var seen = new HashSet<(string, string)>(loaded);
        var pending = new List<LandedFile>();
        foreach (var day in days)
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
