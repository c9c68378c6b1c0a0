using System.Data.Common;
using System.Globalization;
using Analytics.Landing;
using Analytics.Warehouse.Loads;
using Analytics.Warehouse.Mapping;
using Microsoft.Extensions.Logging;

namespace Analytics.Warehouse.Reconcile;

/// <summary>
/// Loads landed provider totals (<see cref="ProviderTotals"/>) into <c>provider_totals</c>: each file once, like every
/// other landing file (a <c>loads</c> row keyed by source and sha256), its figures and its <c>loads</c> row in one
/// transaction. A day's figures are those of its latest loaded file, so a day landed again replaces them.
/// </summary>
internal sealed class TotalsLoader(DbConnection connection, string callrCurrency, TimeProvider time, ILogger logger)
{
    public async Task<List<FileLoad>> LoadAsync(IEnumerable<LandedFile> pending, CancellationToken cancellationToken)
    {
        var results = new List<FileLoad>();
        var ledger = new LoadLedger(connection, time);
        foreach (var file in pending.OrderBy(f => f.Entry.FetchedAt))
        {
            byte[] bytes;
            try
            {
                await using var stream = LandingZone.OpenVerified(file);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken);
                bytes = copy.ToArray();
            }
            catch (LandingCorruptException ex)
            {
                // Not recorded: the day must be landed again, then it loads.
                logger.LogError("{Source}/{Feed}: {Message}", file.Source, file.Feed, ex.Message);
                results.Add(new FileLoad(file.Source, file.Feed, file.Day, LoadLedger.RelativeName(file), FileOutcome.Failed, 0, 0, 0, ex.Message));
                continue;
            }

            IReadOnlyList<ProviderTotal> totals;
            try
            {
                totals = ProviderTotals.Parse(file.Source, file.Feed, bytes, callrCurrency);
            }
            catch (FormatException ex)
            {
                var rejected = await ledger.RejectWholeAsync(file, $"is not the provider's totals the feed promises: {ex.Message}", cancellationToken);
                logger.LogError("{Message}", rejected.Message);
                results.Add(rejected);
                continue;
            }

            await RecordAsync(file, totals, cancellationToken);
            results.Add(new FileLoad(file.Source, file.Feed, file.Day, LoadLedger.RelativeName(file), FileOutcome.Loaded, totals.Count, totals.Count, 0, null));
        }
        return results;
    }

    private async Task RecordAsync(LandedFile file, IReadOnlyList<ProviderTotal> totals, CancellationToken cancellationToken)
    {
        var now = $"TIMESTAMPTZ '{time.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'";
        string Lit(string value) => SqlTemplates.Literal(value);
        var rows = totals.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"(currval('load_id_seq'), {Lit(file.Source)}, {Lit(file.Feed)}, DATE '{file.Day:yyyy-MM-dd}', {Lit(t.Kind)}, {Lit(t.Direction)}, {Lit(t.Currency)}, {Lit(t.Metric)}, {t.Value})"));
        await using var transaction = await LoadTransaction.BeginAsync(connection, cancellationToken);
        await Sql.ExecAsync(connection, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO loads (load_id, source, feed, day, file, sha256, bytes, rows_read, rows_loaded, started_at, finished_at, status)
            VALUES (nextval('load_id_seq'), {Lit(file.Source)}, {Lit(file.Feed)}, DATE '{file.Day:yyyy-MM-dd}', {Lit(LoadLedger.RelativeName(file))},
                    {Lit(file.Sha256)}, {file.Bytes}, {totals.Count}, {totals.Count}, {now}, {now}, 'loaded');
            DELETE FROM provider_totals WHERE source = {Lit(file.Source)} AND feed = {Lit(file.Feed)} AND day = DATE '{file.Day:yyyy-MM-dd}';
            """) + (totals.Count == 0 ? "" : "\nINSERT INTO provider_totals (load_id, source, feed, day, kind, direction, currency, metric, value) VALUES\n"
                                                + string.Join(",\n", rows) + ";"), cancellationToken);
        // Dying before this commit leaves neither the loads row nor the figures: the next load takes the file again.
        await transaction.CommitAsync(cancellationToken);
    }
}
