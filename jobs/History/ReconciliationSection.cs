using System.Globalization;
using System.Text;
using Analytics.Warehouse.Reconcile;

namespace Analytics.Jobs.History;

/// <summary>
/// The reconciliation part of <c>analytics status</c>: per source and day (newest first) whether the warehouse agrees with
/// the provider's own totals, each mismatch with both figures and the delta, and the kinds the provider did not answer for.
/// </summary>
internal static class ReconciliationSection
{
    /// <summary>Days shown.</summary>
    public const int Days = 7;

    public static string Render(IReadOnlyList<ReconciliationRow> rows)
    {
        if (rows.Count == 0)
            return "";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Reconciliation against the providers' own totals (tolerance {rows[0].TolerancePercent:0.####} %), latest {Days} days");
        foreach (var day in rows.GroupBy(r => (r.Day, r.Source)))
        {
            var (date, source) = day.Key;
            var mismatches = day.Where(r => r.Status == "mismatch").ToList();
            var unavailable = day.Where(r => r.Status == "unavailable").Select(r => r.Kind == "sms" ? "SMS" : "calls").Distinct().ToList();
            var ok = day.Count(r => r.Status == "ok");
            text.Append(CultureInfo.InvariantCulture, $"  {source,-11}{date:yyyy-MM-dd}  ");
            text.AppendLine(mismatches.Count > 0 ? $"MISMATCH ({mismatches.Count} of {day.Count()} figures)" : unavailable.Count > 0 ? (ok > 0 ? $"unavailable in part ({ok} figures ok)" : "unavailable") : $"ok ({ok} figures)");
            foreach (var r in mismatches)
            {
                var share = r.ProviderValue is { } p && p != 0 ? string.Create(CultureInfo.InvariantCulture, $" ({r.Difference / p:+0.0##%;-0.0##%})") : "";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"             {(r.Kind == "sms" ? "SMS" : "calls")} {r.Direction} {r.Currency} {r.Metric.Replace('_', ' ')}: warehouse {r.WarehouseValue:0.####}, {source} {r.ProviderValue:0.####}, off by {r.Difference:+0.####;-0.####}{share}");
            }
            if (unavailable.Count > 0)
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"             unavailable: {source} did not answer its totals for {string.Join(" and ", unavailable)}; 'analytics run --from {date:yyyy-MM-dd} --to {date:yyyy-MM-dd} --source {source}' asks again");
        }
        return text.ToString();
    }
}
