using System.Globalization;

namespace Analytics.Reports.Aggregates;

/// <summary>
/// Completes a history table: every bucket of the period × every (source, direction, currency) seen in it,
/// so a bucket without traffic still appears with zeros (spend 0, or unknown where nothing is priced);
/// ALL IN and ALL OUT always appear, even for an empty period. Rows are labelled with the bucket's local and
/// UTC start, ordered by bucket, ALL first, then source, direction and currency (unpriced last).
/// </summary>
internal static class HistoryGrid
{
    public static IReadOnlyList<T> Fill<T>(ReportPeriod period, IReadOnlyList<T> rows,
        Func<(string Source, string Direction, string? Currency), T> empty, Func<T, long, string, string, T> label) where T : IHistoryRow
    {
        var buckets = period.Buckets;
        var keys = new List<long>();
        for (var key = buckets.KeyOf(period.Start); buckets.StartOf(key) < period.End; key = buckets.Next(key))
            keys.Add(key);
        var dims = rows.Select(r => (r.Source, r.Direction, r.Currency)).ToHashSet();
        foreach (var direction in (string[])["IN", "OUT"])
        {
            if (!dims.Any(d => d.Source == "ALL" && d.Direction == direction))
                dims.Add(("ALL", direction, null));
        }

        var byKey = rows.ToDictionary(r => (r.Bucket, r.Source, r.Direction, r.Currency));
        var ordered = dims.OrderBy(d => d.Source != "ALL").ThenBy(d => d.Source, StringComparer.Ordinal)
            .ThenBy(d => d.Direction, StringComparer.Ordinal).ThenBy(d => d.Currency is null).ThenBy(d => d.Currency, StringComparer.Ordinal).ToList();
        var filled = new List<T>(keys.Count * ordered.Count);
        foreach (var key in keys)
        {
            var local = buckets.Label(key);
            var utc = buckets.StartOf(key).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            foreach (var dim in ordered)
                filled.Add(label(byKey.TryGetValue((key, dim.Source, dim.Direction, dim.Currency), out var row) ? row : empty(dim), key, local, utc));
        }

        return filled;
    }
}
